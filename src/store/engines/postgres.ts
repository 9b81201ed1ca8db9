/**
 * Everything PostgreSQL-specific about the store: the connection pool, the
 * audit chain's lock, and the full-text index (postgres-search.ts). The
 * store's queries are the same Kysely queries as on SQLite (sqlite.ts); see
 * search-index.ts for the interface both implement.
 */
import { PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { tsvectorIndex } from '../search/postgres-search.js';
import type { StoreDialect } from '../search/search-index.js';

export interface PostgresOptions {
  /** How long a statement waits for a lock another connection holds before failing (PostgreSQL's lock_timeout). */
  lockTimeoutMs?: number;
  /** Most connections the pool opens (default 10). */
  poolSize?: number;
}

/** True for a `postgres://` or `postgresql://` connection URL. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(target.trim());
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}

/**
 * A store over a PostgreSQL database (the server's shared, multi-user
 * option). Connects lazily: the first query reports an unreachable server.
 */
export function postgresDialect(url: string, options: PostgresOptions = {}): StoreDialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    lock_timeout: Math.max(0, Math.floor(options.lockTimeoutMs ?? 5000)),
    application_name: 'openimr',
  });
  // A pooled idle connection the server drops emits 'error' on the pool;
  // unhandled, that would end the process. The next query reports it.
  pool.on('error', () => undefined);
  return {
    name: 'postgres',
    kysely: new PostgresDialect({ pool }),
    searchIndex: tsvectorIndex,
    autoId: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
    // The wire protocol counts bind parameters in 16 bits.
    maxParameters: 65_535,
    async syncAutoIds(db) {
      // Rows restored with their ids leave each identity's sequence where it
      // was: move every one past its column's largest value (or back to the
      // start on an empty table), so the next generated id does not collide.
      const identities = await sql<{ table_name: string; column_name: string }>`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND is_identity = 'YES'`.execute(db);
      for (const { table_name: t, column_name: c } of identities.rows) {
        await sql`SELECT setval(pg_get_serial_sequence(${t}, ${c}), COALESCE(MAX(${sql.ref(c)}), 1), MAX(${sql.ref(c)}) IS NOT NULL) FROM ${sql.table(t)}`.execute(db);
      }
    },
    async lockAuditChain(db) {
      // Writers of one database append one at a time: the lock is held to
      // the end of the transaction, so the next writer reads the head this
      // one wrote (READ COMMITTED takes a new snapshot per statement).
      await sql`SELECT pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK)})`.execute(db);
    },
    async withBudget(db, ms, fn) {
      // Inside a caller's transaction the budget would outlive this read: run as is.
      if (db.isTransaction) return fn(db, null);
      // Each read of its own pooled connection, so reads run side by side (the pool holds 10).
      return db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('statement_timeout', ${String(Math.max(1, Math.floor(ms)))}, true)`.execute(trx);
        return fn(trx, null);
      });
    },
  };
}

/** The advisory lock key of the audit chain: any constant ("IMRA" in ASCII). */
const AUDIT_CHAIN_LOCK = 0x494d5241;
