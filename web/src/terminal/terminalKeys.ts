/**
 * The keys a phone's on-screen keyboard lacks, as the bytes a terminal sends for them (xterm's
 * normal cursor mode, as bash and most programs expect), and Ctrl as a sticky modifier: pressed
 * once, it turns the next typed letter into its control character (Ctrl then c is ^C, 0x03).
 */
export const TERMINAL_KEYS = {
  esc: '\x1b',
  tab: '\t',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
} as const;

export type TerminalKey = keyof typeof TERMINAL_KEYS;

/** What typed data becomes while Ctrl is held: a letter or one of @[\]^_ becomes its control code; anything else passes. */
export function withControl(data: string): string {
  if (data.length !== 1) {
    return data;
  }
  const code = data.toUpperCase().charCodeAt(0);
  return code >= 0x40 && code <= 0x5f ? String.fromCharCode(code & 0x1f) : data;
}
