import { sql, type Kysely, type RawBuilder } from 'kysely';
import { applyFacetDelta } from './facet-counts.js';
import type { Database } from '../schema.js';
import type { LetterRows } from './rows.js';
import type { InsertResult, InsertStage } from './insert.js';
import { CONFIG, PUNCTUATION, flatText } from '../search/tsquery.js';
import { hashesToLookUp, itemDetailRows, itemKey, itemRows, letterFacetRows, letterFileRows, letterTextRows, sortOutLetters, type FreshLetter } from './batch-rows.js';

/**
 * The PostgreSQL way of writing a batch of letters (insert.ts dispatches
 * here): one statement per table per batch, whatever its size, each
 * reading its rows from one JSON parameter (json_populate_recordset, which
 * gives every value its column's type), where the generic path binds every
 * value as a parameter of multi-row INSERTs (up to 65,535 a statement, all
 * parsed and planned per statement).
 *
 * Most of a batch's time on PostgreSQL was the full-text document
 * (measured: 70% at 500-letter batches): the generic path builds it from
 * the view `letter_search_text`, and flattening its text with a regular
 * expression on the server (tsquery.ts, flatText) cost more than the
 * tsvector itself. Here each document's five parts are joined from the
 * rows in hand, flattened in JavaScript where that is provably the same
 * (jsFlatText), and only to_tsvector runs on the server. Everything stored
 * is the same as the generic path stores (postgres-bulk.test.ts and the
 * index's own check, verifyIndex, hold it).
 */
export async function writePostgresBatch(
  trx: Kysely<Database>,
  batch: readonly LetterRows[],
  afterStage?: (stage: InsertStage) => void,
  fileHashes?: readonly (string | undefined)[],
): Promise<InsertResult[]> {
  const { results, fresh } = await insertLetters(trx, batch);
  await insertLetterFiles(trx, results, fileHashes);
  afterStage?.('letters');
  if (fresh.length === 0) return results;

  await insertRows(trx, 'letter_texts', letterTextRows(fresh));
  const itemIds = new Map<string, number>();
  for (const r of await insertRows<{ id: number; letter_id: number; idx: number }>(trx, 'items', itemRows(fresh), { returning: ['id', 'letter_id', 'idx'] })) itemIds.set(itemKey(r.letter_id, r.idx), r.id);
  afterStage?.('items');

  await insertItemDetails(trx, fresh, itemIds);
  await insertLetterFacets(trx, fresh);
  // The statistics count the new letters in the same transaction, as on the generic path.
  await applyFacetDelta(trx, fresh.flatMap((f) => f.rows.counts));
  afterStage?.('details');

  await indexLetters(trx, fresh);
  afterStage?.('index');
  return results;
}

type Table = keyof Database;

/**
 * INSERT INTO `table` the rows (objects of its columns), in their order, in
 * one statement: ids generated in that order, as a multi-row VALUES does.
 * The columns are every key of the rows; a value left out is NULL.
 */
async function insertRows<R = never>(
  trx: Kysely<Database>,
  table: Table,
  rows: readonly object[],
  options: { returning?: readonly string[]; onConflictDoNothing?: readonly string[] } = {},
): Promise<R[]> {
  if (rows.length === 0) return [];
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  const picked = sql.join(columns.map((c) => sql.ref(`r.${c}`)));
  const conflict = options.onConflictDoNothing ? sql` ON CONFLICT (${sql.join(options.onConflictDoNothing.map((c) => sql.ref(c)))}) DO NOTHING` : sql``;
  const returning = options.returning ? sql` RETURNING ${sql.join(options.returning.map((c) => sql.ref(c)))}` : sql``;
  // Rows that take generated ids reach the insert in the batch's order (ORDER BY); the others need
  // no sort, which for wide rows (the letters' texts) would spill megabytes to disk.
  const order = options.returning ? sql` WITH ORDINALITY AS r ORDER BY r.ordinality` : sql` AS r`;
  const { rows: out } = await sql<R>`
    INSERT INTO ${sql.table(table)} (${cols})
    SELECT ${picked} FROM json_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows)}::json)${order}${conflict}${returning}`.execute(trx);
  return out;
}

/** The letters rows; what happened to each letter, and those that were new with their ids. */
async function insertLetters(trx: Kysely<Database>, batch: readonly LetterRows[]): Promise<{ results: InsertResult[]; fresh: FreshLetter[] }> {
  const inserted = new Map<string, number>();
  const rows = await insertRows<{ id: number; content_hash: string }>(
    trx,
    'letters',
    batch.map((r) => r.letter),
    { returning: ['id', 'content_hash'], onConflictDoNothing: ['content_hash'] },
  );
  for (const r of rows) inserted.set(r.content_hash, r.id);

  // Duplicates of letters stored before this batch: look their ids up.
  const missing = hashesToLookUp(batch, inserted);
  const existing = new Map<string, number>();
  if (missing.length) {
    const found = await sql<{ id: number; content_hash: string }>`SELECT id, content_hash FROM letters WHERE content_hash = ANY(${missing}::text[])`.execute(trx);
    for (const r of found.rows) existing.set(r.content_hash, r.id);
  }
  return sortOutLetters(batch, inserted, existing);
}

/** The files the letters came from (batch-rows.ts, letterFileRows). */
async function insertLetterFiles(trx: Kysely<Database>, results: readonly InsertResult[], fileHashes: readonly (string | undefined)[] | undefined): Promise<void> {
  await insertRows(trx, 'letter_files', letterFileRows(results, fileHashes), { onConflictDoNothing: ['sha256'] });
}

/** Each new item's rationale, drugs and guideline citations. */
async function insertItemDetails(trx: Kysely<Database>, fresh: readonly FreshLetter[], itemIds: ReadonlyMap<string, number>): Promise<void> {
  const { rationales, drugs, citations } = itemDetailRows(fresh, itemIds);
  await insertRows(trx, 'item_texts', rationales);
  await insertRows(trx, 'item_drugs', drugs);
  await insertRows(trx, 'citations', citations);
}

/** Each new letter's reviewer specialties and licensure states, and the facet values they bring. */
async function insertLetterFacets(trx: Kysely<Database>, fresh: readonly FreshLetter[]): Promise<void> {
  const { specialties, states, facets } = letterFacetRows(fresh);
  await insertRows(trx, 'letter_specialties', specialties);
  await insertRows(trx, 'letter_states', states);
  await insertRows(trx, 'facets', facets, { onConflictDoNothing: ['kind', 'value'] });
}

/**
 * The five parts of a letter's search document, as the view
 * `letter_search_text` (search-text.ts) joins them from the stored rows:
 * case number, item requests and treatment names (with drug class) joined
 * by " ; " in item order, clinical summary, rationales joined by " ".
 * Weights as postgres-search.ts's DOCUMENT gives them, in its order.
 */
function documentParts(rows: LetterRows): [text: string, weight: 'A' | 'B' | 'C' | 'D'][] {
  const items = [...rows.items].sort((a, b) => a.item.idx - b.item.idx);
  return [
    [rows.letter.case_number ?? '', 'A'],
    [items.map((it) => it.item.request).join(' ; '), 'B'],
    [items.map((it) => it.item.treatment_name + (it.item.drug_class === null ? '' : ` ${it.item.drug_class}`)).join(' ; '), 'B'],
    [rows.text.clinical_summary, 'D'],
    [items.map((it) => it.rationale).join(' '), 'C'],
  ];
}

const PUNCTUATION_SET = new Set(PUNCTUATION);
const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * flatText (tsquery.ts) computed here, or null when this text is one whose
 * answer depends on how PostgreSQL classifies a non-ASCII character (the
 * server then computes it). flatText reads punctuation as spaces, then
 * replaces the "s" of every two-letter word ending in s with "ѕ"; a word
 * there is a run of [[:alnum:]_] (underscore is punctuation, so already a
 * space). For ASCII neighbours the rule is plain; a non-ASCII letter or
 * neighbour of such a word's "s" could be a letter or not by the server's
 * locale, so that text is left to the server.
 */
export function jsFlatText(text: string): string | null {
  let flat = '';
  for (const ch of text) flat += PUNCTUATION_SET.has(ch) ? ' ' : ch;
  let out = '';
  let from = 0;
  for (let j = 1; j < flat.length; j++) {
    const ch = flat.charCodeAt(j);
    if (ch !== 115 && ch !== 83) continue; // s, S
    const letter = flat.charCodeAt(j - 1);
    const after = j + 1 < flat.length ? flat.charCodeAt(j + 1) : -1;
    const before = j >= 2 ? flat.charCodeAt(j - 2) : -1;
    if (letter < 128 && !isAsciiAlpha(letter)) continue;
    if (after >= 0 && after < 128 && isAsciiAlnum(after)) continue;
    if (before >= 0 && before < 128 && isAsciiAlnum(before)) continue;
    if (letter >= 128 || after >= 128 || before >= 128) return null;
    out += `${flat.slice(from, j)}\u0455`;
    from = j + 1;
  }
  return out + flat.slice(from);
}

/** One part of the document: flattened here, else by the server from the raw text. */
const indexPart = (i: number, weight: string): RawBuilder<unknown> =>
  sql`setweight(to_tsvector(${CONFIG}, coalesce(${sql.ref(`u.f${i}`)}, ${flatText(sql.ref(`u.r${i}`))})), ${sql.lit(weight)})`;

/** The new letters' search documents, the same vectors as tsvectorIndex.add builds from the view. */
async function indexLetters(trx: Kysely<Database>, fresh: readonly FreshLetter[]): Promise<void> {
  const ids: number[] = [];
  const flat: (string | null)[][] = [[], [], [], [], []];
  const raw: (string | null)[][] = [[], [], [], [], []];
  let weights: string[] = [];
  for (const { id, rows } of fresh) {
    ids.push(id);
    const parts = documentParts(rows);
    weights = parts.map(([, w]) => w);
    parts.forEach(([text], i) => {
      const f = jsFlatText(text);
      flat[i]!.push(f);
      raw[i]!.push(f === null ? text : null);
    });
  }
  const document = sql.join(weights.map((w, i) => indexPart(i, w)), sql` || `);
  const arrays = [sql`${ids}::integer[]`, ...flat.flatMap((f, i) => [sql`${f}::text[]`, sql`${raw[i]}::text[]`])];
  const names = sql.join([sql.ref('id'), ...flat.flatMap((_, i) => [sql.ref(`f${i}`), sql.ref(`r${i}`)])]);
  await sql`
    INSERT INTO letter_search (letter_id, document)
    SELECT u.id, ${document} FROM unnest(${sql.join(arrays)}) AS u(${names})`.execute(trx);
}
