import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { Button, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TERMINAL_KEYS, withControl, type TerminalKey } from './terminalKeys';
import { inputMessage, parseServerMessage, resizeMessage, terminalSocketUrl } from './terminalProtocol';

const KEY_LABELS: Record<TerminalKey, string> = { esc: 'Esc', tab: 'Tab', up: '↑', down: '↓', left: '←', right: '→' };

/**
 * One session's terminal: xterm.js on WS /ccresearch/terminal/{id}, or on the socket `socketUrl`
 * names for the fitted size (a sandbox's terminal speaks the same messages). The page's session
 * cookie signs the handshake in; the screen fits its container and tells the server its size
 * whenever the window changes.
 */
export function TerminalScreen({ sessionId, socketUrl, onStateChange }: {
  sessionId: string;
  socketUrl?: (cols: number, rows: number) => string;
  onStateChange?: () => void;
}) {
  const addressOf = useRef(socketUrl);
  addressOf.current = socketUrl;
  // The latest callback, read by the socket's handlers without reconnecting when it changes.
  const stateChanged = useRef(onStateChange);
  stateChanged.current = onStateChange;
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'connecting' | 'connected' | 'closed'>('connecting');
  const [problem, setProblem] = useState<string>();
  // Ctrl from the key bar, read by the typing handler without reconnecting.
  const [control, setControl] = useState(false);
  const controlHeld = useRef(false);
  controlHeld.current = control;
  const send = useRef<(data: string) => void>(() => undefined);
  const focus = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (!host.current) {
      return undefined;
    }
    const terminal = new Terminal({ convertEol: false, cursorBlink: true, fontSize: 14 });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(host.current);
    fit.fit();
    const socket = new WebSocket(addressOf.current ? addressOf.current(terminal.cols, terminal.rows) : terminalSocketUrl(window.location, sessionId));
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
    send.current = (data: string) => {
      if (socket.readyState === WebSocket.OPEN) {
        socket.send(inputMessage(data));
      }
    };
    focus.current = () => terminal.focus();
    const typing = terminal.onData((data) => {
      if (controlHeld.current) {
        setControl(false);
        send.current(withControl(data));
      } else {
        send.current(data);
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
      <Space wrap size={4} style={{ marginTop: 8 }} role="toolbar" aria-label={t('terminals.keys')}>
        <Button
          size="small"
          type={control ? 'primary' : 'default'}
          aria-pressed={control}
          data-testid="terminal-key-ctrl"
          onClick={() => {
            setControl(!control);
            focus.current();
          }}
        >
          Ctrl
        </Button>
        {(Object.keys(TERMINAL_KEYS) as TerminalKey[]).map((key) => (
          <Button
            key={key}
            size="small"
            data-testid={`terminal-key-${key}`}
            aria-label={t(`terminals.key.${key}`)}
            onClick={() => {
              send.current(TERMINAL_KEYS[key]);
              focus.current();
            }}
          >
            {KEY_LABELS[key]}
          </Button>
        ))}
      </Space>
    </div>
  );
}
