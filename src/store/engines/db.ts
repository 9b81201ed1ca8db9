import { existsSync } from 'node:fs';
import { Kysely, sql } from 'kysely';
import { AuditRepository, type AppendSink } from '../cases/audit.js';
import { auditSealFor, type AuditSeal } from '../cases/audit-seal.js';
import { CaseRepository } from '../cases/cases.js';
import { DraftRepository } from '../cases/drafts.js';
import { IssuedDeterminationRepository } from '../cases/issued.js';
import { ReviewerRepository } from '../cases/reviewers.js';
import { SessionRepository, UserRepository } from '../accounts/users.js';
import { DeterminationRepository, QUERY_BUDGET_MS, type DeterminationRepositoryOptions } from '../corpus/determinations.js';
import { ReadPool } from './read-pool.js';
import { StoreError, reason, storageFailure } from '../errors.js';
import { migrateToLatest } from '../migrations/index.js';
import type { Database } from '../schema.js';
import type { StoreDialect } from '../search/search-index.js';
import { isPostgresUrl, postgresDialect, redactUrl } from './postgres.js';
import { sqliteDialect } from './sqlite.js';

export interface StoreOptions {
  /**
   * Where the store is: an SQLite database file (created if missing) or
   * `:memory:`, or a PostgreSQL URL (`postgres://user:password@host:5432/db`,
   * `postgresql:///db?host=/run/postgresql` for a local socket) of an existing
   * database, whose schema is created or brought up to date.
   */
  path: string;
  /**
   * Refuse an SQLite database file that does not exist, rather than create an
   * empty one: for commands that only read or change what is there, where a
   * mistyped path would otherwise answer from an empty database.
   */
  mustExist?: boolean;
  /** How long a write waits for another connection's lock, in ms (default 5000; PostgreSQL's lock_timeout). */
  busyTimeoutMs?: number;
  /** SQLite only: FULL (default) syncs every commit to disk; NORMAL only survives a crash of the program. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Repository hooks (tests). */
  repository?: DeterminationRepositoryOptions;
  /**
   * SQLite file only: searches and statistics run on this many read-only
   * connections in worker threads (read-pool.ts), so a heavy read does not
   * hold up the thread that serves requests; 0 (default) reads on the
   * store's own connection. PostgreSQL reads already run side by side on its pool.
   */
  readWorkers?: number;
}

/** The case workflow's repositories, over the store or over one transaction. */
export interface CaseRepositories {
  readonly cases: CaseRepository;
  readonly reviewers: ReviewerRepository;
  readonly audit: AuditRepository;
  readonly issued: IssuedDeterminationRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly drafts: DraftRepository;
}

/**
 * The case workflow's repositories over `db`: the store's connection or a
 * transaction. `seal` is the store's audit key and checkpoint; `sink`, in a
 * transaction, notes its last audit entry for the checkpoint after commit.
 */
export function repositoriesOf(db: Kysely<Database>, dialect: StoreDialect, seal: AuditSeal | null = null, sink: AppendSink | null = null): CaseRepositories {
  return {
    cases: new CaseRepository(db),
    reviewers: new ReviewerRepository(db),
    audit: new AuditRepository(db, (trx) => dialect.lockAuditChain(trx), seal, sink),
    issued: new IssuedDeterminationRepository(db),
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    drafts: new DraftRepository(db),
  };
}

/** What a transaction of the store writes with: the case workflow's repositories and the corpus. */
export interface TransactionRepositories extends CaseRepositories {
  readonly determinations: DeterminationRepository;
}

/** An open corpus store. */
export interface Store extends CaseRepositories {
  /** Typed query access for read models the repository does not cover. */
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** The audit trail's key and checkpoint, kept outside the database; null: an unkeyed chain. */
  readonly seal: AuditSeal | null;
  readonly determinations: DeterminationRepository;
  /**
   * Runs `fn` in one transaction with repositories bound to it: everything
   * it writes is committed together, or nothing is when it throws.
   */
  transaction<T>(fn: (tx: TransactionRepositories) => Promise<T>): Promise<T>;
  /** Closes the database; the store is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * Opens the store at `options.path`: an SQLite file (WAL journal, foreign
 * keys on, busy timeout) or a PostgreSQL URL (a connection pool), and brings
 * its schema up to date. Throws StoreError of kind `open` (cannot open or
 * connect) or `migration`.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const postgres = isPostgresUrl(options.path);
  const where = postgres ? redactUrl(options.path.trim()) : options.path;
  if (options.mustExist && !postgres && options.path !== ':memory:' && !existsSync(options.path)) {
    throw new StoreError('open', `cannot open store ${options.path}: no such database file`);
  }
  let dialect: StoreDialect;
  try {
    const wait = options.busyTimeoutMs;
    dialect = postgres
      ? postgresDialect(options.path.trim(), wait === undefined ? {} : { lockTimeoutMs: wait })
      : sqliteDialect(options.path, { ...(wait === undefined ? {} : { busyTimeoutMs: wait }), ...(options.synchronous ? { synchronous: options.synchronous } : {}) });
  } catch (err) {
    const storage = storageFailure(err);
    if (storage) throw new StoreError(storage.kind, `cannot open store ${where}: ${storage.message}`, { cause: err });
    throw new StoreError('open', `cannot open store ${where}: ${reason(err)}`, { cause: err });
  }
  // After the database opened: a key is never made beside a file that is not a store.
  let seal: AuditSeal | null;
  try {
    seal = auditSealFor(postgres ? options.path.trim() : options.path, postgres);
  } catch (err) {
    await new Kysely<Database>({ dialect: dialect.kysely }).destroy().catch(() => undefined);
    throw err;
  }
  const readers = !postgres && options.path !== ':memory:' ? Math.max(0, Math.floor(options.readWorkers ?? 0)) : 0;
  // Started after the migrations (open), so that the readers see the current schema.
  return open(dialect, where, seal, options.repository, readers ? (repo) => new ReadPool(options.path, readers, { ...(repo?.resultWindow ? { resultWindow: repo.resultWindow } : {}), ...(repo?.queryBudgetMs ? { queryBudgetMs: repo.queryBudgetMs } : {}) }, QUERY_BUDGET_MS) : undefined);
}

/** Opens a store over any StoreDialect (the seam for other database engines). */
export async function openWithDialect(dialect: StoreDialect, repository?: DeterminationRepositoryOptions, seal: AuditSeal | null = null): Promise<Store> {
  return open(dialect, dialect.name, seal, repository);
}

async function open(dialect: StoreDialect, where: string, seal: AuditSeal | null, repository?: DeterminationRepositoryOptions, readPool?: (repository?: DeterminationRepositoryOptions) => ReadPool): Promise<Store> {
  const db = new Kysely<Database>({ dialect: dialect.kysely });
  try {
    // A server connects on first use: tell "cannot reach it" from a failed migration.
    await sql`SELECT 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    const storage = storageFailure(err);
    throw new StoreError(storage?.kind ?? 'open', `cannot open store ${where}: ${storage?.message ?? reason(err)}`, { cause: err });
  }
  const { error, results } = await migrateToLatest(db, dialect);
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const storage = storageFailure(error);
    if (storage) throw new StoreError(storage.kind, `cannot open store ${where}: ${storage.message}`, { cause: error });
    throw new StoreError('migration', `schema migration ${failed ?? ''} failed: ${reason(error)}`, { cause: error });
  }
  const repositories = repositoriesOf(db, dialect, seal);
  const reads = readPool?.(repository);
  return {
    db,
    dialect,
    seal,
    determinations: new DeterminationRepository(db, dialect, reads ? { ...repository, reads } : repository),
    ...repositories,
    transaction: async (fn) => {
      const sink: AppendSink = { last: null };
      const out = await db.transaction().execute((trx) => fn({ ...repositoriesOf(trx, dialect, seal, sink), determinations: new DeterminationRepository(trx, dialect, repository) }));
      // Committed: the signed checkpoint moves to the last entry written.
      repositories.audit.committed(sink);
      return out;
    },
    close: async () => {
      await reads?.close();
      await db.destroy();
    },
  };
}
