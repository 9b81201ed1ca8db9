import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realLetterTexts } from '../../../test/sample-letters.js';
import { parseLetterText } from '../../letters/index.js';
import { openStore, type Store } from '../engines/db.js';
import { rebuildFacetCounts } from './facet-counts.js';
import { writeBatch } from './insert.js';
import { prepareLetter, type LetterRows } from './rows.js';
import { facetCountDeltas, searchDocument, writeBatchSqlite } from './sqlite-bulk.js';

/** Every table the write of a letter batch touches, each with an order that makes its rows comparable. */
const TABLES: Record<string, string> = {
  letters: 'id',
  letter_files: 'sha256',
  letter_texts: 'letter_id',
  items: 'id',
  item_texts: 'item_id',
  item_drugs: 'item_id, generic',
  citations: 'item_id, role, position',
  letter_specialties: 'letter_id, kind, specialty',
  letter_states: 'letter_id, state',
  facets: 'kind, value',
  facet_counts: 'facet, value, month, category, decision',
};

async function dump(store: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(TABLES)) out[table] = (await sql.raw(`SELECT * FROM ${table} ORDER BY ${order}`).execute(store.db)).rows;
  return out;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

// The bulk path is SQLite's; the PostgreSQL project runs the Kysely path through the other store tests.
describe.skipIf(process.env.IMR_TEST_ENGINE === 'postgres')('SQLite bulk write of letter batches (sqlite-bulk.ts)', () => {
  let dir: string;
  let letters: { name: string; rows: LetterRows; text: string }[];
  let bulk: Store;
  let kysely: Store;
  const results: Record<'bulk' | 'kysely', unknown[]> = { bulk: [], kysely: [] };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'imr-sqlite-bulk-'));
    letters = realLetterTexts().map(({ name, text }) => {
      const p = prepareLetter({ determination: parseLetterText(text, name), original: { text, format: 'txt' } }, '2026-01-01T00:00:00.000Z');
      if (!p.ok) throw new Error(`${name}: ${JSON.stringify(p.issues)}`);
      return { name, rows: p.letter.rows, text };
    });
    bulk = await openStore({ path: join(dir, 'bulk.db') });
    kysely = await openStore({ path: join(dir, 'kysely.db') });
    // Two batches: the second repeats a letter of the first (stored before) and one of its own (earlier in the batch).
    const half = Math.floor(letters.length / 2);
    const batches = [letters.slice(0, half), [...letters.slice(half), letters[0]!, letters[half]!]];
    for (const batch of batches) {
      const rows = batch.map((l) => l.rows);
      // A file hash for each but the last: a letter given as text has none.
      const hashes = batch.map((l, i) => (i === batch.length - 1 ? undefined : sha(`${l.name}:${i}`)));
      results.kysely.push(...(await kysely.db.transaction().execute((trx) => writeBatch(trx, kysely.dialect, rows, undefined, hashes, true))));
      results.bulk.push(...(await bulk.db.transaction().execute((trx) => writeBatch(trx, bulk.dialect, rows, undefined, hashes))));
    }
  });
  afterAll(async () => {
    await bulk?.close();
    await kysely?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes, on the real letters, exactly the rows, results and counts of the engine-neutral path', async () => {
    expect(letters.length).toBeGreaterThanOrEqual(70);
    expect(results.bulk).toEqual(results.kysely);
    expect(results.bulk.filter((r) => (r as { status: string }).status === 'duplicate')).toHaveLength(2);
    const [a, b] = [await dump(bulk), await dump(kysely)];
    for (const table of Object.keys(TABLES)) expect(a[table], table).toEqual(b[table]);
    expect(a.items!.length).toBeGreaterThan(150);
    expect(a.facet_counts!.length).toBeGreaterThan(100);
  });

  it('keeps facet counts equal to a count of the stored letters from scratch', async () => {
    const before = (await dump(bulk)).facet_counts;
    await bulk.db.transaction().execute((trx) => rebuildFacetCounts(trx));
    expect((await dump(bulk)).facet_counts).toEqual(before);
    const summed = facetCountDeltas(letters.map((l) => l.rows)).reduce((n, d) => n + (d.facet === 'category' ? d.items : 0), 0);
    expect(summed).toBe(letters.reduce((n, l) => n + l.rows.items.length, 0));
  });

  it('indexes each letter with the document the search view gives, so the index passes its integrity check and finds the same letters', async () => {
    const view = (await sql<{ id: number; case_number: string; requests: string | null; treatments: string | null; summary: string; rationales: string | null }>`SELECT * FROM letter_search_text ORDER BY id`.execute(bulk.db)).rows;
    const byHash = new Map(letters.map((l) => [l.rows.letter.content_hash, l.rows]));
    const ids = (await sql<{ id: number; content_hash: string }>`SELECT id, content_hash FROM letters ORDER BY id`.execute(bulk.db)).rows;
    expect(view).toHaveLength(ids.length);
    ids.forEach(({ id, content_hash }, i) => {
      const v = view[i]!;
      expect([v.case_number, v.requests, v.treatments, v.summary, v.rationales], `letter ${id}`).toEqual(searchDocument(byHash.get(content_hash)!));
    });
    await bulk.dialect.searchIndex.verify(bulk.db);
    for (const q of ['baclofen', '"functional improvement"', 'acupuncture', 'MRI']) {
      const found = async (s: Store) => (await s.determinations.search(q, { limit: 100 })).hits.map((h) => h.id);
      const hits = await found(bulk);
      expect(hits.length, q).toBeGreaterThan(0);
      expect(hits, q).toEqual(await found(kysely));
    }
  });

  it('refuses to write outside a transaction, where an error would leave a letter half-written', async () => {
    const raw = bulk.dialect.sqliteConnection!;
    expect(() => writeBatchSqlite(raw, [letters[1]!.rows])).toThrow(/inside a transaction/);
    const n = (await sql<{ n: number }>`SELECT count(*) AS n FROM letters`.execute(bulk.db)).rows[0]!.n;
    expect(n).toBe(letters.length);
  });
});
