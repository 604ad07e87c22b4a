import { describe, expect, it } from 'vitest';
import { initialRunState, isActive, runReducer, socketUrl, type RunEvent, type RunState } from './runState';

function fold(events: RunEvent[], start: RunState = initialRunState): RunState {
  return events.reduce(runReducer, start);
}

const message = (data: unknown): RunEvent => ({ kind: 'message', data });

describe('runReducer', () => {
  it('follows a run from start to result', () => {
    const state = fold([
      { kind: 'connecting' },
      message({ type: 'started', id: 'run-1', language: 'python' }),
      message({ type: 'stdout', data: 'Name? ' }),
      { kind: 'typed', text: 'Ada\n' },
      message({ type: 'stdout', data: 'Hello, ' }),
      message({ type: 'stdout', data: 'Ada\n' }),
      message({ type: 'stderr', data: 'warning\n' }),
      message({ type: 'result', status: 'OK', exit_code: 0, execution_time: 12, memory_usage: 1024 }),
    ]);
    expect(state.phase).toBe('finished');
    expect(state.runId).toBe('run-1');
    expect(state.output).toEqual([
      { stream: 'stdout', text: 'Name? ' },
      { stream: 'stdin', text: 'Ada\n' },
      { stream: 'stdout', text: 'Hello, Ada\n' },
      { stream: 'stderr', text: 'warning\n' },
    ]);
    expect(state.result?.status).toBe('OK');
    expect(isActive(state)).toBe(false);
  });

  it('marks compiler output as such', () => {
    const state = fold([{ kind: 'connecting' }, message({ type: 'stderr', stage: 'compile', data: 'error: x' })]);
    expect(state.output).toEqual([{ stream: 'compile', text: 'error: x' }]);
  });

  it('keeps the HTML preview', () => {
    const state = fold([{ kind: 'connecting' }, message({ type: 'started', id: 'r' }), message({ type: 'preview', id: 'r', content: '<p>hi</p>' })]);
    expect(state.preview).toBe('<p>hi</p>');
  });

  it('an error before the run started fails the attempt', () => {
    const state = fold([{ kind: 'connecting' }, message({ type: 'error', detail: "unknown language 'cobol'" })]);
    expect(state.phase).toBe('failed');
    expect(state.error).toBe("unknown language 'cobol'");
    expect(state.problem).toEqual({ type: 'error', detail: "unknown language 'cobol'" });
  });

  it('an error during a run is shown in the output and the run goes on', () => {
    const state = fold([{ kind: 'connecting' }, message({ type: 'started', id: 'r' }), message({ type: 'error', detail: 'no run' })]);
    expect(state.phase).toBe('running');
    expect(state.output).toEqual([{ stream: 'system', text: 'no run\n' }]);
  });

  it('a connection lost during a run fails it; after the result it changes nothing', () => {
    const lost = fold([{ kind: 'connecting' }, message({ type: 'started', id: 'r' }), { kind: 'closed', code: 1006, reason: '' }]);
    expect(lost.phase).toBe('failed');
    expect(lost.error).toBe('connection closed (1006)');
    const done = fold([{ kind: 'connecting' }, message({ type: 'result', status: 'KILLED' }), { kind: 'closed', code: 1000, reason: 'done' }]);
    expect(done.phase).toBe('finished');
    expect(done.error).toBeNull();
  });

  it('ignores what it does not know', () => {
    const before = fold([{ kind: 'connecting' }]);
    expect(fold([message({ type: 'authenticated', username: 'x' }), message('text'), message(null)], before)).toEqual(before);
  });

  it('a new run starts from nothing', () => {
    const state = fold([{ kind: 'connecting' }, message({ type: 'stdout', data: 'old' }), message({ type: 'result', status: 'OK' }), { kind: 'connecting' }]);
    expect(state).toEqual({ ...initialRunState, phase: 'connecting' });
  });
});

describe('socketUrl', () => {
  it('uses ws: for http: and wss: for https:', () => {
    expect(socketUrl('/ws/execute', { protocol: 'http:', host: 'localhost:8000' })).toBe('ws://localhost:8000/ws/execute');
    expect(socketUrl('/ws/execute', { protocol: 'https:', host: 'run.example.com' })).toBe('wss://run.example.com/ws/execute');
  });
});
