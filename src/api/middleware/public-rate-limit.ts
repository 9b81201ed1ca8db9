/**
 * A request rate limit for callers without a session (the public routes,
 * signing in, anything tried before signing in): per client address, in
 * fixed windows, answered 429 with Retry-After past the limit. Signed-in
 * users are limited by their accounts instead; /api/health is never limited,
 * so that monitoring sees a busy server as up.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppContext, AppEnv } from '../context.js';
import { RateLimitError } from '../errors.js';
import type { ThrottleRule } from './rate-limit.js';

/** Requests a minute per address without a session: a person reading letters makes a few; a script scraping or flooding, thousands. */
export const DEFAULT_PUBLIC_RATE: ThrottleRule = { max: 300, windowMs: 60_000 };

export function publicRateLimit(rule: ThrottleRule, address: (c: AppContext) => string, now: () => number = Date.now, maxKeys = 100_000): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return async (c, next) => {
    const p = c.get('principal');
    if ((p && !p.anonymous) || c.req.path === '/api/health') return next();
    const key = address(c);
    const t = now();
    let w = windows.get(key);
    if (!w || w.resetAt <= t) {
      windows.delete(key);
      w = { count: 0, resetAt: t + rule.windowMs };
      windows.set(key, w);
      // Bounded: forget the oldest addresses first (Map keeps insertion order).
      if (windows.size > maxKeys) windows.delete(windows.keys().next().value!);
    }
    if (w.count >= rule.max) throw new RateLimitError(Math.ceil((w.resetAt - t) / 1000), 'requests without signing in');
    w.count++;
    return next();
  };
}
