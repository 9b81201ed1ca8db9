import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../errors.js';
import { LoginThrottle } from './rate-limit.js';

function refusal(fn: () => unknown): RateLimitError | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof RateLimitError) return e;
    throw e;
  }
}

describe('login throttle', () => {
  it('counts an attempt before its password is checked, limits an account per address until its window ends, and a success gives it back', () => {
    let now = 0;
    const t = new LoginThrottle({ perAccount: { max: 2, windowMs: 10_000 }, perAddress: { max: 100, windowMs: 10_000 }, now: () => now });
    t.begin('1.1.1.1', 'ana');
    t.begin('1.1.1.1', 'ana');
    now = 4_000;
    expect(refusal(() => t.begin('1.1.1.1', 'ana'))?.retryAfterSeconds).toBe(6);
    // Another address is not held by this one's attempts: a stranger cannot use up the owner's.
    expect(refusal(() => t.begin('2.2.2.2', 'ana'))).toBeNull();
    now = 10_000;
    t.succeeded(t.begin('1.1.1.1', 'ana'));
    t.begin('1.1.1.1', 'ana');
    expect(refusal(() => t.begin('1.1.1.1', 'ana'))).toBeNull();
  });

  it('lets at most the allowed attempts through when 60 arrive together', () => {
    const t = new LoginThrottle();
    const through = Array.from({ length: 60 }, () => refusal(() => t.begin('127.0.0.1', 'victim'))).filter((r) => r === null);
    expect(through).toHaveLength(5);
  });

  it('slows an account down across addresses instead of locking it, never longer than the longest delay, and not for an address it signed in from', () => {
    let now = 0;
    const t = new LoginThrottle({
      perAccount: { max: 1000, windowMs: 60_000 },
      perAddress: { max: 1000, windowMs: 60_000 },
      accountSlowdown: { free: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, windowMs: 600_000 },
      now: () => now,
    });
    t.succeeded(t.begin('10.0.0.1', 'ana'));
    for (let i = 0; i < 3; i++) t.begin(`203.0.113.${i}`, 'ana');
    // The 4th attempt from anywhere is taken, then the account waits 1 s, 2 s, 4 s, 8 s, 8 s ...
    t.begin('203.0.113.9', 'ana');
    expect(refusal(() => t.begin('203.0.113.10', 'ana'))?.retryAfterSeconds).toBe(1);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      now += 60_000;
      t.begin(`198.51.100.${i}`, 'ana');
      waits.push(refusal(() => t.begin('198.51.100.200', 'ana'))!.retryAfterSeconds);
    }
    expect(waits).toEqual([2, 4, 8, 8, 8, 8]);
    // The owner's own address is not slowed by the strangers.
    expect(refusal(() => t.begin('10.0.0.1', 'ana'))).toBeNull();
  });

  it('limits password changes per user', () => {
    const t = new LoginThrottle({ passwordChange: { max: 2, windowMs: 60_000 }, now: () => 0 });
    t.beginPasswordChange(7);
    t.beginPasswordChange(7);
    expect(refusal(() => t.beginPasswordChange(7))?.retryAfterSeconds).toBe(60);
    expect(refusal(() => t.beginPasswordChange(8))).toBeNull();
  });

  it('remembers a bounded number of keys, forgetting the oldest first', () => {
    const t = new LoginThrottle({ perAccount: { max: 1, windowMs: 60_000 }, perAddress: { max: 1000, windowMs: 60_000 }, maxKeys: 10, now: () => 0 });
    t.begin('9.9.9.9', 'victim');
    expect(refusal(() => t.begin('9.9.9.9', 'victim'))).toBeInstanceOf(RateLimitError);
    for (let i = 0; i < 20; i++) t.begin('9.9.9.9', `made-up-${i}`);
    // The flood pushed the oldest window out: memory stays bounded.
    expect(refusal(() => t.begin('9.9.9.9', 'victim'))).toBeNull();
    expect(refusal(() => t.begin('9.9.9.9', 'made-up-19'))).toBeInstanceOf(RateLimitError);
  });
});
