/**
 * The same real letters in an SQLite and a PostgreSQL store, and the same
 * questions asked of both. What the engines guarantee alike:
 * - which letters a query (with any filters) matches, and the totals;
 * - the result window: which most recently added letters it holds;
 * - every statistic;
 * - the order of a listing without a positive text term (newest decision
 *   first, then newest id; the ids agree, being assigned in insert order);
 * - ranked results are ordered by each engine's own score, best first, ties
 *   newest first, with a snippet marking a matched term.
 * What may differ: the scores themselves (bm25 on SQLite, ts_rank on
 * PostgreSQL), so letters can rank in another order, and which passage a
 * snippet shows.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLetterFile } from '../src/letters/index.js';
import { openStore, type LetterToStore, type SearchOptions, type StatsDimension, type StatsFilters, type Store } from '../src/store/index.js';
import { tempDatabase, type TestDatabase } from './test-databases.js';
import { DWC_TXT, SAMPLE_LETTERS } from './sample-letters.js';

/** Queries of every shape the syntax has, with filters, over what the real letters say. */
const QUERIES: [string, SearchOptions][] = [
  ['baclofen', {}],
  ['physical therapy', {}],
  ['"physical therapy"', {}],
  ['"not medically necessary"', {}],
  ['"functional improvement"', { decision: 'overturned' }],
  ['mri OR ct', {}],
  ['shoulder OR knee', { from: '2017-01-01' }],
  ['opioid -tramadol', {}],
  ['cervical -lumbar', {}],
  ['NOT surgery', {}],
  ['-"physical therapy"', { decision: 'upheld' }],
  ['acupunct*', {}],
  ['injection*', { category: 'injection' }],
  ['psych*', {}],
  ['hydrocodone', {}],
  ['norco OR percocet', { drug: 'opioid' }],
  ['CM16-0230548', {}],
  ['0230548', {}],
  ['5/325', {}],
  ['MS', {}],
  ['urine drug screen', {}],
  ['MTUS', { guideline: 'chronic pain' }],
  ['ODG', { specialty: 'orthopedic' }],
  ['chronic pain', { to: '2016-12-31' }],
  ['spasm', { drug: 'baclofen' }],
  ['epidural', {}],
  ['', { decision: 'overturned' }],
  ['', { guideline: 'low back' }],
  ["'; DROP TABLE letters; --", {}],
];

const DIMENSIONS: StatsDimension[] = ['category', 'drug', 'guideline', 'specialty', 'year', 'decision'];
const STATS_FILTERS: StatsFilters[] = [{}, { decision: 'overturned' }, { query: 'physical therapy' }, { query: '-opioid', from: '2017-01-01' }, { guideline: 'ODG', specialty: 'medicine' }];

/** The 70 real letters (5 samples and the 65 DWC letters), in a fixed order. */
async function realLetters(): Promise<LetterToStore[]> {
  const files = [
    ...readdirSync(SAMPLE_LETTERS).filter((f) => f.endsWith('.txt')).sort().map((f) => join(SAMPLE_LETTERS, f)),
    ...readdirSync(DWC_TXT).filter((f) => f.endsWith('.txt')).sort().map((f) => join(DWC_TXT, f)),
  ];
  const letters: LetterToStore[] = [];
  for (const file of files) {
    const { file: read, determination } = await parseLetterFile(file);
    letters.push({ determination, original: { text: read.text, format: read.format } });
  }
  return letters;
}

const sortedIds = (hits: { id: number }[]) => hits.map((h) => h.id).sort((a, b) => a - b);

describe('SQLite and PostgreSQL over the same real letters', () => {
  const databases: TestDatabase[] = [];
  const stores: Store[] = [];
  let sqlite: Store;
  let postgres: Store;
  let letters: LetterToStore[];

  beforeAll(async () => {
    letters = await realLetters();
    for (const engine of ['sqlite', 'postgres'] as const) {
      const database = await tempDatabase(engine);
      databases.push(database);
      const store = await openStore({ path: database.target });
      stores.push(store);
      await store.determinations.insertMany(letters);
    }
    [sqlite, postgres] = stores as [Store, Store];
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    for (const d of databases) await d.dispose();
  });

  it('store every letter under the same id, and read it back the same', async () => {
    expect(letters).toHaveLength(70);
    expect(await postgres.determinations.count()).toBe(70);
    for (const id of [1, 35, 70]) {
      expect((await postgres.determinations.getDetermination(id))?.determination).toEqual((await sqlite.determinations.getDetermination(id))?.determination);
    }
    await postgres.determinations.verifyIndex();
  });

  it.each(QUERIES)('match the same letters for %j %j', async (query, filters) => {
    const [a, b] = [await sqlite.determinations.search(query, { ...filters, limit: 200 }), await postgres.determinations.search(query, { ...filters, limit: 200 })];
    expect({ total: b.total, totalExact: b.totalExact }).toEqual({ total: a.total, totalExact: a.totalExact });
    expect(sortedIds(b.hits)).toEqual(sortedIds(a.hits));
    expect(b.hits.map((h) => h.caseNumber).sort()).toEqual(a.hits.map((h) => h.caseNumber).sort());
    // The items shown, and which of them satisfy the filters, are the same.
    const items = (hits: typeof a.hits) => Object.fromEntries(hits.map((h) => [h.id, h.items]));
    expect(items(b.hits)).toEqual(items(a.hits));
    // Each engine ranks by its own score (best first, ties newest first) and marks a matched term.
    for (const page of [a, b]) {
      for (let i = 1; i < page.hits.length; i++) {
        const [prev, next] = [page.hits[i - 1]!, page.hits[i]!];
        if (prev.score !== null && next.score !== null) expect(prev.score > next.score || (prev.score === next.score && prev.id > next.id)).toBe(true);
      }
      if (page.hits[0]?.score !== null) for (const h of page.hits) expect(h.snippet, `${query}: ${h.caseNumber}`).toMatch(/«[^»]+»/);
    }
  });

  it('list letters without a positive term in the same order', async () => {
    for (const [query, filters] of QUERIES.filter(([q]) => q === '' || /^(-|NOT )/.test(q))) {
      const [a, b] = [await sqlite.determinations.search(query, { ...filters, limit: 200 }), await postgres.determinations.search(query, { ...filters, limit: 200 })];
      expect(b.hits.map((h) => h.id), query).toEqual(a.hits.map((h) => h.id));
      expect(b.hits.every((h) => h.score === null)).toBe(true);
    }
  });

  it('hold the same most recently added letters in a result window, and count past it alike', async () => {
    const windowed = await Promise.all(databases.map((d) => openStore({ path: d.target, repository: { resultWindow: 10 } })));
    try {
      for (const query of ['medically necessary', 'the', '-baclofen', 'mri OR ct']) {
        const [a, b] = [await windowed[0]!.determinations.search(query, { limit: 200 }), await windowed[1]!.determinations.search(query, { limit: 200 })];
        expect({ total: b.total, totalExact: b.totalExact }, query).toEqual({ total: a.total, totalExact: a.totalExact });
        expect(sortedIds(b.hits), query).toEqual(sortedIds(a.hits));
      }
      expect((await windowed[1]!.determinations.search('medically necessary')).totalExact).toBe(false);
    } finally {
      for (const s of windowed) await s.close();
    }
  });

  it('give the same statistics', async () => {
    for (const by of DIMENSIONS) {
      for (const filters of STATS_FILTERS) {
        const rows = await sqlite.determinations.stats(by, filters);
        expect(rows.length, `${by} ${JSON.stringify(filters)}`).toBeGreaterThan(0);
        expect(await postgres.determinations.stats(by, filters), `${by} ${JSON.stringify(filters)}`).toEqual(rows);
      }
    }
  });
});
