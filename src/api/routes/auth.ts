import { getCookie } from 'hono/cookie';
import { AuthenticationError } from '../../domain/index.js';
import { tokenHash } from '../../workflow/accounts/index.js';
import { SESSION_COOKIE, clearSessionCookie, csrfTokenFor, setSessionCookie } from '../middleware/session.js';
import { reply, type ApiRouter } from '../route.js';
import { ChangePasswordBody, LoginBody, Ok, SessionInfo } from '../schemas/index.js';
import type { ApiServices } from '../services.js';

/** Largest body of a sign-in or password change: a username and two passwords of at most 256 characters fit many times over. */
export const AUTH_BODY_BYTES = 8 * 1024;

/** Sign in, sign out, the current session, and changing one's own password. */
export function registerAuthRoutes(router: ApiRouter, s: ApiServices): void {
  router.add({
    method: 'post',
    path: '/api/auth/login',
    operationId: 'login',
    summary: 'Sign in',
    description: 'Sets the session cookie and returns the CSRF token. Attempts are counted before the password is checked and limited per account and address, per address, and (slowing down, never locking for good) per account (429 with Retry-After).',
    tag: 'auth',
    access: 'anyone',
    body: LoginBody,
    maxBodyBytes: AUTH_BODY_BYTES,
    responses: {
      200: { description: 'signed in', schema: SessionInfo },
      401: { description: 'wrong username or password (the same answer for an unknown user and a disabled account)' },
      429: { description: 'too many failed attempts; see Retry-After' },
    },
    handler: async ({ c, body }) => {
      const username = body.username.trim().toLowerCase();
      const address = s.clientAddress(c);
      // Counted before the password is checked, with no await in between: parallel guesses meet the limit one by one.
      const attempt = s.throttle.begin(address, username);
      const session = await s.users.login(username, body.password);
      s.throttle.succeeded(attempt);
      // Signing in again from the same browser replaces its session rather than leaving the old one usable.
      const previous = getCookie(c, SESSION_COOKIE);
      if (previous) await s.users.logout(previous, session.user.username);
      setSessionCookie(c, session.token, s.users.sessionTtlMs / 1000, s.secureCookies ?? new URL(c.req.url).protocol === 'https:');
      return reply({ user: session.user, csrfToken: csrfTokenFor(session.token), expiresAt: session.expiresAt });
    },
  });

  router.add({
    method: 'post',
    path: '/api/auth/logout',
    operationId: 'logout',
    summary: 'Sign out (ends the session)',
    tag: 'auth',
    access: 'session',
    responses: { 200: { description: 'signed out', schema: Ok } },
    handler: async ({ c, principal }) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token && principal.tokenHash && tokenHash(token) === principal.tokenHash) await s.users.logout(token, principal.user.username);
      clearSessionCookie(c);
      return reply({ ok: true });
    },
  });

  router.add({
    method: 'get',
    path: '/api/auth/session',
    operationId: 'getSession',
    summary: 'The signed-in user and the CSRF token to send with writes',
    tag: 'auth',
    access: 'session',
    responses: { 200: { description: 'the session', schema: SessionInfo } },
    handler: async ({ principal }) => {
      if (principal.anonymous) throw new AuthenticationError('not signed in');
      return reply({ user: principal.user, csrfToken: principal.csrfToken, expiresAt: principal.expiresAt });
    },
  });

  router.add({
    method: 'post',
    path: '/api/auth/password',
    operationId: 'changePassword',
    summary: 'Change your own password',
    description: 'Proves the current password. Other sessions of the user end; this one stays. Clears the must-change flag of a first or reset password.',
    tag: 'auth',
    access: 'session',
    body: ChangePasswordBody,
    maxBodyBytes: AUTH_BODY_BYTES,
    responses: { 200: { description: 'changed', schema: SessionInfo }, 429: { description: 'too many attempts; see Retry-After' } },
    handler: async ({ body, principal }) => {
      if (principal.anonymous) throw new AuthenticationError('not signed in');
      // Proving the current password is a guess too: counted before it is checked.
      const attempt = s.throttle.beginPasswordChange(principal.user.id);
      const user = await s.users.changeOwnPassword(principal.user.id, body.currentPassword, body.newPassword, principal.tokenHash ?? undefined);
      attempt.succeeded();
      return reply({ user, csrfToken: principal.csrfToken, expiresAt: principal.expiresAt });
    },
  });
}
