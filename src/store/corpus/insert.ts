import { CompiledQuery, type Kysely } from 'kysely';
import { applyFacetDelta, engineOf } from './facet-counts.js';
import type { Database } from '../schema.js';
import type { LetterRows } from './rows.js';
import type { StoreDialect } from '../search/search-index.js';
import { writePostgresBatch } from './postgres-bulk.js';
import { chunks, valuesList } from './multi-row.js';
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

/** One kind of multi-row INSERT: its table and what follows the VALUES list. */
interface InsertSpec {
  table: keyof Database;
  /** E.g. ` ON CONFLICT (content_hash) DO NOTHING RETURNING id, content_hash`. */
  tail?: string;
}

/** Statement text by engine, table, columns, tail and row count: the same string object each time, so the statement cache finds it without rehashing. */
const statementTexts = new Map<string, string>();

function statementText(engine: 'sqlite' | 'postgres', { table, tail = '' }: InsertSpec, columns: readonly string[], rows: number): string {
  const key = `${engine}:${table}(${columns.join(',')})${tail}*${rows}`;
  let text = statementTexts.get(key);
  if (text === undefined) {
    text = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${valuesList(engine, rows, columns.length)}${tail}`;
    statementTexts.set(key, text);
  }
  return text;
}

/** Every key of the rows, in order of first appearance: the columns, as Kysely's `values` takes them. */
function columnsOf(rows: readonly object[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const c in row) columns.add(c);
  return [...columns];
}

/**
 * Inserts `rows` (objects of column values; the columns are every key of
 * the rows, a value left out is NULL) with multi-row statements of the few
 * fixed sizes `chunks` gives, their text written once per size. Not
 * Kysely's query builder: building, transforming and compiling a query tree
 * of an object per row cost the writer thread more than SQLite's own work on
 * the rows (measured on the phases bench); the statements are the same
 * plain INSERTs.
 */
async function insertRows<R = never>({ trx, max }: BatchWriter, spec: InsertSpec, rows: readonly object[]): Promise<R[]> {
  const out: R[] = [];
  if (rows.length === 0) return out;
  const columns = columnsOf(rows);
  const width = columns.length;
  // The engine underneath, not the dialect's name: tests run this generic path on PostgreSQL too.
  const engine = engineOf(trx);
  for (const part of chunks(rows, width, max)) {
    const params = new Array<unknown>(part.length * width);
    let p = 0;
    for (const row of part) {
      const values = row as Record<string, unknown>;
      for (const c of columns) params[p++] = values[c] ?? null;
    }
    const { rows: returned } = await trx.executeQuery<R>(CompiledQuery.raw(statementText(engine, spec, columns, part.length), params));
    for (const r of returned) out.push(r);
  }
  return out;
}

// A duplicate of a stored letter is not an error: it is reported as such, and the batch goes on.
const LETTERS: InsertSpec = { table: 'letters', tail: ' ON CONFLICT ("content_hash") DO NOTHING RETURNING "id", "content_hash"' };
const LETTER_FILES: InsertSpec = { table: 'letter_files', tail: ' ON CONFLICT ("sha256") DO NOTHING' };
const LETTER_TEXTS: InsertSpec = { table: 'letter_texts' };
const ITEMS: InsertSpec = { table: 'items', tail: ' RETURNING "id", "letter_id", "idx"' };
const ITEM_TEXTS: InsertSpec = { table: 'item_texts' };
const ITEM_DRUGS: InsertSpec = { table: 'item_drugs' };
const CITATIONS: InsertSpec = { table: 'citations' };
const LETTER_SPECIALTIES: InsertSpec = { table: 'letter_specialties' };
const LETTER_STATES: InsertSpec = { table: 'letter_states' };
const FACETS: InsertSpec = { table: 'facets', tail: ' ON CONFLICT ("kind", "value") DO NOTHING' };

/** The letters rows; what happened to each letter, and those that were new with their ids. */
async function insertLetters(w: BatchWriter, batch: readonly LetterRows[]): Promise<{ results: InsertResult[]; fresh: FreshLetter[] }> {
  const inserted = new Map<string, number>();
  const rows = await insertRows<{ id: number; content_hash: string }>(w, LETTERS, batch.map((r) => r.letter));
  for (const r of rows) inserted.set(r.content_hash, r.id);

  // Duplicates of letters stored before this batch: look their ids up.
  const existing = new Map<string, number>();
  for (const part of chunks(hashesToLookUp(batch, inserted), 1, w.max)) {
    const found = await w.trx.selectFrom('letters').select(['id', 'content_hash']).where('content_hash', 'in', part).execute();
    for (const r of found) existing.set(r.content_hash, r.id);
  }
  return sortOutLetters(batch, inserted, existing);
}

/** The files the letters came from (batch-rows.ts, letterFileRows). */
async function insertLetterFiles(w: BatchWriter, results: readonly InsertResult[], fileHashes: readonly (string | undefined)[] | undefined): Promise<void> {
  await insertRows(w, LETTER_FILES, letterFileRows(results, fileHashes));
}

/** Each new letter's texts: summary, original, parsed. */
async function insertLetterTexts(w: BatchWriter, fresh: readonly FreshLetter[]): Promise<void> {
  await insertRows(w, LETTER_TEXTS, letterTextRows(fresh));
}

/** The new letters' items; their generated ids by itemKey. */
async function insertItems(w: BatchWriter, fresh: readonly FreshLetter[]): Promise<Map<string, number>> {
  const itemIds = new Map<string, number>();
  for (const r of await insertRows<{ id: number; letter_id: number; idx: number }>(w, ITEMS, itemRows(fresh))) itemIds.set(itemKey(r.letter_id, r.idx), r.id);
  return itemIds;
}

/** Each new item's rationale, drugs and guideline citations. */
async function insertItemDetails(w: BatchWriter, fresh: readonly FreshLetter[], itemIds: ReadonlyMap<string, number>): Promise<void> {
  const { rationales, drugs, citations } = itemDetailRows(fresh, itemIds);
  await insertRows(w, ITEM_TEXTS, rationales);
  await insertRows(w, ITEM_DRUGS, drugs);
  await insertRows(w, CITATIONS, citations);
}

/** Each new letter's reviewer specialties and licensure states, and the facet values they bring. */
async function insertLetterFacets(w: BatchWriter, fresh: readonly FreshLetter[]): Promise<void> {
  const { specialties, states, facets } = letterFacetRows(fresh);
  await insertRows(w, LETTER_SPECIALTIES, specialties);
  await insertRows(w, LETTER_STATES, states);
  await insertRows(w, FACETS, facets);
}
