import { ImrError } from '../domain/index.js';

/** Why a store operation failed; callers branch on it. */
export type StoreErrorKind =
  /** The database file could not be opened or configured. */
  | 'open'
  /** A schema migration failed; the store is not usable. */
  | 'migration'
  /** A write failed and its transaction was rolled back. */
  | 'write'
  /** A query (search, stats, lookup) failed. */
  | 'query';

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
    super(`STORE_${kind.toUpperCase()}`, message);
    if (options && 'cause' in options) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** Message of an unknown thrown value, for wrapping driver errors. */
export function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
