import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';

/**
 * A terminal's screen played back from its log: xterm.js interprets the same escape sequences the
 * live session wrote, so colours, cursor moves and full-screen programs look as they did. Nothing
 * typed here goes anywhere.
 */
export function ReplayScreen({ log, rows }: { log: string; rows?: number }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) {
      return undefined;
    }
    const terminal = new Terminal({ disableStdin: true, cursorBlink: false, fontSize: 14, rows: rows ?? 24, scrollback: 5000 });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(host.current);
    fit.fit();
    terminal.write(log);
    const refit = () => fit.fit();
    window.addEventListener('resize', refit);
    return () => {
      window.removeEventListener('resize', refit);
      terminal.dispose();
    };
  }, [log, rows]);
  return <div ref={host} data-testid="replay-screen" style={{ height: 420, background: '#000', padding: 4 }} />;
}
