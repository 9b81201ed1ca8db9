import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Determination, DisputedItem } from '../../domain/index.js';
import type { StatsDimension, StatsFilters, StatsRow } from './stats.js';
import { makeCorpus, originalOf, tempStore } from '../../../test/store-fixtures.js';

type Ctx = Awaited<ReturnType<typeof tempStore>>;

/** The same statistics computed directly over the fixtures. */
function expectedStats(corpus: Determination[], by: StatsDimension, f: StatsFilters): StatsRow[] {
  const acc = new Map<string | null, { items: number; upheld: number }>();
  const itemOk = (it: DisputedItem) => {
    const t = it.treatment;
    if (f.decision && it.decision !== f.decision) return false;
    if (f.category && t.category !== f.category) return false;
    if (f.drug && !(t.kind === 'medication' && (t.generic.includes(f.drug) || t.drugClass === f.drug))) return false;
    const g = f.guideline?.toLowerCase();
    if (g && ![...it.imrGuidelines, ...it.claimsAdministratorGuidelines].some((c) => c.document.toLowerCase().includes(g) || c.source.toLowerCase().includes(g))) return false;
    return true;
  };
  for (const det of corpus) {
    const dec = det.dates.decision;
    if (f.from && (!dec || dec < f.from)) continue;
    if (f.to && (!dec || dec > f.to)) continue;
    const specs = [...new Set([...det.reviewer.boardCertifications, ...det.reviewer.subspecialties])];
    if (f.specialty && !specs.some((s) => s.toLowerCase().includes(f.specialty!.toLowerCase()))) continue;
    for (const it of det.items.filter(itemOk)) {
      const keys: (string | null)[] =
        by === 'category' ? [it.treatment.category]
        : by === 'decision' ? [it.decision]
        : by === 'month' ? [dec ? dec.slice(0, 7) : null]
        : by === 'year' ? [det.dates.decision ?? det.dates.assigned ? (det.dates.decision ?? det.dates.assigned)!.slice(0, 4) : null]
        : by === 'drug' ? (it.treatment.kind === 'medication' ? [...new Set(it.treatment.generic)] : [])
        : by === 'guideline' ? [...new Set(it.imrGuidelines.map((c) => c.document))]
        : by === 'section' ? [...new Set(it.imrGuidelines.flatMap((c) => c.sections.map((s) => `${c.document} § ${s}`)))]
        : specs;
      for (const k of keys) {
        const a = acc.get(k) ?? { items: 0, upheld: 0 };
        a.items++;
        if (it.decision === 'upheld') a.upheld++;
        acc.set(k, a);
      }
    }
  }
  return [...acc].map(([key, a]) => ({ key, items: a.items, upheld: a.upheld, overturned: a.items - a.upheld, upheldPct: Math.round((1000 * a.upheld) / a.items) / 10 }));
}

const byKey = (rows: StatsRow[]) => [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key)));

describe('stats', () => {
  let ctx: Ctx;
  const corpus = makeCorpus(400, 7);
  beforeAll(async () => {
    ctx = await tempStore();
    await ctx.store.determinations.insertMany(corpus.map((d) => ({ determination: d, original: originalOf(d) })));
  });
  afterAll(() => ctx.dispose());

  const dims: StatsDimension[] = ['category', 'drug', 'guideline', 'section', 'specialty', 'year', 'month', 'decision'];
  const filterSets: StatsFilters[] = [{}, { decision: 'upheld' }, { drug: 'baclofen' }, { from: '2015-01-01', to: '2016-06-30', specialty: 'pain' }, { guideline: 'odg', category: 'medication' }];

  for (const by of dims) {
    for (const f of filterSets) {
      it(`by ${by} with ${JSON.stringify(f)} matches counts computed from the letters`, async () => {
        const rows = await ctx.store.determinations.stats(by, f);
        expect(rows.length).toBeGreaterThan(0);
        expect(byKey(rows)).toEqual(byKey(expectedStats(corpus, by, f)));
        for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.items).toBeGreaterThanOrEqual(rows[i]!.items);
      });
    }
  }

  it('restricts to letters matching a text query', async () => {
    const all = await ctx.store.determinations.stats('decision', { query: 'baclofen' });
    const hits = await ctx.store.determinations.search('baclofen', { limit: 200 });
    const letters = new Set(hits.hits.map((h) => h.id));
    expect(hits.total).toBe(letters.size);
    const total = all.reduce((n, r) => n + r.items, 0);
    const expected = hits.hits.reduce((n, h) => n + h.items.length, 0);
    expect(total).toBe(expected);
  });

  it('gives an empty list when nothing matches', async () => {
    expect(await ctx.store.determinations.stats('drug', { drug: 'no-such-drug' })).toEqual([]);
  });
});
