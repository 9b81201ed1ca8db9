/**
 * Everything SQLite-specific about the store: opening the file with its
 * pragmas, and the FTS5 full-text index. The PostgreSQL dialect (postgres.ts)
 * implements the same StoreDialect interface (search-index.ts).
 */
import { closeSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteAdapter, SqliteDialect, sql, type DialectAdapter, type Kysely, type RawBuilder, type SqlBool, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { QueryBudgetExceeded } from '../errors.js';
import { toFts5Exclusion, toFts5Match, type TextQuery } from '../search/fts-query.js';
import type { Database } from '../schema.js';
import { createSearchTextView, dropSearchTextView } from '../search/search-text.js';
import { HIGHLIGHT, type RankedLetter, type SearchIndex, type StoreDialect } from '../search/search-index.js';

export interface SqliteOptions {
  /** How long a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
  /**
   * FULL (default): every commit is synced to disk before it is
   * acknowledged, so an acknowledged write survives a power loss; NORMAL
   * survives a crash of the program only, and is faster.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** Open an existing file for reading only (the read pool's connections): nothing is created or configured that writes. */
  readonly?: boolean;
}

/**
 * Kysely prepares every statement anew; better-sqlite3 statements can be
 * reused, so keep the most recent ones (searches and lookups repeat the same
 * SQL with new parameters).
 */
function withStatementCache(db: BetterSqlite3.Database, size = 256): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(text: string): SqliteStatement {
      const hit = cache.get(text);
      if (hit) return hit;
      const stmt = db.prepare(text) as unknown as SqliteStatement;
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
      cache.set(text, stmt);
      return stmt;
    },
  };
}

/**
 * SQLite runs DDL inside transactions, but Kysely's SQLite adapter says it
 * does not, so its migrator ran each migration's statements one by one: a
 * process killed part-way through a migration (0004 copies every letter's
 * text, then drops columns) left a schema half-changed and not recorded,
 * which the next run could not migrate. Saying so runs the pending
 * migrations and their records in one transaction: all or nothing.
 */
class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class StoreSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }
}

/**
 * Throws when the file is an SQLite database with tables but not an OpenIMR
 * store (no migration table): opening it would add the store's tables to
 * someone else's data. An empty database is fine (a new store).
 */
function refuseForeignDatabase(db: BetterSqlite3.Database): void {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  if (tables.length && !tables.includes('kysely_migration')) {
    const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', ...' : '');
    throw new Error(`it is an SQLite database of another application (tables: ${shown}), not an OpenIMR store; nothing was changed`);
  }
}

/**
 * Creates a missing database file empty, with mode 0600, before SQLite opens
 * it: SQLite keeps the mode, and gives its -wal and -shm files the same.
 * The database holds personal health information and password hashes.
 */
function createPrivately(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (err) {
    // Exists already; or cannot be made (no such directory): the driver says so in its own words.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST' && (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Opens (creating if needed) an SQLite database file configured for the store. Throws the driver's error. */
export function sqliteDialect(path: string, options: SqliteOptions = {}): StoreDialect {
  if (path !== ':memory:' && !options.readonly) createPrivately(path);
  const db = new BetterSqlite3(path, options.readonly ? { readonly: true, fileMustExist: true } : {});
  try {
    if (options.readonly) {
      // The file is the store's, already in WAL mode: only this connection's own settings.
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      db.pragma('cache_size = -32768');
      db.pragma('temp_store = MEMORY');
    } else {
      // Before any pragma that writes (journal_mode): never turn another
      // application's database into an OpenIMR one.
      refuseForeignDatabase(db);
      // WAL lets readers run while a batch ingest writes; FULL sync makes each
      // commit durable across a power loss, not only an application crash
      // (NORMAL, which bulk ingest may ask for). Letters are ~15 kB rows: larger pages mean shorter overflow chains. Only
      // takes effect on a new database (before the first table is created).
      db.pragma('page_size = 16384');
      if (path !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      db.pragma('cache_size = -65536');
      db.pragma('temp_store = MEMORY');
      // Checkpoint the WAL every ~64 MB (4,000 pages) rather than 16 MB: bulk
      // ingest rewrites the same index pages less often.
      db.pragma('wal_autocheckpoint = 4000');
    }
    // The time budget of reads (withBudget): true until the deadline (ms since the epoch), then it stops the statement reading.
    // Not deterministic, so SQLite calls it for every row instead of once.
    db.function('imr_within', { deterministic: false }, (deadline: unknown) => {
      if (Date.now() > Number(deadline)) throw new QueryBudgetExceeded();
      return 1;
    });
  } catch (err) {
    db.close();
    throw err;
  }
  const wrapped = withStatementCache(db);
  return {
    name: 'sqlite',
    kysely: new StoreSqliteDialect({ database: wrapped }),
    searchIndex: fts5Index,
    // INTEGER PRIMARY KEY is the rowid: auto-assigned, and the FTS5 rowid.
    autoId: (col) => col.primaryKey(),
    // SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32766.
    maxParameters: 32_000,
    // One writer at a time already: a transaction that has written holds the
    // database's write lock, and one that has only read cannot write after
    // another writer committed (SQLITE_BUSY_SNAPSHOT), so it cannot fork the chain.
    lockAuditChain: async () => undefined,
    withBudget: (kdb, ms, fn) => fn(kdb, sql<SqlBool>`imr_within(${Date.now() + Math.max(1, Math.floor(ms))}) = 1`),
  };
}

/** Column weights for bm25, in the FTS table's column order. */
const WEIGHTS = { case_number: 10, requests: 5, treatments: 4, summary: 1, rationales: 1.5 } as const;
const SNIPPET_TOKENS = 24;

/**
 * FTS5 index with external content: the text lives once, in letters and
 * items, and the view `letter_search_text` assembles each letter's document.
 * Letters are immutable once ingested, so indexing on insert (same
 * transaction, from the same view) keeps index and content consistent;
 * `verify` runs FTS5's own integrity check against the view.
 */
const fts5Index: SearchIndex = {
  async create(db) {
    // The view as first released; migration 0004 replaces it (moveSourceToTextTables).
    await createSearchTextView(db, 'wide', 'sqlite');
    await sql`
      CREATE VIRTUAL TABLE letters_fts USING fts5(
        case_number, requests, treatments, summary, rationales,
        content = 'letter_search_text', content_rowid = 'id',
        tokenize = 'porter unicode61 remove_diacritics 2'
      )`.execute(db);
  },
  async moveSourceToTextTables(db) {
    // Each letter's document is the same text as before, so the index built
    // from the old view stays valid: only the view is replaced.
    await dropSearchTextView(db);
    await createSearchTextView(db, 'lean', 'sqlite');
  },
  async drop(db) {
    await sql`DROP TABLE IF EXISTS letters_fts`.execute(db);
    await dropSearchTextView(db);
  },
  async add(db, letterIds) {
    if (letterIds.length === 0) return;
    // Ids of one batch are contiguous in practice, but a list is always right.
    for (let i = 0; i < letterIds.length; i += 10_000) {
      const ids = letterIds.slice(i, i + 10_000);
      await sql`
        INSERT INTO letters_fts (rowid, case_number, requests, treatments, summary, rationales)
        SELECT id, case_number, requests, treatments, summary, rationales
        FROM letter_search_text WHERE id IN (${sql.join(ids)})`.execute(db);
    }
  },
  async remove(db, letterIds) {
    // External content: FTS5 is told each old document, read from the view while the rows are still there.
    for (let i = 0; i < letterIds.length; i += 10_000) {
      const ids = letterIds.slice(i, i + 10_000);
      await sql`
        INSERT INTO letters_fts (letters_fts, rowid, case_number, requests, treatments, summary, rationales)
        SELECT 'delete', id, case_number, requests, treatments, summary, rationales
        FROM letter_search_text WHERE id IN (${sql.join(ids)})`.execute(db);
    }
  },
  rankedWindow(query: TextQuery, filter: ((id: RawBuilder<number>) => RawBuilder<SqlBool>) | null, size: number, belowId?: number) {
    const match = toFts5Match(query);
    if (match === null) return null;
    const w = WEIGHTS;
    // FTS5 streams its matches newest first (rowid order) and the LIMIT
    // stops the scan: the filter probes and bm25 run only on what is read.
    let where = sql`letters_fts MATCH ${match}`;
    if (belowId !== undefined) where = sql`${where} AND rowid < ${belowId}`;
    if (filter) where = sql`${where} AND ${filter(sql<number>`letters_fts.rowid`)}`;
    return sql<RankedLetter>`(SELECT rowid AS letter_id,
        -bm25(letters_fts, ${sql.lit(w.case_number)}, ${sql.lit(w.requests)}, ${sql.lit(w.treatments)}, ${sql.lit(w.summary)}, ${sql.lit(w.rationales)}) AS score
      FROM letters_fts WHERE ${where} ORDER BY rowid DESC LIMIT ${sql.lit(Math.max(1, Math.floor(size)))})`;
  },
  recentMatches(query: TextQuery, filter: ((id: RawBuilder<number>) => RawBuilder<SqlBool>) | null, limit: number, offset = 0) {
    const match = toFts5Match(query);
    if (match === null) return null;
    let where = sql`letters_fts MATCH ${match}`;
    if (filter) where = sql`${where} AND ${filter(sql<number>`letters_fts.rowid`)}`;
    return sql<{ letter_id: number }>`(SELECT rowid AS letter_id FROM letters_fts WHERE ${where} ORDER BY rowid DESC LIMIT ${sql.lit(Math.max(1, Math.floor(limit)))} OFFSET ${sql.lit(Math.max(0, Math.floor(offset)))})`;
  },
  matchingIds(query: TextQuery) {
    const match = toFts5Match(query);
    return match === null ? null : sql<number>`(SELECT rowid FROM letters_fts WHERE letters_fts MATCH ${match})`;
  },
  excludedIds(query: TextQuery) {
    const match = toFts5Exclusion(query);
    return match === null ? null : sql<number>`(SELECT rowid FROM letters_fts WHERE letters_fts MATCH ${match})`;
  },
  async snippets(db: Kysely<Database>, query: TextQuery, letterIds: readonly number[]) {
    const match = toFts5Match(query);
    const out = new Map<number, string>();
    if (match === null || letterIds.length === 0) return out;
    const { rows } = await sql<{ id: number; snippet: string }>`
      SELECT rowid AS id,
        snippet(letters_fts, -1, ${HIGHLIGHT.open}, ${HIGHLIGHT.close}, ${HIGHLIGHT.ellipsis}, ${sql.lit(SNIPPET_TOKENS)}) AS snippet
      FROM letters_fts WHERE letters_fts MATCH ${match} AND rowid IN (${sql.join([...letterIds])})`.execute(db);
    for (const r of rows) out.set(r.id, r.snippet);
    return out;
  },
  async verify(db) {
    // rank = 1 makes FTS5 also compare the index against the content view.
    await sql`INSERT INTO letters_fts (letters_fts, rank) VALUES ('integrity-check', 1)`.execute(db);
  },
};
