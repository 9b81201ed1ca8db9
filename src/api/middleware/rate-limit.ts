/**
 * Sign-in throttling against password guessing.
 *
 * An attempt is counted *before* its password is checked, in one
 * synchronous step (no await between the check and the count), so that
 * guesses sent in parallel meet the same limit as guesses sent one after
 * another: 60 at once from one address against one account evaluate at
 * most `perAccount.max` passwords. A success gives the attempt back.
 *
 * Three limits, in fixed windows:
 * - per account *and* address (`perAccount`): a stranger elsewhere cannot
 *   use up the owner's attempts;
 * - per address (`perAddress`), across accounts;
 * - per account from all addresses (`accountSlowdown`): past its free
 *   attempts the account slows down (one attempt per delay, doubling up to
 *   `maxDelayMs`) instead of locking: guesses from many addresses become
 *   slow, yet the owner is never locked out for longer than that delay,
 *   and an address that signed in to the account before is not slowed.
 * Counts live in this process's memory, bounded by `maxKeys`.
 */
import { RateLimitError } from '../errors.js';

export interface ThrottleRule {
  /** Attempts allowed in one window. */
  max: number;
  windowMs: number;
}

export interface SlowdownRule {
  /** Attempts on one account (from any address) before it slows down. */
  free: number;
  /** Delay after the first attempt past `free`; it doubles with each one after. */
  baseDelayMs: number;
  /** The longest the account is ever made to wait. */
  maxDelayMs: number;
  /** Quiet time after which the account's count starts again. */
  windowMs: number;
}

export interface LoginThrottleOptions {
  perAccount?: ThrottleRule;
  perAddress?: ThrottleRule;
  accountSlowdown?: SlowdownRule;
  /** Password changes allowed per user in a window (each proves the current password, so each is a guess too). */
  passwordChange?: ThrottleRule;
  /** Most keys remembered; beyond that the oldest are forgotten (bounds memory under a flood of made-up usernames). */
  maxKeys?: number;
  now?: () => number;
}

interface Window {
  count: number;
  resetAt: number;
}

interface Slow {
  count: number;
  /** No attempt is taken before this time. */
  nextAt: number;
  /** The count starts again after this. */
  resetAt: number;
}

export const DEFAULT_PER_ACCOUNT: ThrottleRule = { max: 5, windowMs: 15 * 60_000 };
export const DEFAULT_PER_ADDRESS: ThrottleRule = { max: 20, windowMs: 15 * 60_000 };
export const DEFAULT_ACCOUNT_SLOWDOWN: SlowdownRule = { free: 10, baseDelayMs: 1_000, maxDelayMs: 60_000, windowMs: 15 * 60_000 };
export const DEFAULT_PASSWORD_CHANGE: ThrottleRule = { max: 5, windowMs: 15 * 60_000 };

/** What begin() returns: hand it back to succeeded() when the password was right. */
export interface Attempt {
  address: string;
  username: string;
}

export class LoginThrottle {
  private readonly windows = new Map<string, Window>();
  private readonly slow = new Map<string, Slow>();
  /** account → addresses that signed in to it (exempt from its slowdown). */
  private readonly known = new Map<string, Set<string>>();
  private readonly perAccount: ThrottleRule;
  private readonly perAddress: ThrottleRule;
  private readonly slowdown: SlowdownRule;
  private readonly passwordChange: ThrottleRule;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: LoginThrottleOptions = {}) {
    this.perAccount = options.perAccount ?? DEFAULT_PER_ACCOUNT;
    this.perAddress = options.perAddress ?? DEFAULT_PER_ADDRESS;
    this.slowdown = options.accountSlowdown ?? DEFAULT_ACCOUNT_SLOWDOWN;
    this.passwordChange = options.passwordChange ?? DEFAULT_PASSWORD_CHANGE;
    this.maxKeys = options.maxKeys ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** Seconds until `key` may try again under `rule`, 0 when it may now. */
  private waitFor(key: string, rule: ThrottleRule, now: number): number {
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) return 0;
    return w.count >= rule.max ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }

  private bump(key: string, rule: ThrottleRule, now: number): void {
    const w = this.windows.get(key);
    if (w && w.resetAt > now) w.count++;
    else {
      this.windows.delete(key);
      this.windows.set(key, { count: 1, resetAt: now + rule.windowMs });
    }
    if (this.windows.size > this.maxKeys) prune(this.windows, this.maxKeys, now);
  }

  private giveBack(key: string): void {
    const w = this.windows.get(key);
    if (w && w.count > 0) w.count--;
  }

  /**
   * Counts a sign-in attempt before its password is checked; throws
   * RateLimitError (nothing counted) when a limit is reached. Synchronous on
   * purpose: parallel requests are counted one by one.
   */
  begin(address: string, username: string): Attempt {
    const now = this.now();
    const pair = `p:${username}\0${address}`;
    const ip = `ip:${address}`;
    const exempt = this.known.get(username)?.has(address) ?? false;
    let wait = Math.max(this.waitFor(pair, this.perAccount, now), this.waitFor(ip, this.perAddress, now));
    const s = this.slow.get(username);
    const live = s && s.resetAt > now ? s : null;
    if (!exempt && live && live.nextAt > now) wait = Math.max(wait, Math.ceil((live.nextAt - now) / 1000));
    if (wait > 0) throw new RateLimitError(wait, 'sign-in attempts');
    this.bump(pair, this.perAccount, now);
    this.bump(ip, this.perAddress, now);
    if (!exempt) {
      const count = (live?.count ?? 0) + 1;
      const past = count - this.slowdown.free;
      const delay = past > 0 ? Math.min(this.slowdown.maxDelayMs, this.slowdown.baseDelayMs * 2 ** Math.min(30, past - 1)) : 0;
      this.slow.delete(username);
      this.slow.set(username, { count, nextAt: now + delay, resetAt: now + this.slowdown.windowMs });
      if (this.slow.size > this.maxKeys) prune(this.slow, this.maxKeys, now);
    }
    return { address, username };
  }

  /** The password was right: the attempt is given back, the account's count cleared, and the address remembered for it. */
  succeeded(attempt: Attempt): void {
    this.windows.delete(`p:${attempt.username}\0${attempt.address}`);
    this.giveBack(`ip:${attempt.address}`);
    this.slow.delete(attempt.username);
    let set = this.known.get(attempt.username);
    if (!set) {
      set = new Set();
      this.known.set(attempt.username, set);
      // Forget the oldest accounts first; a forgotten address is merely slowed like any other.
      if (this.known.size > this.maxKeys) this.known.delete(this.known.keys().next().value!);
    }
    if (set.size >= 16) set.delete(set.values().next().value!);
    set.add(attempt.address);
  }

  /**
   * Counts an attempt to change user `userId`'s password (it proves the
   * current one, so it is a guess too) before that is checked; throws
   * RateLimitError past the limit. `succeeded` gives it back.
   */
  beginPasswordChange(userId: number): { succeeded(): void } {
    const now = this.now();
    const key = `pw:${userId}`;
    const wait = this.waitFor(key, this.passwordChange, now);
    if (wait > 0) throw new RateLimitError(wait, 'password change attempts');
    this.bump(key, this.passwordChange, now);
    return { succeeded: () => this.windows.delete(key) };
  }
}

/** Drops expired entries, then the oldest, until at most `max` remain (Map keeps insertion order). */
function prune(map: Map<string, { resetAt: number }>, max: number, now: number): void {
  for (const [k, w] of map) if (w.resetAt <= now) map.delete(k);
  for (const k of map.keys()) {
    if (map.size <= max) break;
    map.delete(k);
  }
}
