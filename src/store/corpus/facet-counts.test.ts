import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { realLetterPaths } from '../../../test/sample-letters.js';
import { parseLetterFile } from '../../letters/index.js';
import type { LetterToStore } from './determinations.js';
import { openStore } from '../engines/db.js';
import { facetDeltaOf, rebuildFacetCounts, type FacetDelta } from './facet-counts.js';
import { prepareLetter } from './rows.js';
import { indexFirst } from '../migrations/corpus/0013-index-first.js';
import { listingOrder } from '../migrations/corpus/0014-listing-order.js';
import { bulkLoad } from '../migrations/corpus/0016-bulk-load.js';
import { scanStats, splitRange, STATS_DIMENSIONS, type StatsDimension, type StatsFilters, type StatsRow } from './stats.js';
import { makeCorpus, originalOf, tempStore } from '../../../test/store-fixtures.js';

type Ctx = Awaited<ReturnType<typeof tempStore>>;

const DIMS: readonly StatsDimension[] = STATS_DIMENSIONS;
/** The filters the counts answer, with ranges on whole months, on parts of months and inside one month. */
const FILTERS: StatsFilters[] = [
  {},
  { decision: 'overturned' },
  { category: 'medication' },
  { from: '2016-01-01', to: '2016-12-31' },
  { from: '2016-11-17', to: '2017-02-03', decision: 'upheld' },
  { from: '2016-12-05', to: '2016-12-20' },
  { to: '2016-12-14', category: 'imaging' },
  { from: '2017-01-09' },
];

const sorted = (rows: StatsRow[]) => [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key)));

/** Every statistic read from the counts equals the full scan of the items. */
async function expectCountsMatchScan(ctx: Ctx): Promise<void> {
  const { store } = ctx;
  for (const by of DIMS) {
    for (const f of FILTERS) {
      const counted = await store.determinations.stats(by, f);
      const scanned = await scanStats(store.db, store.dialect.searchIndex, by, f);
      expect(sorted(counted), `${by} ${JSON.stringify(f)}`).toEqual(sorted(scanned));
    }
  }
}

describe('statistics already counted (facet_counts)', () => {
  let ctx: Ctx;
  let real: LetterToStore[];
  let realIds: number[];
  let generated: LetterToStore[];
  let generatedIds: number[];

  beforeAll(async () => {
    ctx = await tempStore();
    real = [];
    for (const p of realLetterPaths()) {
      const { file, determination } = await parseLetterFile(p);
      real.push({ determination, original: { text: file.text, format: file.format } });
    }
    realIds = (await ctx.store.determinations.insertMany(real)).map((r) => r.id);
    generated = makeCorpus(150, 11).map((d) => ({ determination: d, original: originalOf(d) }));
    generatedIds = (await ctx.store.determinations.insertMany(generated)).map((r) => r.id);
  });
  afterAll(() => ctx.dispose());

  it('equal the full-scan statistics on the real letters and a generated corpus, for every dimension and filter', async () => {
    const all = await ctx.store.determinations.stats('decision');
    // The real letters alone have 168 items, with overturned ones among them.
    expect(all.reduce((n, r) => n + r.items, 0)).toBeGreaterThan(168);
    expect(all.find((r) => r.key === 'overturned')!.items).toBeGreaterThan(18);
    // Sections the IMR reviewers of the real letters cite, each keyed with its document.
    const sections = await ctx.store.determinations.stats('section');
    expect(sections.find((r) => r.key === 'Chronic Pain Medical Treatment Guidelines § Physical medicine treatment')?.items).toBeGreaterThanOrEqual(19);
    expect(sections.find((r) => r.key === 'ACOEM Chapter 12 Low Back Complaints § Special Studies')?.items).toBeGreaterThanOrEqual(13);
    // A range cutting months at both ends is answered from the day counts, and counts something.
    const cut = await ctx.store.determinations.stats('section', { from: '2016-11-17', to: '2017-02-03' });
    expect(cut.reduce((n, r) => n + r.items, 0)).toBeGreaterThan(0);
    await expectCountsMatchScan(ctx);
  });

  it('are, for each letter, what the SQL grouping of its stored rows gives: ingest counts the rows it has in hand', async () => {
    const byKey = (rows: readonly FacetDelta[]) =>
      [...rows].map((r) => ({ ...r, items: Number(r.items) })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    let guidelines = 0;
    let sections = 0;
    let specialties = 0;
    const letters = [...real.map((l, i) => [l, realIds[i]!] as const), ...generated.map((l, i) => [l, generatedIds[i]!] as const)];
    for (const [letter, id] of letters) {
      const prepared = prepareLetter(letter);
      if (!prepared.ok) throw new Error(`letter ${id} did not validate`);
      const counted = prepared.letter.rows.counts;
      expect(byKey(counted), `letter ${id} (${letter.determination.caseNumber})`).toEqual(byKey(await facetDeltaOf(ctx.store.db, [id])));
      guidelines += counted.filter((r) => r.facet === 'guideline').length;
      sections += counted.filter((r) => r.facet === 'section').length;
      specialties += counted.filter((r) => r.facet === 'specialty').length;
    }
    // The comparison covered the facets with rules of their own, not only empty lists.
    expect(Math.min(guidelines, sections, specialties)).toBeGreaterThan(letters.length);
  });

  it('stay equal after deleting letters, re-ingesting them, and ingesting duplicates', async () => {
    const before = await ctx.store.determinations.stats('guideline');
    const gone = realIds.filter((_, i) => i % 3 === 0);
    expect(await ctx.store.determinations.deleteLetters(gone)).toBe(gone.length);
    await expectCountsMatchScan(ctx);
    const after = await ctx.store.determinations.stats('guideline');
    expect(after.reduce((n, r) => n + r.items, 0)).toBeLessThan(before.reduce((n, r) => n + r.items, 0));
    // The deleted letters come back as new ones; the rest are duplicates and count nothing twice.
    const again = await ctx.store.determinations.insertMany(real);
    expect(again.filter((r) => r.status === 'ingested')).toHaveLength(gone.length);
    await expectCountsMatchScan(ctx);
    expect(sorted(await ctx.store.determinations.stats('guideline'))).toEqual(sorted(before));
    await ctx.store.determinations.verifyIndex();
  });

  it('are left unchanged by a batch that fails part-way', async () => {
    const failing = await tempStore({ repository: { afterStage: (s) => { if (s === 'index') throw new Error('disk gone'); } } });
    try {
      await expect(failing.store.determinations.insertMany(real.slice(0, 5))).rejects.toThrow(/nothing was written/);
      const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM facet_counts`.execute(failing.store.db);
      expect(Number(rows[0]!.n)).toBe(0);
    } finally {
      await failing.dispose();
    }
  });

  it('are rebuilt from the stored letters as the migration builds them', async () => {
    await sql`DELETE FROM facet_counts`.execute(ctx.store.db);
    expect(await ctx.store.determinations.stats('category')).toEqual([]);
    await rebuildFacetCounts(ctx.store.db);
    await expectCountsMatchScan(ctx);
  });

  it('are built by migration 0012 on a store that had letters before it', async () => {
    const old = await tempStore();
    try {
      await old.store.determinations.insertMany(real);
      // The store as it was at 0011 before any count was kept: no day counts, no month counts, 0012 and after not applied.
      await bulkLoad(old.store.dialect).down!(old.store.db);
      await listingOrder(old.store.dialect).down!(old.store.db);
      await indexFirst(old.store.dialect).down!(old.store.db);
      await sql`DROP TABLE facet_day_counts`.execute(old.store.db);
      await sql`DELETE FROM facet_counts`.execute(old.store.db);
      await sql`DELETE FROM kysely_migration WHERE name >= '0012'`.execute(old.store.db);
      await old.store.close();
      const reopened = await openStore({ path: old.path });
      try {
        await expectCountsMatchScan({ ...old, store: reopened });
        if (reopened.dialect.name === 'sqlite') {
          // 0015 made both tables anew, their rows in the primary key's B-tree (one write per upsert, not two).
          const { rows } = await sql<{ name: string; wr: number }>`SELECT name, wr FROM pragma_table_list WHERE name IN ('facet_counts', 'facet_day_counts') ORDER BY name`.execute(reopened.db);
          expect(rows).toEqual([{ name: 'facet_counts', wr: 1 }, { name: 'facet_day_counts', wr: 1 }]);
        }
        expect((await reopened.determinations.stats('decision')).reduce((n, r) => n + r.items, 0)).toBe(real.reduce((n, l) => n + l.determination.items.length, 0));
      } finally {
        await reopened.close();
      }
    } finally {
      await old.dispose().catch(() => undefined);
    }
  });
});

describe('splitRange', () => {
  it('keeps whole months for the counts and the days at the ends for a scan', () => {
    expect(splitRange('2016-01-01', '2016-12-31')).toEqual({ months: { from: '2016-01', to: '2016-12' }, edges: [] });
    expect(splitRange('2016-11-17', '2017-02-03')).toEqual({
      months: { from: '2016-12', to: '2017-01' },
      edges: [
        { from: '2016-11-17', to: '2016-11-30' },
        { from: '2017-02-01', to: '2017-02-03' },
      ],
    });
    expect(splitRange('2016-02-01', '2016-02-29')).toEqual({ months: { from: '2016-02', to: '2016-02' }, edges: [] });
    expect(splitRange('2016-12-05', '2016-12-20')).toEqual({ months: null, edges: [{ from: '2016-12-05', to: '2016-12-20' }] });
    expect(splitRange(undefined, '2016-12-14')).toEqual({ months: { to: '2016-11' }, edges: [{ from: '2016-12-01', to: '2016-12-14' }] });
    expect(splitRange('2017-03-01', '2017-02-01')).toEqual({ months: null, edges: [] });
  });
});
