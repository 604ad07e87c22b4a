import { announceUsageChange, onUsageChange, runningLow, usedOf } from './usage';

describe('usage', () => {
  it('shows a count against its limit, unlimited as infinity', () => {
    expect(usedOf(3, 10)).toBe('3 / 10');
    expect(usedOf(3, -1)).toBe('3 / ∞');
  });

  it('warns in the last fifth of a quota and never for an unlimited one', () => {
    expect(runningLow(7, 10)).toBe(false);
    expect(runningLow(8, 10)).toBe(true);
    expect(runningLow(500, -1)).toBe(false);
  });

  it('tells listeners a use changed, until they stop listening', () => {
    let heard = 0;
    const stop = onUsageChange(() => heard++);
    announceUsageChange();
    stop();
    announceUsageChange();
    expect(heard).toBe(1);
  });
});
