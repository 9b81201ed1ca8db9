import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../errors.js';
import { LoginThrottle } from './rate-limit.js';

describe('login throttle', () => {
  it('blocks an account after its failures until its window ends, and a success forgives them', () => {
    let now = 0;
    const t = new LoginThrottle({ perAccount: { max: 2, windowMs: 10_000 }, perAddress: { max: 100, windowMs: 10_000 }, now: () => now });
    t.failed('1.1.1.1', 'ana');
    t.check('1.1.1.1', 'ana');
    t.failed('2.2.2.2', 'ana');
    now = 4_000;
    const err = (() => {
      try {
        t.check('3.3.3.3', 'ana');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterSeconds).toBe(6);
    now = 10_000;
    t.check('3.3.3.3', 'ana');
    t.failed('1.1.1.1', 'bob');
    t.succeeded('bob');
    t.failed('1.1.1.1', 'bob');
    t.check('1.1.1.1', 'bob');
  });

  it('remembers a bounded number of keys, forgetting the oldest first', () => {
    const t = new LoginThrottle({ perAccount: { max: 1, windowMs: 60_000 }, perAddress: { max: 1000, windowMs: 60_000 }, maxKeys: 10, now: () => 0 });
    t.failed('9.9.9.9', 'victim');
    expect(() => t.check('9.9.9.9', 'victim')).toThrow(RateLimitError);
    for (let i = 0; i < 20; i++) t.failed('9.9.9.9', `made-up-${i}`);
    // The flood pushed the oldest window out: memory stays bounded.
    expect(() => t.check('9.9.9.9', 'victim')).not.toThrow();
    expect(() => t.check('9.9.9.9', 'made-up-19')).toThrow(RateLimitError);
  });
});
