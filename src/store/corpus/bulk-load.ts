import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { StoreDialect } from '../search/search-index.js';

/** The corpus tables whose search and filter indexes a bulk load defers. */
const CORPUS_TABLES = ['letters', 'letter_texts', 'letter_files', 'letter_specialties', 'letter_states', 'items', 'item_texts', 'item_drugs', 'citations', 'letter_search'];

/**
 * Columns an index may start with and still be needed while letters are
 * written: the writes look rows up by letter and item (the statistics'
 * counts of a batch, facet-counts.ts, read the batch's items by letter id),
 * so an index led by one of these is kept, or each batch would scan every
 * row stored before it.
 */
const WRITE_PATH_COLUMNS = ['id', 'letter_id', 'item_id'];

/** What a bulk load did: whether it deferred indexes, and how long building them took. */
export interface BulkLoadReport {
  /** Indexes dropped before the load and built after it (none: the corpus was not empty, or SQLite). */
  deferred: string[];
  /** Seconds spent building them after the load. */
  indexSeconds: number;
}

/**
 * Runs `load` (which stores letters, in as many transactions as it likes)
 * as a bulk load. On PostgreSQL into an EMPTY corpus, the full-text (GIN)
 * index and the filter indexes that no write reads are dropped first and
 * built once afterwards, whether `load` succeeds or throws: a GIN index
 * kept up to date letter by letter costs more per letter the larger it
 * grows, and building each index once over sorted keys is several times
 * cheaper than maintaining it row by row. Unique and primary keys, and the
 * indexes led by a letter or item id (WRITE_PATH_COLUMNS), stay, so
 * duplicates are still found and every batch's own counts are still read
 * by index. Their definitions are recorded in `deferred_indexes`
 * (migration 0016) before they are dropped: a load that stopped
 * part-way (its process killed) has them built by the next bulk load.
 *
 * Into a corpus that already has letters, or on SQLite, `load` runs as
 * it is (dropping indexes a corpus in use reads would slow its searches).
 * Searches during the load answer correctly, only slower (without the GIN
 * index every vector is tested).
 */
export async function bulkLoad<T>(db: Kysely<Database>, dialect: StoreDialect, load: () => Promise<T>): Promise<{ result: T; report: BulkLoadReport }> {
  if (dialect.name !== 'postgres') return { result: await load(), report: { deferred: [], indexSeconds: 0 } };
  await buildDeferredIndexes(db);
  const empty = (await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM letters) AS any`.execute(db)).rows[0]?.any === false;
  const deferred = empty ? await dropIndexes(db) : [];
  let result: T;
  try {
    result = await load();
  } catch (err) {
    // The indexes are built again whatever happened; the load's own error is the one reported.
    await buildDeferredIndexes(db).catch(() => undefined);
    throw err;
  }
  const t0 = performance.now();
  await buildDeferredIndexes(db);
  return { result, report: { deferred, indexSeconds: (performance.now() - t0) / 1000 } };
}

/** Records and drops the indexes a bulk load defers, in one transaction; their names. */
async function dropIndexes(db: Kysely<Database>): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ name: string; definition: string }>`
      SELECT ic.relname AS name, pg_get_indexdef(ix.indexrelid) AS definition
      FROM pg_index ix
        JOIN pg_class ic ON ic.oid = ix.indexrelid
        JOIN pg_class tc ON tc.oid = ix.indrelid
        JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[0]
      WHERE tc.relnamespace = current_schema()::regnamespace
        AND tc.relname = ANY(${CORPUS_TABLES}::text[])
        AND NOT ix.indisunique AND NOT ix.indisprimary
        AND NOT (a.attname = ANY(${WRITE_PATH_COLUMNS}::text[]))
      ORDER BY ic.relname`.execute(trx);
    for (const r of rows) {
      await sql`INSERT INTO deferred_indexes (name, definition) VALUES (${r.name}, ${r.definition})`.execute(trx);
      await sql`DROP INDEX ${sql.id(r.name)}`.execute(trx);
    }
    return rows.map((r) => r.name);
  });
}

/**
 * Builds every index recorded in `deferred_indexes` (a bulk load's, or one
 * left by a load that stopped part-way), each in a transaction of its own
 * that also forgets it, and then refreshes the planner's statistics of the
 * corpus tables, which the load changed wholesale.
 */
export async function buildDeferredIndexes(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ name: string; definition: string }>`SELECT name, definition FROM deferred_indexes ORDER BY name`.execute(db);
  if (rows.length === 0) return;
  for (const r of rows) {
    await db.transaction().execute(async (trx) => {
      // The definition is the server's own (pg_get_indexdef), recorded when the index was dropped.
      await sql.raw(r.definition).execute(trx);
      await sql`DELETE FROM deferred_indexes WHERE name = ${r.name}`.execute(trx);
    });
  }
  await sql.raw(`ANALYZE ${CORPUS_TABLES.join(', ')}`).execute(db);
}
