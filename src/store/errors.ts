import { ImrError, type ErrorCode } from '../domain/index.js';

/** Why a store operation failed; callers branch on it. */
export type StoreErrorKind =
  /** The database file could not be opened or configured. */
  | 'open'
  /** A schema migration failed; the store is not usable. */
  | 'migration'
  /** A write failed and its transaction was rolled back. */
  | 'write'
  /** A query (search, stats, lookup) failed. */
  | 'query'
  /** A search or statistic ran past its time budget and was stopped. */
  | 'timeout'
  /** The disk (or the database's size limit) is full: nothing more can be written. */
  | 'full'
  /** The database file is damaged or is not a database. */
  | 'corrupt';

const CODES: Record<StoreErrorKind, ErrorCode> = {
  open: 'STORE_OPEN',
  migration: 'STORE_MIGRATION',
  write: 'STORE_WRITE',
  query: 'STORE_QUERY',
  full: 'STORE_FULL',
  corrupt: 'STORE_CORRUPT',
  timeout: 'STORE_TIMEOUT',
};

/**
 * A failure of the corpus store. `kind` says which operation failed; the
 * underlying driver error, when there is one, is kept as `cause`.
 */
export class StoreError extends ImrError {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(CODES[kind], message);
    if (options && 'cause' in options) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** Message of an unknown thrown value, for wrapping driver errors. */
export function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Driver error codes of a full disk and of a damaged database (SQLite's, then PostgreSQL's SQLSTATEs). */
const FULL = new Set(['SQLITE_FULL', '53100']);
const CORRUPT = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'XX001', 'XX002']);

/**
 * A full disk or a damaged database, found anywhere in `err` or its causes,
 * as the StoreError that says so; null for any other failure. Both are
 * reported as such at once (the server answers 507 or 503 and logs it),
 * not as an unexplained internal error.
 */
export function storageFailure(err: unknown): StoreError | null {
  for (let e = err as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e instanceof StoreError && (e.kind === 'full' || e.kind === 'corrupt')) return e;
    if (typeof e.code !== 'string') continue;
    const kind = FULL.has(e.code) ? 'full' : CORRUPT.has(e.code) ? 'corrupt' : null;
    if (!kind) continue;
    // Opening a file: our message names it and is kept; otherwise the driver's wording is replaced by a plain one.
    if (err instanceof StoreError && err.kind === 'open') return new StoreError(kind, err.message, { cause: err });
    return new StoreError(kind, kind === 'full' ? FULL_MESSAGE : e.code === 'SQLITE_NOTADB' ? NOT_A_DATABASE : CORRUPT_MESSAGE, { cause: err });
  }
  return null;
}

const FULL_MESSAGE = 'the database cannot grow: the disk is full (free space, then try again; nothing of this write was kept)';
const CORRUPT_MESSAGE = 'the database file is damaged (restore it from a backup or an export)';
const NOT_A_DATABASE = 'the database file is not a database, or is damaged beyond reading (restore it from a backup or an export)';

/**
 * Thrown from inside a query (SQLite's budget function, see sqlite.ts) when
 * it runs past its deadline; the statement stops at the next row it reads.
 */
export class QueryBudgetExceeded extends Error {
  constructor() {
    super('query time budget exceeded');
    this.name = 'QueryBudgetExceeded';
  }
}

/** True when `err` (or a cause) is a query stopped at its time budget: SQLite's budget function, or PostgreSQL's statement_timeout (57014). */
export function isBudgetExceeded(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown; message?: string } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e instanceof QueryBudgetExceeded || e.code === '57014') return true;
    // better-sqlite3 may report the function's exception by its message only.
    if (typeof e.message === 'string' && e.message.includes('query time budget exceeded')) return true;
  }
  return false;
}
