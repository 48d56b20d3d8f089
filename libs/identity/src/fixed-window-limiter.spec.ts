import { FixedWindowLimiter } from './fixed-window-limiter.js';

describe(FixedWindowLimiter.name, () => {
  it('allows up to the limit within a window and then answers the seconds left', () => {
    const l = new FixedWindowLimiter(3, 60_000);
    expect(l.hit('a', 0)).toBeNull();
    expect(l.hit('a', 1_000)).toBeNull();
    expect(l.hit('a', 2_000)).toBeNull();
    expect(l.hit('a', 10_000)).toBe(50);
  });

  it('counts each key on its own', () => {
    const l = new FixedWindowLimiter(1, 60_000);
    expect(l.hit('a', 0)).toBeNull();
    expect(l.hit('b', 0)).toBeNull();
    expect(l.hit('a', 1)).not.toBeNull();
  });

  it('starts a new window once the old one has passed and forgets old keys', () => {
    const l = new FixedWindowLimiter(1, 60_000);
    expect(l.hit('a', 0)).toBeNull();
    expect(l.hit('a', 59_999)).toBe(1);
    expect(l.hit('b', 60_000)).toBeNull();
    expect(l.hit('a', 60_000)).toBeNull();
    expect(l.hit('c', 200_000)).toBeNull();
    expect(l.size).toBe(1);
  });
});
