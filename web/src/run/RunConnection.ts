/**
 * One streamed run over WS /ws/execute. The browser sends the session cookie with the
 * handshake, so the run is the signed-in user's (their tier's limits, their history) without
 * an auth message; signed out, it runs anonymously with the server's defaults.
 */
import { socketUrl, type RunEvent } from './runState';

export interface StartMessage {
  language: string;
  code: string;
  stdin?: string;
  args?: string[];
  /** A user environment (id) whose packages the run sees. */
  environment?: string;
}

export class RunConnection {
  private socket: WebSocket | null = null;

  constructor(private readonly onEvent: (event: RunEvent) => void) {}

  start(message: StartMessage): void {
    this.close();
    this.onEvent({ kind: 'connecting' });
    const socket = new WebSocket(socketUrl('/ws/execute'));
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'start', ...message }));
    socket.onmessage = (event: MessageEvent) => {
      let data: unknown;
      try {
        data = JSON.parse(String(event.data));
      } catch {
        return;
      }
      this.onEvent({ kind: 'message', data });
      if (data && typeof data === 'object' && (data as { type?: unknown }).type === 'result') {
        socket.close(1000, 'done');
      }
    };
    socket.onclose = (event: CloseEvent) => {
      if (this.socket === socket) {
        this.onEvent({ kind: 'closed', code: event.code, reason: event.reason });
        this.socket = null;
      }
    };
  }

  /** Types a line (or any text) into the running program's standard input. */
  type(text: string): void {
    this.send({ type: 'stdin', data: text });
    this.onEvent({ kind: 'typed', text });
  }

  endInput(): void {
    this.send({ type: 'eof' });
  }

  stop(): void {
    this.send({ type: 'stop' });
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState <= WebSocket.OPEN) {
      socket.close(1000, 'closed by the page');
    }
  }

  private send(message: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(message));
    }
  }
}
