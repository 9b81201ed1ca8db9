/**
 * Search and statistics latency on large corpora (scale-corpus.ts), each
 * beside its floor measured in the same run on the same database:
 *
 * - search: a rare term (one letter's case number), a word, a common word
 *   (in nearly every letter), a phrase, a filtered query and filters alone,
 *   p50/p95 over at least 1,000 searches in all; the floor is the bare FTS5
 *   query of the same words, top 20 by FTS5's own rank (bm25), no filter,
 *   no snippets, no item rows;
 * - statistics: every dimension of the dashboard, with no filter and with
 *   date, category and decision filters, p95 per dimension; the floor is one
 *   indexed row read, shown beside the full scan the counts replaced.
 *
 *   npm run bench -- --only search --letters 100000
 *   npm run bench -- --only stats --letters 100000
 */
import Database from 'better-sqlite3';
import { openStore, parseTextQuery, toFts5Match, type SearchOptions, type StatsDimension, type StatsFilters } from '../src/store/index.js';
import { scanStats } from '../src/store/corpus/index.js';
import { scaleCaseNumber, scaleCorpus } from './scale-corpus.js';

export type Line = (label: string, value: string, baseline: string, ratio: number, target: string, ok: boolean | null) => void;

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `fn` `n` times (after 3 warm-up runs); sorted times in ms. */
export async function timeRuns(n: number, fn: (i: number) => unknown): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

/** The searches measured on a corpus of `letters` letters, on each engine: label, query, filters. */
export function searchCases(letters: number): [string, string, SearchOptions][] {
  return [
    ['rare term (a case number)', scaleCaseNumber(Math.floor(letters / 3)), {}],
    ['word (baclofen)', 'baclofen', {}],
    ['common word (treatment)', 'treatment', {}],
    ['phrase ("functional improvement")', '"functional improvement"', {}],
    ['filtered (therapy, overturned, 2016)', 'therapy', { decision: 'overturned', from: '2016-01-01', to: '2016-12-31' }],
    ['filters alone (imaging, overturned)', '', { category: 'imaging', decision: 'overturned' }],
  ];
}

/** p95 in ms of each figure, by label: what the PostgreSQL figures are printed beside. */
export type Figures = Map<string, number>;

export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

export async function benchSearchScale(line: Line, letters: number, samples = 200): Promise<Figures> {
  const figures: Figures = new Map();
  const corpus = await scaleCorpus(letters, console.log);
  try {
    if (corpus.built) console.log(`  built a corpus of ${letters} letters in ${corpus.seconds.toFixed(0)} s`);
    const store = await openStore({ path: corpus.path, mustExist: true });
    const bare = new Database(corpus.path, { readonly: true });
    const floorStmt = bare.prepare('SELECT rowid FROM letters_fts WHERE letters_fts MATCH ? ORDER BY rank LIMIT 20');
    try {
      const cases = searchCases(letters);
      let worst = 0;
      const all: number[] = [];
      for (const [label, q, f] of cases) {
        const first = await store.determinations.search(q, { ...f, limit: 20 });
        const times = await timeRuns(samples, () => store.determinations.search(q, { ...f, limit: 20 }));
        all.push(...times);
        const match = toFts5Match(parseTextQuery(q || 'treatment'));
        const floor = await timeRuns(samples, () => floorStmt.all(match));
        const p95 = percentile(times, 95);
        worst = Math.max(worst, p95);
        figures.set(label, p95);
        const total = first.totalExact ? `${first.total}` : `~${first.estimatedTotal ?? `>${first.total}`}`;
        line(`search ${letters}: ${label}`, `p50 ${ms(percentile(times, 50))}, p95 ${ms(p95)}`, `p95 ${ms(percentile(floor, 95))} (bare ranked MATCH)`, p95 / Math.max(0.01, percentile(floor, 95)), 'p95 <= 50 ms', p95 <= 50);
        console.log(`    ${total} matches, order ${first.order}`);
      }
      all.sort((a, b) => a - b);
      console.log(`  search ${letters}: all ${all.length} searches p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}, worst query p95 ${ms(worst)}`);
    } finally {
      bare.close();
      await store.close();
    }
  } finally {
    corpus.dispose();
  }
  return figures;
}

export const DIMENSIONS: StatsDimension[] = ['category', 'drug', 'product', 'drug-class', 'guideline', 'specialty', 'year', 'month', 'decision'];
export const STAT_FILTERS: StatsFilters[] = [{}, { decision: 'overturned' }, { category: 'medication' }, { from: '2016-03-01', to: '2016-12-31' }, { from: '2016-03-15', to: '2017-02-10', decision: 'upheld' }];

export async function benchStatsScale(line: Line, letters: number, samples = 40): Promise<Figures> {
  const figures: Figures = new Map();
  const corpus = await scaleCorpus(letters, console.log);
  try {
    if (corpus.built) console.log(`  built a corpus of ${letters} letters in ${corpus.seconds.toFixed(0)} s`);
    const store = await openStore({ path: corpus.path, mustExist: true });
    const bare = new Database(corpus.path, { readonly: true });
    const floorStmt = bare.prepare('SELECT items FROM facet_counts WHERE facet = ? LIMIT 1');
    try {
      const floor = await timeRuns(samples * 5, () => floorStmt.get('category'));
      for (const by of DIMENSIONS) {
        const times = await timeRuns(samples, (i) => store.determinations.stats(by, STAT_FILTERS[i % STAT_FILTERS.length]!));
        const p95 = percentile(times, 95);
        figures.set(`by ${by}`, p95);
        // What the same figure cost before it was counted: the full scan (no filter), median of 3.
        const scans = await timeRuns(3, () => scanStats(store.db, store.dialect.searchIndex, by, {}));
        const scan = percentile(scans, 50);
        line(`stats ${letters}: by ${by}`, `p50 ${ms(percentile(times, 50))}, p95 ${ms(p95)}`, `${ms(scan)} (full scan)`, p95 / scan, 'p95 <= 100 ms', p95 <= 100);
        console.log(`    floor: one indexed row ${ms(percentile(floor, 95))} p95; ${samples} samples over ${STAT_FILTERS.length} filter sets (none; decision; category; whole months; partial months + decision)`);
      }
    } finally {
      bare.close();
      await store.close();
    }
  } finally {
    corpus.dispose();
  }
  return figures;
}
