/**
 * Cookie sessions for a browser client. The session token travels only in
 * an HttpOnly, SameSite=Strict cookie that page scripts cannot read; the
 * store keeps only its hash. Each session has a CSRF token derived from it
 * (one-way, so it reveals nothing of the session token) that the client
 * echoes in a header on state-changing requests: a page of another site can
 * make the browser send the cookie, but cannot read or send that header.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { User } from '../../domain/index.js';
import type { UserService } from '../../workflow/accounts/index.js';
import type { AppContext, AppEnv, Principal } from '../context.js';
import { CsrfError } from '../errors.js';

export const SESSION_COOKIE = 'imr_session';
export const CSRF_HEADER = 'X-CSRF-Token';

/** The CSRF token of a session token. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update('openimr-csrf\0').update(sessionToken).digest('base64url');
}

/** The stand-in user of anonymous requests when the server allows anonymous public access. */
const ANONYMOUS: User = {
  id: 0,
  username: 'anonymous',
  displayName: 'Public',
  role: 'public',
  reviewerId: null,
  disabled: false,
  mustChangePassword: false,
  version: 1,
  createdAt: '1970-01-01T00:00:00.000Z',
  updatedAt: '1970-01-01T00:00:00.000Z',
};

export interface SessionOptions {
  /** Treat requests without a session as the public role (published letters and corpus only). */
  publicAccess?: boolean;
}

/** Resolves the request's session cookie to a principal (or null) on the context. */
export function sessionMiddleware(users: UserService, options: SessionOptions = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    let principal: Principal | null = null;
    if (token) {
      const s = await users.session(token);
      if (s) principal = { user: s.user, anonymous: false, tokenHash: s.tokenHash, csrfToken: csrfTokenFor(token), expiresAt: s.expiresAt };
      // An expired or revoked session: tell the browser to drop the cookie.
      else deleteCookie(c, SESSION_COOKIE, { path: '/' });
    }
    if (!principal && options.publicAccess) principal = { user: ANONYMOUS, anonymous: true, tokenHash: null, csrfToken: null, expiresAt: null };
    c.set('principal', principal);
    await next();
  };
}

/** Sets the session cookie for `maxAgeSeconds` (the session's lifetime). `secure` when the site is served over HTTPS. */
export function setSessionCookie(c: AppContext, token: string, maxAgeSeconds: number, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure, maxAge: Math.max(0, Math.floor(maxAgeSeconds)) });
}

export function clearSessionCookie(c: AppContext): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

function sameValue(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection for state-changing requests: a browser-sent Origin must be
 * this site's (or one configured), Sec-Fetch-Site must not say cross-site,
 * and a request made with a session must carry its CSRF token.
 */
export function csrfMiddleware(options: { allowedOrigins?: readonly string[] } = {}): MiddlewareHandler<AppEnv> {
  const allowed = new Set((options.allowedOrigins ?? []).map((o) => o.replace(/\/+$/, '').toLowerCase()));
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin && origin !== 'null') {
      // Compared by host: behind a TLS-terminating proxy the browser's origin is https while the request reached us as http.
      let host: string | null = null;
      try {
        host = new URL(origin).host.toLowerCase();
      } catch {
        /* not a URL: refused below */
      }
      const own = (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
      if (host !== own && !allowed.has(origin.toLowerCase())) throw new CsrfError(`origin ${origin} is not this site`);
    } else if (origin === 'null') throw new CsrfError('opaque origin');
    if (c.req.header('sec-fetch-site') === 'cross-site' && !(origin && allowed.has(origin.toLowerCase()))) throw new CsrfError('cross-site request');
    const p = c.get('principal');
    // Signing in needs no token (a sign-in page need not know an old session's); the origin checks above still apply.
    if (p?.csrfToken && c.req.path !== '/api/auth/login') {
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || !sameValue(sent, p.csrfToken)) throw new CsrfError(`missing or wrong ${CSRF_HEADER} header (read it from GET /api/auth/session)`);
    }
    return next();
  };
}
