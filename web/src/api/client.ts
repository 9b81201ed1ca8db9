/**
 * The HTTP client: JSON in and out, the session's CSRF token on every write,
 * and the server's errors as ApiError. A 401 outside sign-in means the
 * session ended: the app is told, and shows the sign-in page.
 */

import type { ErrorCode, Issue } from '../../../src/domain/index.js';

/** One field's problem, as the server names it (`["application", "receivedDate"]`). */
export type { Issue };

/** The server's code of a refusal (INTERNAL when it failed), or HTTP_<status> when no JSON came back (a proxy's page). */
export type ApiErrorCode = ErrorCode | 'INTERNAL' | `HTTP_${number}`;

/** A refused request: the server's message, its stable code and the problems per field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The case (or record) was changed by someone else since it was read. */
  get isConflict(): boolean {
    return this.status === 409 && this.code === 'CONFLICT';
  }
}

/** What a person is told when their write named a stale version. */
export const CONFLICT_MESSAGE = 'Someone else changed this case while you had it open. Reload to see their changes, then try again.';

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Remembers the session's CSRF token (from sign-in or GET /api/auth/session). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401: the session expired or was ended elsewhere. */
export function onSessionEnded(handler: () => void): void {
  onUnauthorized = handler;
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: { error?: string; code?: ApiErrorCode; issues?: Issue[] } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    /* not JSON: a proxy's page; the status says enough */
  }
  const code: ApiErrorCode = body.code ?? `HTTP_${res.status}`;
  const message = res.status === 409 && code === 'CONFLICT' ? CONFLICT_MESSAGE : (body.error ?? `the server answered ${res.status} ${res.statusText}`);
  return new ApiError(res.status, code, message, body.issues ?? []);
}

/** Sends a request to the API and returns its JSON answer; throws ApiError when refused. */
export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  const res = await fetch(path, { method, headers, credentials: 'same-origin', ...(method !== 'GET' ? { body: JSON.stringify(body ?? {}) } : {}) });
  if (!res.ok) {
    const err = await errorOf(res);
    if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/session') onUnauthorized?.();
    throw err;
  }
  return (await res.json()) as T;
}

/** Sends a file as the raw request body (the API's uploads), with the session's CSRF token; throws ApiError when refused. */
export async function upload<T>(path: string, file: Blob, contentType: string): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': contentType };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: file });
  if (!res.ok) {
    const err = await errorOf(res);
    if (res.status === 401) onUnauthorized?.();
    throw err;
  }
  return { status: res.status, body: (await res.json()) as T };
}

/** A query string from the set values of `params`. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
