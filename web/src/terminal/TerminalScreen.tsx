import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inputMessage, parseServerMessage, resizeMessage, terminalSocketUrl } from './terminalProtocol';

/**
 * One session's terminal: xterm.js on WS /ccresearch/terminal/{id}. The page's session cookie signs
 * the handshake in; the screen fits its container and tells the server its size whenever the
 * window changes.
 */
export function TerminalScreen({ sessionId, onStateChange }: { sessionId: string; onStateChange?: () => void }) {
  // The latest callback, read by the socket's handlers without reconnecting when it changes.
  const stateChanged = useRef(onStateChange);
  stateChanged.current = onStateChange;
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'connecting' | 'connected' | 'closed'>('connecting');
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    if (!host.current) {
      return undefined;
    }
    const terminal = new Terminal({ convertEol: false, cursorBlink: true, fontSize: 14 });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(host.current);
    fit.fit();
    const socket = new WebSocket(terminalSocketUrl(window.location, sessionId));
    const sendSize = () => {
      fit.fit();
      const message = resizeMessage(terminal.cols, terminal.rows);
      if (message && socket.readyState === WebSocket.OPEN) {
        socket.send(message);
      }
    };
    socket.onopen = sendSize;
    socket.onmessage = (event) => {
      const received = parseServerMessage(String(event.data));
      switch (received.kind) {
        case 'connected':
          setState('connected');
          stateChanged.current?.();
          sendSize();
          break;
        case 'output':
          terminal.write(received.data);
          break;
        case 'exit':
          setProblem(received.reason);
          break;
        case 'error':
          setProblem(received.message);
          break;
        default:
      }
    };
    socket.onclose = (event) => {
      setState('closed');
      stateChanged.current?.();
      if (event.reason) {
        setProblem(event.reason);
      }
    };
    const typing = terminal.onData((data) => {
      if (socket.readyState === WebSocket.OPEN) {
        socket.send(inputMessage(data));
      }
    });
    window.addEventListener('resize', sendSize);
    terminal.focus();
    return () => {
      window.removeEventListener('resize', sendSize);
      typing.dispose();
      socket.close();
      terminal.dispose();
    };
  }, [sessionId]);

  return (
    <div>
      <div data-testid="terminal-state" style={{ marginBottom: 8 }}>
        {state === 'connected' ? t('terminals.connected') : state === 'closed' ? t('terminals.closed') : t('terminals.connecting')}
        {problem ? ` — ${problem}` : ''}
      </div>
      <div ref={host} data-testid="terminal-screen" style={{ height: 420, background: '#000', padding: 4 }} />
    </div>
  );
}
