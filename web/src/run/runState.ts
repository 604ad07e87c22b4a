/**
 * What the editor shows of a streamed run, folded from the messages of WS /ws/execute
 * (server: ExecuteSocketHandler). Kept pure so that every message kind is unit-tested.
 */
import type { RunStatus } from '../api/types';

export type Phase = 'idle' | 'connecting' | 'running' | 'finished' | 'failed';

export interface OutputChunk {
  stream: 'stdout' | 'stderr' | 'stdin' | 'compile' | 'system';
  text: string;
}

export interface RunResult {
  status: RunStatus;
  exit_code: number | null;
  signal: number | null;
  execution_time: number;
  cpu_time: number;
  memory_usage: number;
  reason: string | null;
  compile_output: string | null;
  dropped_output_bytes?: number;
}

export interface RunState {
  phase: Phase;
  runId: string | null;
  output: OutputChunk[];
  preview: string | null;
  result: RunResult | null;
  error: string | null;
  /** The server's refusal of the run before it started (quota, rate, busy server, bad request): its code and fields. */
  problem: Record<string, unknown> | null;
}

export const initialRunState: RunState = {
  phase: 'idle',
  runId: null,
  output: [],
  preview: null,
  result: null,
  error: null,
  problem: null,
};

export type RunEvent =
  | { kind: 'connecting' }
  | { kind: 'message'; data: unknown }
  | { kind: 'typed'; text: string }
  | { kind: 'closed'; code: number; reason: string };

/** Adds text to the output, joining it to the last chunk when that came from the same stream. */
function append(output: OutputChunk[], stream: OutputChunk['stream'], text: string): OutputChunk[] {
  if (!text) {
    return output;
  }
  const last = output[output.length - 1];
  if (last && last.stream === stream) {
    return [...output.slice(0, -1), { stream, text: last.text + text }];
  }
  return [...output, { stream, text }];
}

export function runReducer(state: RunState, event: RunEvent): RunState {
  switch (event.kind) {
    case 'connecting':
      return { ...initialRunState, phase: 'connecting' };
    case 'typed':
      return { ...state, output: append(state.output, 'stdin', event.text) };
    case 'closed':
      if (state.phase === 'connecting' || state.phase === 'running') {
        return {
          ...state,
          phase: 'failed',
          error: event.reason || `connection closed (${event.code})`,
        };
      }
      return state;
    case 'message':
      return onMessage(state, event.data);
  }
}

function onMessage(state: RunState, data: unknown): RunState {
  if (!data || typeof data !== 'object') {
    return state;
  }
  const message = data as Record<string, unknown>;
  switch (message.type) {
    case 'started':
      return { ...state, phase: 'running', runId: typeof message.id === 'string' ? message.id : null };
    case 'stdout':
    case 'stderr': {
      const text = typeof message.data === 'string' ? message.data : '';
      const stream = message.stage === 'compile' ? 'compile' : message.type;
      return { ...state, output: append(state.output, stream, text) };
    }
    case 'preview':
      return { ...state, preview: typeof message.content === 'string' ? message.content : null };
    case 'result':
      return { ...state, phase: 'finished', result: message as unknown as RunResult };
    case 'error': {
      const detail = typeof message.detail === 'string' ? message.detail : 'refused';
      // An error before the run started ends the attempt; during a run it is only said.
      if (state.phase === 'connecting') {
        return { ...state, phase: 'failed', error: detail, problem: message };
      }
      return { ...state, output: append(state.output, 'system', detail + '\n') };
    }
    default:
      return state;
  }
}

export function isActive(state: RunState): boolean {
  return state.phase === 'connecting' || state.phase === 'running';
}

/** The WebSocket URL of a path on this page's server (ws: for http:, wss: for https:). */
export function socketUrl(path: string, location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}
