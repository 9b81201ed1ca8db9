import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../engines/db.js';
import { searchLetters, type SearchOptions } from './search.js';
import { filteredLetters } from './filters.js';
import { makeCorpus, makeDetermination, originalOf, tempStore, template } from '../../../test/store-fixtures.js';

type Ctx = Awaited<ReturnType<typeof tempStore>>;

/** Five hand-built letters; `ids[name]` is each one's stored id. */
const LETTERS = {
  L1: makeDetermination({
    n: 1,
    caseNumber: 'CM13-0000001',
    decisionDate: '2014-05-27',
    reviewer: { boardCertifications: ['Anesthesiology'], subspecialties: ['Pain Management'], licensureStates: ['CA'] },
    items: [{ template: template('Baclofen 10 mg #90'), decision: 'upheld' }, { template: template('Percocet 5/325 #120'), decision: 'overturned' }],
  }),
  L2: makeDetermination({
    n: 2,
    caseNumber: 'CM15-0000002',
    decisionDate: '2015-03-01',
    reviewer: { boardCertifications: ['Family Practice'], subspecialties: [], licensureStates: ['TX'] },
    items: [{ template: template('RETROSPECTIVE BACLOFEN 10MG #60'), decision: 'overturned' }],
  }),
  L3: makeDetermination({
    n: 3,
    caseNumber: 'CM16-0000003',
    decisionDate: '2016-12-09',
    reviewer: { boardCertifications: ['Orthopedic Surgery'], subspecialties: ['Sports Medicine'], licensureStates: ['NY'] },
    items: [{ template: template('MRI of neck and right hand without contrast') }, { template: template('Acupuncture 3 times a week for 2 weeks, neck, right hand and head') }],
  }),
  L4: makeDetermination({
    n: 4,
    caseNumber: 'CM13-0000004',
    decisionDate: '2013-08-01',
    summary: 'The injured worker is a 52 year old male with chronic neck pain. He previously took baclofen without benefit and now uses a home exercise program.',
    reviewer: { boardCertifications: ['Internal Medicine'], subspecialties: [], licensureStates: ['PA'] },
    items: [{ template: template('TENS unit') }],
  }),
  L5: makeDetermination({
    n: 5,
    caseNumber: null,
    decisionDate: null,
    assignedDate: null,
    reviewer: { boardCertifications: ['Physical Medicine & Rehabilitation'], subspecialties: [], licensureStates: ['CA', 'AZ'] },
    items: [{ template: template('Left Lumbar Facet Block L2-3. L3-4') }],
  }),
};
type Name = keyof typeof LETTERS;

describe('search', () => {
  let ctx: Ctx;
  const ids = {} as Record<Name, number>;
  const names = (hits: { id: number }[]) => hits.map((h) => (Object.keys(ids) as Name[]).find((k) => ids[k] === h.id));
  const find = async (q: string, f: Parameters<Ctx['store']['determinations']['search']>[1] = {}) => ctx.store.determinations.search(q, f);

  beforeAll(async () => {
    ctx = await tempStore();
    for (const [name, det] of Object.entries(LETTERS)) ids[name as Name] = (await ctx.store.determinations.insertDetermination(det, originalOf(det))).id;
  });
  afterAll(() => ctx.dispose());

  it('ranks letters whose request names the term above one that only mentions it in the summary', async () => {
    const page = await find('baclofen');
    expect(page.total).toBe(3);
    expect(names(page.hits).slice(0, 2).sort()).toEqual(['L1', 'L2']);
    expect(names(page.hits)[2]).toBe('L4');
    const scores = page.hits.map((h) => h.score!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.every((s) => s > 0)).toBe(true);
  });

  it('returns highlighted snippets with « » around matched terms', async () => {
    const page = await find('baclofen');
    for (const h of page.hits) expect(h.snippet).toMatch(/«baclofen»/i);
    const l4 = page.hits.find((h) => h.id === ids.L4)!;
    expect(l4.snippet).toContain('previously took «baclofen» without benefit');
  });

  it('marks a term the letter has only in another form (a snippet looked for where the term occurs as typed, then in the whole letter)', async () => {
    const page = await find('benefits');
    expect(names(page.hits)).toContain('L4');
    for (const h of page.hits) expect(h.snippet).toMatch(/«benefits?»/i);
    expect(page.hits.find((h) => h.id === ids.L4)!.snippet).toContain('without «benefit» and');
  });

  it('returns case number, decision date and an items summary per hit', async () => {
    const [hit] = (await find('CM13-0000001')).hits;
    expect(hit).toMatchObject({ id: ids.L1, caseNumber: 'CM13-0000001', decisionDate: '2014-05-27' });
    expect(hit!.items).toEqual([
      { idx: 1, request: 'Baclofen 10 mg #90', decision: 'upheld', category: 'medication', treatment: 'baclofen', matchesFilters: true },
      { idx: 2, request: 'Percocet 5/325 #120', decision: 'overturned', category: 'medication', treatment: 'oxycodone + acetaminophen', matchesFilters: true },
    ]);
  });

  it('applies item filters to one and the same item', async () => {
    const page = await find('', { decision: 'overturned', drug: 'baclofen' });
    expect(names(page.hits)).toEqual(['L2']);
    const l1 = await find('baclofen', { decision: 'upheld', drug: 'Baclofen' });
    expect(names(l1.hits)).toEqual(['L1']);
    expect(l1.hits[0]!.items.map((i) => i.matchesFilters)).toEqual([true, false]);
    expect(names((await find('', { decision: 'overturned', drug: 'oxycodone' })).hits)).toEqual(['L1']);
    expect((await find('', { decision: 'upheld', drug: 'oxycodone' })).total).toBe(0);
  });

  it('filters by drug class, category, guideline (substring, any case), specialty and date range', async () => {
    expect(names((await find('', { drug: 'opioid' })).hits)).toEqual(['L1']);
    expect(names((await find('', { category: 'injection' })).hits)).toEqual(['L5']);
    expect(names((await find('', { guideline: 'odg' })).hits).sort()).toEqual(['L2', 'L3', 'L5']);
    expect(names((await find('', { guideline: 'low back' })).hits)).toEqual(['L5']);
    expect(names((await find('', { guideline: 'acoem chapter' })).hits).sort()).toEqual(['L3', 'L5']);
    expect((await find('', { guideline: '%' })).total).toBe(0);
    expect(names((await find('', { specialty: 'pain' })).hits)).toEqual(['L1']);
    expect(names((await find('', { specialty: 'SURGERY' })).hits)).toEqual(['L3']);
    expect(names((await find('', { from: '2015-01-01' })).hits)).toEqual(['L3', 'L2']);
    expect(names((await find('', { to: '2014-12-31' })).hits)).toEqual(['L1', 'L4']);
    expect(names((await find('', { from: '2014-01-01', to: '2015-12-31' })).hits)).toEqual(['L2', 'L1']);
  });

  it('applies letter filters to ranked text matches', async () => {
    expect(names((await find('baclofen', { specialty: 'pain' })).hits)).toEqual(['L1']);
    expect(names((await find('baclofen', { specialty: 'internal' })).hits)).toEqual(['L4']);
    expect(names((await find('baclofen', { from: '2015-01-01' })).hits)).toEqual(['L2']);
    expect(names((await find('baclofen', { decision: 'overturned', to: '2014-12-31' })).hits)).toEqual(['L1']);
  });

  it('sorts matches by relevance or by decision date, newest first, undated last', async () => {
    const best = names((await find('baclofen')).hits);
    const byDate = (await find('baclofen', { sort: 'date' })).hits;
    expect(names(byDate).sort()).toEqual([...best].sort());
    const dates = byDate.map((h) => h.decisionDate ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(names(byDate)).toEqual(['L2', 'L1', 'L4']);
    // A letter whose request names the words ranks first by relevance, the newest first by date.
    // (Scores differ between engines, so only the clear leaders' order is asserted for relevance.)
    expect(names((await find('tens OR neck')).hits).slice(0, 2)).toEqual(['L4', 'L3']);
    expect(names((await find('tens OR neck', { sort: 'date' })).hits)).toEqual(['L3', 'L2', 'L4', 'L5']);
  });

  it('filters by case number, whole or its beginning, any case; a LIKE wildcard is only a character', async () => {
    expect(names((await find('', { caseNumber: 'CM15-0000002' })).hits)).toEqual(['L2']);
    expect(names((await find('', { caseNumber: 'cm13-' })).hits)).toEqual(['L1', 'L4']);
    expect(names((await find('baclofen', { caseNumber: 'CM13' })).hits).sort()).toEqual(['L1', 'L4']);
    expect((await find('', { caseNumber: 'CM1_' })).total).toBe(0);
    expect((await find('', { caseNumber: '0000002' })).total).toBe(0);
    expect((await ctx.store.determinations.stats('decision', { caseNumber: 'CM13' })).reduce((n, r) => n + r.items, 0)).toBe(3);
  });

  it('lists filtered letters newest first for an empty query, letters without a date last', async () => {
    const page = await find('');
    expect(names(page.hits)).toEqual(['L3', 'L2', 'L1', 'L4', 'L5']);
    expect(page.hits.every((h) => h.score === null && h.snippet.length > 0)).toBe(true);
    const second = await find('   ', { limit: 2, offset: 2 });
    expect(second.total).toBe(5);
    expect(names(second.hits)).toEqual(['L1', 'L4']);
  });

  it('supports exclusions, exclusion-only queries, OR, prefixes and phrases', async () => {
    expect(names((await find('-baclofen')).hits)).toEqual(['L3', 'L5']);
    expect(names((await find('NOT baclofen', { decision: 'upheld' })).hits)).toEqual(['L3', 'L5']);
    expect(names((await find('baclofen -percocet')).hits).sort()).toEqual(['L2', 'L4']);
    expect(names((await find('acupuncture OR tens')).hits).sort()).toEqual(['L3', 'L4']);
    expect((await find('baclo*')).total).toBe(3);
    expect(names((await find('"facet joint"')).hits)).toEqual(['L5']);
    expect((await find('"joint facet"')).total).toBe(0);
  });

  it('finds a brand-name request (Percocet) by its generic name, through the indexed treatment', async () => {
    expect(names((await find('acetaminophen')).hits)).toEqual(['L1']);
  });
});

describe('search paging past the end', () => {
  it('still reports the total', async () => {
    const ctx = await tempStore();
    try {
      for (const det of Object.values(LETTERS)) await ctx.store.determinations.insertDetermination(det, originalOf(det));
      for (const q of ['baclofen', '', '-baclofen']) {
        const all = await ctx.store.determinations.search(q);
        const past = await ctx.store.determinations.search(q, { offset: 50 });
        expect(past).toEqual({ total: all.total, totalExact: true, estimatedTotal: null, order: q === 'baclofen' ? 'relevance' : 'decision-date', hits: [] });
      }
    } finally {
      await ctx.dispose();
    }
  });
});

describe('the result window', () => {
  it('counts exactly up to the window, then reports a lower bound, and pages end at the window', async () => {
    const ctx = await tempStore({ repository: { resultWindow: 2 } });
    try {
      const ids: number[] = [];
      for (const det of Object.values(LETTERS)) ids.push((await ctx.store.determinations.insertDetermination(det, originalOf(det))).id);
      // "baclofen" is in three letters: more than the window.
      const ranked = await ctx.store.determinations.search('baclofen');
      // Not ranked, and saying so: most recently added first, unscored, with the total estimated (here exactly: 3 of the 5 newest letters match).
      expect(ranked).toMatchObject({ total: 2, totalExact: false, order: 'added', estimatedTotal: 3 });
      expect(ranked.hits.map((h) => h.id)).toEqual([ids[3], ids[1]]);
      expect(ranked.hits.map((h) => h.score)).toEqual([null, null]);
      expect((await ctx.store.determinations.search('baclofen', { sort: 'date' })).order).toBe('added');
      expect((await ctx.store.determinations.search('baclofen', { offset: 1 })).hits.map((h) => h.id)).toEqual([ids[1]]);
      expect(await ctx.store.determinations.search('baclofen', { offset: 2 })).toEqual({ total: 2, totalExact: false, estimatedTotal: 3, order: 'added', hits: [] });
      // Within the window everything is exact, and ranked.
      expect(await ctx.store.determinations.search('acupuncture OR tens')).toMatchObject({ total: 2, totalExact: true, order: 'relevance', estimatedTotal: null });
      expect(await ctx.store.determinations.search('acupuncture OR tens', { sort: 'date' })).toMatchObject({ order: 'decision-date' });
      // Listing without text is capped the same way, newest decision first.
      const listed = await ctx.store.determinations.search('');
      expect(listed).toMatchObject({ total: 2, totalExact: false });
      expect(listed.hits.map((h) => h.decisionDate)).toEqual(['2016-12-09', '2015-03-01']);
      expect(await ctx.store.determinations.search('', { category: 'injection' })).toMatchObject({ total: 1, totalExact: true });
    } finally {
      await ctx.dispose();
    }
  });
});

describe('the query time budget', () => {
  it('stops a search or statistic past its budget with a timeout error, and answers the same read within a generous one', async () => {
    const corpus = makeCorpus(3000, 5);
    const slow = await tempStore({ repository: { queryBudgetMs: 1 } });
    try {
      await slow.store.determinations.insertMany(corpus.map((d) => ({ determination: d, original: originalOf(d) })));
      // A word in most letters, probed against a guideline and specialty filter each: several ms of reading.
      const heavy = { guideline: 'a', specialty: 'e', decision: 'upheld' } as const;
      await expect(slow.store.determinations.search('pain', heavy)).rejects.toMatchObject({ code: 'STORE_TIMEOUT', message: expect.stringMatching(/longer than its 1 ms budget/) });
      await expect(slow.store.determinations.stats('guideline', heavy)).rejects.toMatchObject({ code: 'STORE_TIMEOUT' });
      await slow.store.close();
      const roomy = await openStore({ path: slow.path, repository: { queryBudgetMs: 60_000 } });
      try {
        expect((await roomy.determinations.search('pain', heavy)).total).toBeGreaterThan(0);
        expect((await roomy.determinations.stats('guideline', heavy)).length).toBeGreaterThan(0);
      } finally {
        await roomy.close();
      }
    } finally {
      await slow.dispose();
    }
  });
});

describe('listings without words past the result window', () => {
  it('page newest decision first exactly as sorting every match does, whether found by probing the newest letters or by collecting', async () => {
    const ctx = await tempStore();
    try {
      // Some letters undated (listed last) and some decided the same day (newest letter first among them).
      const undated = Array.from({ length: 12 }, (_, i) => makeDetermination({ n: 7_000_000 + i, decisionDate: null, assignedDate: null }));
      const sameDay = Array.from({ length: 12 }, (_, i) => makeDetermination({ n: 8_000_000 + i, decisionDate: '2015-01-20' }));
      const corpus = [...makeCorpus(200, 5), ...undated, ...makeCorpus(200, 6), ...sameDay];
      await ctx.store.determinations.insertMany(corpus.map((d) => ({ determination: d, original: originalOf(d) })));
      const { db } = ctx.store;
      const index = ctx.store.dialect.searchIndex;
      const filterSets: SearchOptions[] = [
        { category: 'medication' },
        { decision: 'overturned', category: 'medication' },
        { drug: 'baclofen' },
        { guideline: 'odg' },
        { specialty: 'pain' },
        { from: '2015-03-15', to: '2016-09-10' },
        { from: '2015-03-15', to: '2016-09-10', decision: 'upheld' },
        { specialty: 'orthopedic', decision: 'overturned' },
        // Read in order from an item index (migration 0014): a drug's rows, a drug class, category + decision, in a date range or not.
        { drug: 'baclofen', from: '2014-01-01', to: '2015-12-31' },
        { drug: 'baclofen', decision: 'overturned' },
        { drug: 'baclofen', category: 'medication', decision: 'upheld', from: '2014-06-01' },
        { drug: 'opioid' },
        { drug: 'opioid', to: '2015-06-30' },
        { decision: 'upheld' },
        { from: '2014-03-15', to: '2016-09-10', category: 'medication', decision: 'overturned' },
      ];
      let probed = 0;
      for (const f of filterSets) {
        // Every match, sorted: the filtered letters (through the letters' own dates), newest decision first.
        const sorted = await filteredLetters(db, f, index)
          .select('l.id')
          .orderBy('l.date_decision', (ob) => ob.desc().nullsLast())
          .orderBy('l.id', 'desc')
          .execute();
        const all = sorted.map((r) => r.id);
        const whole = await searchLetters(db, index, '', { ...f, limit: 200 }, 10_000);
        expect(whole.hits.map((h) => h.id), JSON.stringify(f)).toEqual(all.slice(0, 200));
        expect(whole).toMatchObject({ total: all.length, totalExact: true });
        const window = 8;
        if (all.length > window) probed++;
        for (const offset of [0, 3, 6]) {
          const page = await searchLetters(db, index, '', { ...f, limit: 3, offset }, window);
          expect(page.hits.map((h) => h.id), `${JSON.stringify(f)} offset ${offset}`).toEqual(all.slice(offset, Math.min(offset + 3, window)));
          expect(page).toMatchObject({ total: Math.min(all.length, window), totalExact: all.length <= window, order: 'decision-date' });
        }
      }
      // Most of the filter sets hold more than the window: their pages came from the newest letters probed, or an item index read in order.
      expect(probed).toBeGreaterThan(9);
    } finally {
      await ctx.dispose();
    }
  });
});
