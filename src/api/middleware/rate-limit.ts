/**
 * Login throttling against password guessing: failed attempts are counted
 * per account and per client address in fixed windows; once either count
 * reaches its limit, further attempts are refused (429 with Retry-After)
 * until the window ends, without even checking the password. A success
 * clears the account's count. Counts live in this process's memory.
 */
import { RateLimitError } from '../errors.js';

export interface ThrottleRule {
  /** Failures allowed in one window. */
  max: number;
  windowMs: number;
}

export interface LoginThrottleOptions {
  perAccount?: ThrottleRule;
  perAddress?: ThrottleRule;
  /** Most keys remembered; beyond that the oldest are forgotten (bounds memory under a flood of made-up usernames). */
  maxKeys?: number;
  now?: () => number;
}

interface Window {
  count: number;
  resetAt: number;
}

export const DEFAULT_PER_ACCOUNT: ThrottleRule = { max: 5, windowMs: 15 * 60_000 };
export const DEFAULT_PER_ADDRESS: ThrottleRule = { max: 20, windowMs: 15 * 60_000 };

export class LoginThrottle {
  private readonly windows = new Map<string, Window>();
  private readonly perAccount: ThrottleRule;
  private readonly perAddress: ThrottleRule;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: LoginThrottleOptions = {}) {
    this.perAccount = options.perAccount ?? DEFAULT_PER_ACCOUNT;
    this.perAddress = options.perAddress ?? DEFAULT_PER_ADDRESS;
    this.maxKeys = options.maxKeys ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  private blockedFor(key: string, rule: ThrottleRule): number {
    const w = this.windows.get(key);
    const now = this.now();
    if (!w || w.resetAt <= now) return 0;
    return w.count >= rule.max ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }

  /** Throws RateLimitError when this account or address may not try now. */
  check(address: string, username: string): void {
    const wait = Math.max(this.blockedFor(`a:${username}`, this.perAccount), this.blockedFor(`ip:${address}`, this.perAddress));
    if (wait > 0) throw new RateLimitError(wait, 'failed sign-in attempts');
  }

  private bump(key: string, rule: ThrottleRule): void {
    const now = this.now();
    const w = this.windows.get(key);
    if (w && w.resetAt > now) w.count++;
    else {
      this.windows.delete(key);
      this.windows.set(key, { count: 1, resetAt: now + rule.windowMs });
    }
    if (this.windows.size > this.maxKeys) this.prune();
  }

  private prune(): void {
    const now = this.now();
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    // Still too many: forget the oldest windows first (Map keeps insertion order).
    for (const k of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys) break;
      this.windows.delete(k);
    }
  }

  /** Records a failed attempt. */
  failed(address: string, username: string): void {
    this.bump(`a:${username}`, this.perAccount);
    this.bump(`ip:${address}`, this.perAddress);
  }

  /** Records a success: the account's failures are forgiven (the address's are not). */
  succeeded(username: string): void {
    this.windows.delete(`a:${username}`);
  }
}
