import type { Kysely } from 'kysely';
import { applyFacetDelta } from './facet-counts.js';
import type { Database } from '../schema.js';
import type { LetterRows } from './rows.js';
import type { StoreDialect } from '../search/search-index.js';
import { writePostgresBatch } from './postgres-bulk.js';
import { hashesToLookUp, itemDetailRows, itemKey, itemRows, letterFacetRows, letterFileRows, letterTextRows, sortOutLetters, type FreshLetter } from './batch-rows.js';

/** What happened to one letter of an insert. */
export interface InsertResult {
  /** `duplicate`: a letter with the same content hash was already stored (or earlier in the same batch). */
  status: 'ingested' | 'duplicate';
  /** The stored letter's id (the earlier one's for a duplicate). */
  id: number;
}

/** Stages of a letter batch write, reported to a test hook after each completes. */
export type InsertStage = 'letters' | 'items' | 'details' | 'index';

/**
 * Splits rows into multi-row INSERTs that each stay under the dialect's
 * bind-parameter limit, and whose row counts are a few fixed sizes: full
 * pieces of the most rows a statement may carry, the rest in powers of two
 * (1000 rows: 512 + 256 + 128 + 64 + 32 + 8). The SQL of an insert depends
 * only on its row count, so every batch reuses the statements the first
 * ones prepared (the SQLite statement cache) instead of preparing new ones
 * of thousands of parameters for counts seen once.
 */
function chunks<T>(rows: readonly T[], columns: number, maxParameters: number): T[][] {
  const size = Math.max(1, Math.floor(maxParameters / columns));
  const out: T[][] = [];
  let i = 0;
  for (; rows.length - i >= size; i += size) out.push(rows.slice(i, i + size));
  for (let piece = 1 << Math.floor(Math.log2(Math.max(1, rows.length - i))); i < rows.length; piece >>= 1) {
    if (rows.length - i >= piece) {
      out.push(rows.slice(i, i + piece));
      i += piece;
    }
  }
  return out;
}

const LETTER_COLUMNS = 15;

/** Where one batch writes: the caller's transaction, its dialect and that dialect's bind-parameter limit. */
interface BatchWriter {
  trx: Kysely<Database>;
  dialect: StoreDialect;
  max: number;
}

/**
 * Writes a batch of letters inside the caller's transaction with a handful
 * of multi-row statements per table (not per letter), one function per kind
 * of row, in this order: letters (`ON CONFLICT DO NOTHING` on the content
 * hash reports duplicates without aborting the batch), the files they came
 * from, their texts, items with their generated ids, the items' rationales,
 * drugs and citations, the letters' reviewer specialties, states and facets,
 * then the text index. A kind of row added later is one more function here,
 * given the new letters (with their ids) or their items' ids.
 */
export async function writeBatch(
  trx: Kysely<Database>,
  dialect: StoreDialect,
  batch: readonly LetterRows[],
  afterStage?: (stage: InsertStage) => void,
  fileHashes?: readonly (string | undefined)[],
): Promise<InsertResult[]> {
  // PostgreSQL: a statement per table per batch, and the search document built from the rows in hand.
  if (dialect.name === 'postgres') return writePostgresBatch(trx, batch, afterStage, fileHashes);
  const w: BatchWriter = { trx, dialect, max: dialect.maxParameters };
  const { results, fresh } = await insertLetters(w, batch);
  await insertLetterFiles(w, results, fileHashes);
  afterStage?.('letters');
  if (fresh.length === 0) return results;

  await insertLetterTexts(w, fresh);
  const itemIds = await insertItems(w, fresh);
  afterStage?.('items');

  await insertItemDetails(w, fresh, itemIds);
  await insertLetterFacets(w, fresh);
  // The statistics count the new letters in the same transaction: a batch that rolls back leaves them as they were.
  await applyFacetDelta(trx, fresh.flatMap((f) => f.rows.counts));
  afterStage?.('details');

  await dialect.searchIndex.add(
    trx,
    fresh.map((f) => f.id),
  );
  afterStage?.('index');
  return results;
}

/** The letters rows; what happened to each letter, and those that were new with their ids. */
async function insertLetters({ trx, max }: BatchWriter, batch: readonly LetterRows[]): Promise<{ results: InsertResult[]; fresh: FreshLetter[] }> {
  const inserted = new Map<string, number>();
  for (const part of chunks(batch, LETTER_COLUMNS, max)) {
    const rows = await trx
      .insertInto('letters')
      .values(part.map((r) => r.letter))
      .onConflict((oc) => oc.column('content_hash').doNothing())
      .returning(['id', 'content_hash'])
      .execute();
    for (const r of rows) inserted.set(r.content_hash, r.id);
  }

  // Duplicates of letters stored before this batch: look their ids up.
  const existing = new Map<string, number>();
  for (const part of chunks(hashesToLookUp(batch, inserted), 1, max)) {
    const rows = await trx.selectFrom('letters').select(['id', 'content_hash']).where('content_hash', 'in', part).execute();
    for (const r of rows) existing.set(r.content_hash, r.id);
  }
  return sortOutLetters(batch, inserted, existing);
}

/** The files the letters came from (batch-rows.ts, letterFileRows). */
async function insertLetterFiles({ trx, max }: BatchWriter, results: readonly InsertResult[], fileHashes: readonly (string | undefined)[] | undefined): Promise<void> {
  for (const part of chunks(letterFileRows(results, fileHashes), 2, max)) await trx.insertInto('letter_files').values(part).onConflict((oc) => oc.column('sha256').doNothing()).execute();
}

/** Each new letter's texts: summary, original, parsed. */
async function insertLetterTexts({ trx, max }: BatchWriter, fresh: readonly FreshLetter[]): Promise<void> {
  for (const part of chunks(letterTextRows(fresh), 5, max)) await trx.insertInto('letter_texts').values(part).execute();
}

/** The new letters' items; their generated ids by itemKey. */
async function insertItems({ trx, max }: BatchWriter, fresh: readonly FreshLetter[]): Promise<Map<string, number>> {
  const itemIds = new Map<string, number>();
  for (const part of chunks(itemRows(fresh), 8, max)) {
    const rows = await trx.insertInto('items').values(part).returning(['id', 'letter_id', 'idx']).execute();
    for (const r of rows) itemIds.set(itemKey(r.letter_id, r.idx), r.id);
  }
  return itemIds;
}

/** Each new item's rationale, drugs and guideline citations. */
async function insertItemDetails({ trx, max }: BatchWriter, fresh: readonly FreshLetter[], itemIds: ReadonlyMap<string, number>): Promise<void> {
  const { rationales, drugs, citations } = itemDetailRows(fresh, itemIds);
  for (const part of chunks(rationales, 2, max)) await trx.insertInto('item_texts').values(part).execute();
  for (const part of chunks(drugs, 2, max)) await trx.insertInto('item_drugs').values(part).execute();
  for (const part of chunks(citations, 7, max)) await trx.insertInto('citations').values(part).execute();
}

/** Each new letter's reviewer specialties and licensure states, and the facet values they bring. */
async function insertLetterFacets({ trx, max }: BatchWriter, fresh: readonly FreshLetter[]): Promise<void> {
  const { specialties, states, facets } = letterFacetRows(fresh);
  for (const part of chunks(specialties, 3, max)) await trx.insertInto('letter_specialties').values(part).execute();
  for (const part of chunks(states, 2, max)) await trx.insertInto('letter_states').values(part).execute();
  for (const part of chunks(facets, 2, max)) {
    await trx.insertInto('facets').values(part).onConflict((oc) => oc.columns(['kind', 'value']).doNothing()).execute();
  }
}
