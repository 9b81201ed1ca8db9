import type { Kysely } from 'kysely';
import { addFacetCounts } from './facet-counts.js';
import type { Database } from './schema.js';
import type { LetterRows } from './rows.js';
import type { StoreDialect } from './search-index.js';

/** What happened to one letter of an insert. */
export interface InsertResult {
  /** `duplicate`: a letter with the same content hash was already stored (or earlier in the same batch). */
  status: 'ingested' | 'duplicate';
  /** The stored letter's id (the earlier one's for a duplicate). */
  id: number;
}

/** Stages of a letter batch write, reported to a test hook after each completes. */
export type InsertStage = 'letters' | 'items' | 'details' | 'index';

/** Splits rows so each multi-row INSERT stays under the dialect's bind-parameter limit. */
function chunks<T>(rows: readonly T[], columns: number, maxParameters: number): T[][] {
  const size = Math.max(1, Math.floor(maxParameters / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

const LETTER_COLUMNS = 15;

/**
 * Writes a batch of letters inside the caller's transaction with a handful
 * of multi-row statements per table (not per letter): letters first
 * (`ON CONFLICT DO NOTHING` on the content hash reports duplicates without
 * aborting the batch), then items with their generated ids, then drugs,
 * citations and reviewer facets, then the text index.
 */
export async function writeBatch(
  trx: Kysely<Database>,
  dialect: StoreDialect,
  batch: readonly LetterRows[],
  afterStage?: (stage: InsertStage) => void,
  fileHashes?: readonly (string | undefined)[],
): Promise<InsertResult[]> {
  const max = dialect.maxParameters;
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
  const missing = [...new Set(batch.map((r) => r.letter.content_hash).filter((h) => !inserted.has(h)))];
  const existing = new Map<string, number>();
  for (const part of chunks(missing, 1, max)) {
    const rows = await trx.selectFrom('letters').select(['id', 'content_hash']).where('content_hash', 'in', part).execute();
    for (const r of rows) existing.set(r.content_hash, r.id);
  }

  const results: InsertResult[] = [];
  const fresh: { id: number; rows: LetterRows }[] = [];
  const claimed = new Set<string>();
  for (const rows of batch) {
    const hash = rows.letter.content_hash;
    const id = inserted.get(hash);
    if (id !== undefined && !claimed.has(hash)) {
      claimed.add(hash);
      fresh.push({ id, rows });
      results.push({ status: 'ingested', id });
    } else {
      const earlier = id ?? existing.get(hash);
      if (earlier === undefined) throw new Error(`letter ${hash} was neither inserted nor found`);
      results.push({ status: 'duplicate', id: earlier });
    }
  }
  // The files the letters came from, new letters and duplicates alike: the next ingest of the same bytes skips them unread.
  const files = new Map<string, number>();
  fileHashes?.forEach((sha256, i) => sha256 && files.set(sha256, results[i]!.id));
  const fileRows = [...files].map(([sha256, letter_id]) => ({ sha256, letter_id }));
  for (const part of chunks(fileRows, 2, max)) await trx.insertInto('letter_files').values(part).onConflict((oc) => oc.column('sha256').doNothing()).execute();
  afterStage?.('letters');
  if (fresh.length === 0) return results;

  const texts = fresh.map(({ id, rows }) => ({ ...rows.text, letter_id: id }));
  for (const part of chunks(texts, 5, max)) await trx.insertInto('letter_texts').values(part).execute();
  const itemRows = fresh.flatMap(({ id, rows }) => rows.items.map((it) => ({ ...it.item, letter_id: id })));
  const itemIds = new Map<string, number>();
  for (const part of chunks(itemRows, 8, max)) {
    const rows = await trx.insertInto('items').values(part).returning(['id', 'letter_id', 'idx']).execute();
    for (const r of rows) itemIds.set(`${r.letter_id}:${r.idx}`, r.id);
  }
  afterStage?.('items');

  const rationales: Database['item_texts'][] = [];
  const drugs: Database['item_drugs'][] = [];
  const citations: Database['citations'][] = [];
  const specialties: Database['letter_specialties'][] = [];
  const states: Database['letter_states'][] = [];
  for (const { id, rows } of fresh) {
    for (const it of rows.items) {
      const itemId = itemIds.get(`${id}:${it.item.idx}`)!;
      rationales.push({ item_id: itemId, rationale: it.rationale });
      for (const generic of it.drugs) drugs.push({ item_id: itemId, generic });
      for (const c of it.citations) citations.push({ ...c, item_id: itemId });
    }
    for (const s of rows.specialties) specialties.push({ letter_id: id, ...s });
    for (const state of rows.states) states.push({ letter_id: id, state });
  }
  for (const part of chunks(rationales, 2, max)) await trx.insertInto('item_texts').values(part).execute();
  for (const part of chunks(drugs, 2, max)) await trx.insertInto('item_drugs').values(part).execute();
  for (const part of chunks(citations, 7, max)) await trx.insertInto('citations').values(part).execute();
  for (const part of chunks(specialties, 3, max)) await trx.insertInto('letter_specialties').values(part).execute();
  for (const part of chunks(states, 2, max)) await trx.insertInto('letter_states').values(part).execute();
  const facetRows = new Map<string, Database['facets']>();
  for (const c of citations) {
    facetRows.set(`d:${c.document}`, { kind: 'guideline-document', value: c.document });
    facetRows.set(`s:${c.source}`, { kind: 'guideline-source', value: c.source });
  }
  for (const s of specialties) facetRows.set(`p:${s.specialty}`, { kind: 'specialty', value: s.specialty });
  for (const part of chunks([...facetRows.values()], 2, max)) {
    await trx.insertInto('facets').values(part).onConflict((oc) => oc.columns(['kind', 'value']).doNothing()).execute();
  }
  // The statistics count the new letters in the same transaction: a batch that rolls back leaves them as they were.
  await addFacetCounts(trx, fresh.map((f) => f.id));
  afterStage?.('details');

  await dialect.searchIndex.add(
    trx,
    fresh.map((f) => f.id),
  );
  afterStage?.('index');
  return results;
}
