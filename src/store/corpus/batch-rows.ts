/**
 * The rows a batch of letters adds to each table, built from the letters'
 * flattened rows (rows.ts) and the ids their inserts generated. Both batch
 * writers use them, the generic one (insert.ts: multi-row INSERTs) and
 * PostgreSQL's (postgres-bulk.ts: one statement per table), so they store
 * the same rows and tell new letters from duplicates alike; they differ
 * only in how the rows reach the database.
 */
import type { Database } from '../schema.js';
import type { InsertResult } from './insert.js';
import type { LetterRows } from './rows.js';

/** A letter of the batch that was new, with its generated id. */
export interface FreshLetter {
  id: number;
  rows: LetterRows;
}

/** How an item's generated id is looked up: its letter's id and its index in the letter. */
export const itemKey = (letterId: number, idx: number): string => `${letterId}:${idx}`;

/** The content hashes of the batch's letters that the insert did not take: duplicates of letters stored before, whose ids must be looked up. */
export function hashesToLookUp(batch: readonly LetterRows[], inserted: ReadonlyMap<string, number>): string[] {
  return [...new Set(batch.map((r) => r.letter.content_hash).filter((h) => !inserted.has(h)))];
}

/**
 * What happened to each letter of the batch, given the ids the insert
 * generated (`inserted`, by content hash) and those of letters stored
 * before (`existing`): the first letter of each inserted hash is new, any
 * other (repeated in the batch or stored before) a duplicate.
 */
export function sortOutLetters(
  batch: readonly LetterRows[],
  inserted: ReadonlyMap<string, number>,
  existing: ReadonlyMap<string, number>,
): { results: InsertResult[]; fresh: FreshLetter[] } {
  const results: InsertResult[] = [];
  const fresh: FreshLetter[] = [];
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
  return { results, fresh };
}

/** The files the letters came from, new letters and duplicates alike: the next ingest of the same bytes skips them unread. */
export function letterFileRows(results: readonly InsertResult[], fileHashes: readonly (string | undefined)[] | undefined): Database['letter_files'][] {
  const files = new Map<string, number>();
  fileHashes?.forEach((sha256, i) => sha256 && files.set(sha256, results[i]!.id));
  return [...files].map(([sha256, letter_id]) => ({ sha256, letter_id }));
}

/** Each new letter's texts: summary, original, parsed. */
export function letterTextRows(fresh: readonly FreshLetter[]): Database['letter_texts'][] {
  return fresh.map(({ id, rows }) => ({ ...rows.text, letter_id: id }));
}

/** The new letters' items, before their ids are generated. */
export function itemRows(fresh: readonly FreshLetter[]) {
  return fresh.flatMap(({ id, rows }) => rows.items.map((it) => ({ ...it.item, letter_id: id })));
}

/** Each new item's rationale, drugs and guideline citations; `itemIds` by itemKey. */
export function itemDetailRows(fresh: readonly FreshLetter[], itemIds: ReadonlyMap<string, number>) {
  const rationales: Database['item_texts'][] = [];
  const drugs: Database['item_drugs'][] = [];
  const citations: Database['citations'][] = [];
  for (const { id, rows } of fresh) {
    for (const it of rows.items) {
      const itemId = itemIds.get(itemKey(id, it.item.idx))!;
      rationales.push({ item_id: itemId, rationale: it.rationale });
      for (const generic of it.drugs) drugs.push({ item_id: itemId, generic, letter_id: id, date_decision: it.item.date_decision });
      for (const c of it.citations) citations.push({ ...c, item_id: itemId });
    }
  }
  return { rationales, drugs, citations };
}

/** Each new letter's reviewer specialties and licensure states, and the facet values (guideline documents and sources, specialties) they bring. */
export function letterFacetRows(fresh: readonly FreshLetter[]) {
  const specialties: Database['letter_specialties'][] = [];
  const states: Database['letter_states'][] = [];
  const facetRows = new Map<string, Database['facets']>();
  for (const { id, rows } of fresh) {
    for (const s of rows.specialties) specialties.push({ letter_id: id, ...s });
    for (const state of rows.states) states.push({ letter_id: id, state });
    for (const it of rows.items) {
      for (const c of it.citations) {
        facetRows.set(`d:${c.document}`, { kind: 'guideline-document', value: c.document });
        facetRows.set(`s:${c.source}`, { kind: 'guideline-source', value: c.source });
      }
    }
  }
  for (const s of specialties) facetRows.set(`p:${s.specialty}`, { kind: 'specialty', value: s.specialty });
  return { specialties, states, facets: [...facetRows.values()] };
}
