import { TERMINAL_KEYS, withControl } from './terminalKeys';

describe('terminal keys', () => {
  it('sends the bytes a terminal sends for Esc, Tab and the arrows', () => {
    expect(TERMINAL_KEYS.esc).toBe('\u001b');
    expect(TERMINAL_KEYS.tab).toBe('\t');
    expect(TERMINAL_KEYS.up).toBe('\u001b[A');
    expect(TERMINAL_KEYS.left).toBe('\u001b[D');
  });

  it('turns the next letter into its control character while Ctrl is held', () => {
    expect(withControl('c')).toBe('\u0003');
    expect(withControl('C')).toBe('\u0003');
    expect(withControl('d')).toBe('\u0004');
    expect(withControl('[')).toBe('\u001b');
    expect(withControl('1')).toBe('1');
    expect(withControl('ls')).toBe('ls');
  });
});
