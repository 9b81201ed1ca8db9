/**
 * The HTTP side of OpenIMR's typed errors: which status each error code
 * answers with, and the one JSON error shape every failure has.
 */
import { storageFailure } from '../store/errors.js';
import { ImrError, printable, type ErrorCode, type Issue } from '../domain/index.js';

/** Too many attempts: try again after `retryAfterSeconds`. */
export class RateLimitError extends ImrError {
  constructor(
    readonly retryAfterSeconds: number,
    what: string,
  ) {
    super('RATE_LIMITED', `too many ${what}; try again in ${retryAfterSeconds} s`);
  }
}

/** The request body is not of a media type the route takes (JSON, unless it says otherwise). */
export class UnsupportedMediaTypeError extends ImrError {
  constructor(got: string | undefined, accepted: readonly string[] = ['application/json']) {
    const shown = got === undefined ? '' : ` (got ${JSON.stringify(got.slice(0, 100)).slice(1, -1)})`;
    super('UNSUPPORTED_MEDIA_TYPE', `send the body as ${accepted.length === 1 ? accepted[0] : `one of ${accepted.join(', ')}`}${shown}`);
  }
}

/** A state-changing request without proof that it came from this application's own pages. */
export class CsrfError extends ImrError {
  constructor(reason: string) {
    super('CSRF', `request refused: ${reason}`);
  }
}

/** The user must choose their own password before doing anything else. */
export class PasswordChangeRequiredError extends ImrError {
  constructor() {
    super('PASSWORD_CHANGE_REQUIRED', 'choose a new password first (POST /api/auth/password)');
  }
}

/** The request names a host this server does not serve (DNS rebinding, or a misconfigured proxy). */
export class MisdirectedRequestError extends ImrError {
  constructor(host: string) {
    super('MISDIRECTED', `this server does not answer for the host ${JSON.stringify(host.slice(0, 100)).slice(1, -1)}; start it with --allowed-host for a name it should serve`);
  }
}

/** A size for people: "8 MB", "512 kB". */
function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** The request body is larger than the server accepts. */
export class PayloadTooLargeError extends ImrError {
  constructor(
    readonly maxBytes: number,
    what = 'the request body',
  ) {
    super('PAYLOAD_TOO_LARGE', `${what} is larger than ${size(maxBytes)}, the most this server accepts`);
  }
}

/**
 * HTTP status per error code, for every code there is: the compiler refuses
 * this table when a code of ERROR_CODES (src/domain/errors.ts) is missing.
 * TRANSITION is a conflict with the case's current state (RFC 9110
 * §15.5.10), as is a stale version (CONFLICT). 500 is for failures a client
 * cannot act on (the store, the command line's own files): their messages
 * may name files or SQL, and the answer says only "internal error".
 */
export const ERROR_STATUS = {
  VALIDATION: 400,
  USAGE: 400,
  INVALID_CASE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  TRANSITION: 409,
  PREVIEW_STALE: 409,
  PAYLOAD_TOO_LARGE: 413,
  MISDIRECTED: 421,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ELIGIBILITY: 422,
  ASSIGNMENT: 422,
  LETTER_PARSE: 422,
  LIMIT_EXCEEDED: 422,
  RATE_LIMITED: 429,
  BUSY: 503,
  STORE_CORRUPT: 503,
  STORE_TIMEOUT: 503,
  STORE_FULL: 507,
  MODEL_FILE: 500,
  EXPORT_FILE: 500,
  IMPORT_TARGET: 500,
  NOT_A_DEMO_DATABASE: 500,
  TRAINING: 500,
  AUDIT_TAMPERED: 500,
  STORE_OPEN: 500,
  STORE_MIGRATION: 500,
  STORE_WRITE: 500,
  STORE_QUERY: 500,
} as const satisfies Record<ErrorCode, number>;

/** The body of every error response. */
export interface ErrorBody {
  /** One sentence a person can act on. */
  error: string;
  /** Stable code to branch on (VALIDATION, CONFLICT, ...); INTERNAL for a failure the client cannot act on. */
  code: ErrorCode | 'INTERNAL';
  /** Per-field problems; empty when the error is not about fields. */
  issues: Issue[];
}

/**
 * Status and body for any thrown value. Expected failures (ImrError) keep
 * their message; anything else, and store failures whose messages may hold
 * SQL, become a bare 500 that says nothing of the internals.
 */
export function errorResponse(thrown: unknown): { status: number; body: ErrorBody } {
  // A full disk or a damaged database is said as such, wherever the driver's error was wrapped.
  const err = storageFailure(thrown) ?? thrown;
  if (err instanceof ImrError && ERROR_STATUS[err.code] !== 500) {
    // Messages may quote the request (a path parameter, a query value): kept to one line, control characters escaped.
    const issues = err.issues.map((i) => ({ path: i.path, message: printable(i.message) }));
    return { status: ERROR_STATUS[err.code], body: { error: printable(err.message), code: err.code, issues } };
  }
  return { status: 500, body: { error: 'internal error', code: 'INTERNAL', issues: [] } };
}
