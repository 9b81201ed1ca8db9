/**
 * Response headers that keep letter text inert in a browser. API answers
 * are JSON or plain text and may never be framed or run anything; a route
 * that serves a document meant for display (a rendered HTML letter, the web
 * UI) sets its own Content-Security-Policy, which is kept.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    const set = (name: string, value: string) => {
      if (!h.has(name)) h.set(name, value);
    };
    set('Content-Security-Policy', API_CSP);
    set('X-Content-Type-Options', 'nosniff');
    set('X-Frame-Options', 'DENY');
    set('Referrer-Policy', 'no-referrer');
    set('Cross-Origin-Opener-Policy', 'same-origin');
    set('Cross-Origin-Resource-Policy', 'same-origin');
    // Case data is personal health information: never kept by a browser or proxy cache.
    if (c.req.path.startsWith('/api/')) set('Cache-Control', 'no-store');
  };
}
