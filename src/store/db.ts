import { Kysely } from 'kysely';
import { AuditRepository } from './audit.js';
import { CaseRepository } from './cases.js';
import { IssuedDeterminationRepository } from './issued.js';
import { ReviewerRepository } from './reviewers.js';
import { SessionRepository, UserRepository } from './users.js';
import { DeterminationRepository, type DeterminationRepositoryOptions } from './determinations.js';
import { StoreError, reason } from './errors.js';
import { migrateToLatest } from './migrations/index.js';
import type { Database } from './schema.js';
import type { StoreDialect } from './search-index.js';
import { sqliteDialect } from './sqlite.js';

export interface StoreOptions {
  /** SQLite database file (created if missing), or `:memory:`. */
  path: string;
  /** How long a write waits for another connection's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
  /** Repository hooks (tests). */
  repository?: DeterminationRepositoryOptions;
}

/** The case workflow's repositories, over the store or over one transaction. */
export interface CaseRepositories {
  readonly cases: CaseRepository;
  readonly reviewers: ReviewerRepository;
  readonly audit: AuditRepository;
  readonly issued: IssuedDeterminationRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
}

function caseRepositories(db: Kysely<Database>): CaseRepositories {
  return {
    cases: new CaseRepository(db),
    reviewers: new ReviewerRepository(db),
    audit: new AuditRepository(db),
    issued: new IssuedDeterminationRepository(db),
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
  };
}

/** An open corpus store. */
export interface Store extends CaseRepositories {
  /** Typed query access for read models the repository does not cover. */
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  readonly determinations: DeterminationRepository;
  /**
   * Runs `fn` in one transaction with repositories bound to it: everything
   * it writes is committed together, or nothing is when it throws.
   */
  transaction<T>(fn: (tx: CaseRepositories) => Promise<T>): Promise<T>;
  /** Closes the database; the store is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * Opens the store at `options.path` (WAL journal, foreign keys on, busy
 * timeout) and brings its schema up to date. Throws StoreError of kind
 * `open` or `migration`.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  let dialect: StoreDialect;
  try {
    dialect = sqliteDialect(options.path, options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs });
  } catch (err) {
    throw new StoreError('open', `cannot open store ${options.path}: ${reason(err)}`, { cause: err });
  }
  return openWithDialect(dialect, options.repository);
}

/** Opens a store over any StoreDialect (the seam for other database engines). */
export async function openWithDialect(dialect: StoreDialect, repository?: DeterminationRepositoryOptions): Promise<Store> {
  const db = new Kysely<Database>({ dialect: dialect.kysely });
  const { error, results } = await migrateToLatest(db, dialect);
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new StoreError('migration', `schema migration ${failed ?? ''} failed: ${reason(error)}`, { cause: error });
  }
  return {
    db,
    dialect,
    determinations: new DeterminationRepository(db, dialect, repository),
    ...caseRepositories(db),
    transaction: (fn) => db.transaction().execute((trx) => fn(caseRepositories(trx))),
    close: () => db.destroy(),
  };
}
