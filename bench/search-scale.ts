/**
 * Search and statistics latency on large corpora (scale-corpus.ts), each
 * beside its floor measured in the same run on the same database:
 *
 * - search: a rare term (one letter's case number), a word, a common word
 *   (in nearly every letter), a phrase, a filtered query and filters alone,
 *   p50/p95 over at least 1,000 searches in all; the floor is the bare FTS5
 *   query of the same words, top 20 by FTS5's own rank (bm25), no filter,
 *   no snippets, no item rows;
 * - statistics: every dimension of the dashboard (guideline sections too),
 *   with no filter, a date range cutting months, category, decision and all
 *   three, p95 per dimension and of its worst filter set; the floor is one
 *   indexed row read, shown beside the full scan the counts replaced.
 *
 *   npm run bench -- --only search --letters 100000
 *   npm run bench -- --only stats --letters 100000
 */
import Database from 'better-sqlite3';
import { openStore, parseTextQuery, toFts5Match, type SearchOptions, type StatsDimension, type StatsFilters, type Store } from '../src/store/index.js';
import { scanStats, STATS_DIMENSIONS } from '../src/store/corpus/index.js';
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

export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

/** p95 in ms of each figure, by label: what the PostgreSQL figures are printed beside. */
export type Figures = Map<string, number>;

/** The worst p95 of some figures, ms. */
export const worstOf = (figures: Figures): number => Math.max(0, ...figures.values());

/** The searches measured on a corpus of `letters` letters, on each engine: label, query, filters. */
export function searchCases(letters: number): [string, string, SearchOptions][] {
  return [
    ['rare term (a case number)', scaleCaseNumber(Math.floor(letters / 3)), {}],
    ['word (baclofen)', 'baclofen', {}],
    ['common word (treatment)', 'treatment', {}],
    ['phrase ("functional improvement")', '"functional improvement"', {}],
    ['filtered (therapy, overturned, 2016)', 'therapy', { decision: 'overturned', from: '2016-01-01', to: '2016-12-31' }],
    ['filters alone (imaging, overturned)', '', { category: 'imaging', decision: 'overturned' }],
    // Every other filter of the search form, alone and combined, without words.
    ['filters alone (date range cutting months)', '', { from: '2016-03-15', to: '2016-09-10' }],
    ['filters alone (date range, imaging, overturned)', '', { from: '2016-03-15', to: '2016-09-10', category: 'imaging', decision: 'overturned' }],
    ['filters alone (decision upheld)', '', { decision: 'upheld' }],
    ['filters alone (drug baclofen)', '', { drug: 'baclofen' }],
    ['filters alone (drug class opioid)', '', { drug: 'opioid' }],
    ['filters alone (guideline "Low Back")', '', { guideline: 'Low Back' }],
    ['filters alone (specialty "Orthopedic")', '', { specialty: 'Orthopedic' }],
    ['filters alone (case number prefix)', '', { caseNumber: scaleCaseNumber(Math.floor(letters / 3)).slice(0, 9) }],
    // Body region and diagnosis are clauses of the words (web/src/text/mentions.ts): the corpus codes neither.
    ['body region (lumbar), as the search form sends it', 'lumbar OR lumbosacral OR "low back" OR "lower back"', {}],
    ['diagnosis ("carpal tunnel syndrome")', '"carpal tunnel syndrome"', {}],
    ['filters alone (psych, overturned, drug, 2016)', '', { category: 'psych', decision: 'overturned', drug: 'baclofen', from: '2016-01-01', to: '2016-12-31' }],
  ];
}

/** A search's floor on one engine: what to run, how many times, and what it is. */
export interface SearchFloor {
  run: () => unknown;
  runs: number;
  label: string;
}

/**
 * Times every search case (searchCases) on `store`, each beside its floor
 * (`floorOf` the case's words), and prints a line each; `engine` follows
 * the corpus size in the lines (' (postgres)', or '' for SQLite). Returns
 * each case's p95: the same figures on either engine, for sideBySide.
 */
export async function timeSearches(line: Line, store: Store, letters: number, samples: number, engine: string, floorOf: (q: string) => SearchFloor): Promise<Figures> {
  const figures: Figures = new Map();
  const name = `search ${letters}${engine}`;
  const all: number[] = [];
  for (const [label, q, f] of searchCases(letters)) {
    const first = await store.determinations.search(q, { ...f, limit: 20 });
    const times = await timeRuns(samples, () => store.determinations.search(q, { ...f, limit: 20 }));
    all.push(...times);
    const floor = floorOf(q);
    const floorTimes = await timeRuns(floor.runs, floor.run);
    const p95 = percentile(times, 95);
    figures.set(label, p95);
    const total = first.totalExact ? `${first.total}` : `~${first.estimatedTotal ?? `>${first.total}`}`;
    line(`${name}: ${label}`, `p50 ${ms(percentile(times, 50))}, p95 ${ms(p95)}`, `p95 ${ms(percentile(floorTimes, 95))} (${floor.label})`, p95 / Math.max(0.01, percentile(floorTimes, 95)), 'p95 <= 50 ms', p95 <= 50);
    console.log(`    ${total} matches, order ${first.order}`);
  }
  all.sort((a, b) => a - b);
  console.log(`  ${name}: all ${all.length} searches p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}, worst query p95 ${ms(worstOf(figures))}`);
  return figures;
}

export const DIMENSIONS: readonly StatsDimension[] = STATS_DIMENSIONS;
/** The dashboard's filters: none, a range cutting months at both ends, category, decision, and all three. */
export const STAT_FILTERS: [string, StatsFilters][] = [
  ['none', {}],
  ['range cutting months', { from: '2016-03-15', to: '2017-02-10' }],
  ['category', { category: 'medication' }],
  ['decision', { decision: 'overturned' }],
  ['all three', { from: '2016-03-15', to: '2017-02-10', category: 'medication', decision: 'upheld' }],
];

/**
 * Times every dashboard dimension over every filter set (STAT_FILTERS) on
 * `store`, `samples` runs each, beside the floor (`floorRow`: one indexed
 * row read) and the full scan of a range cutting months that the counts
 * replaced (one run); `engine` as for timeSearches. Returns each
 * dimension's p95, or its worst filter set's if higher.
 */
export async function timeStats(line: Line, store: Store, letters: number, samples: number, engine: string, floorRow: () => unknown): Promise<Figures> {
  const figures: Figures = new Map();
  const name = `stats ${letters}${engine}`;
  const floor = await timeRuns(samples * 5, floorRow);
  const all: number[] = [];
  for (const by of DIMENSIONS) {
    const times: number[] = [];
    let worst: [string, number] = ['', 0];
    for (const [set, f] of STAT_FILTERS) {
      const t = await timeRuns(samples, () => store.determinations.stats(by, f));
      times.push(...t);
      if (percentile(t, 95) > worst[1]) worst = [set, percentile(t, 95)];
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    const p95 = percentile(times, 95);
    figures.set(`by ${by}`, Math.max(p95, worst[1]));
    const t0 = performance.now();
    await scanStats(store.db, store.dialect.searchIndex, by, STAT_FILTERS[1]![1]);
    const scan = performance.now() - t0;
    line(`${name}: by ${by}`, `p50 ${ms(percentile(times, 50))}, p95 ${ms(p95)}`, `${ms(scan)} (full scan)`, p95 / scan, 'p95 <= 100 ms', p95 <= 100 && worst[1] <= 100);
    console.log(`    worst filter set: ${worst[0]} p95 ${ms(worst[1])}; floor: one indexed row ${ms(percentile(floor, 95))} p95; ${times.length} samples over ${STAT_FILTERS.length} filter sets (${STAT_FILTERS.map(([n]) => n).join('; ')})`);
  }
  all.sort((a, b) => a - b);
  console.log(`  ${name}: all ${all.length} statistics p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}`);
  return figures;
}

/** A store of `letters` letters on SQLite: `corpusPath` (the bench's ingested corpus), else one built by scale-corpus.ts; `measure` runs on it with a read-only connection for floors. */
async function onSqliteCorpus(letters: number, corpusPath: string | undefined, measure: (store: Store, bare: Database.Database) => Promise<Figures>): Promise<Figures> {
  const corpus = corpusPath ? { path: corpusPath, built: false, seconds: 0, dispose: () => undefined } : await scaleCorpus(letters, console.log);
  try {
    if (corpus.built) console.log(`  built a corpus of ${letters} letters in ${corpus.seconds.toFixed(0)} s`);
    const store = await openStore({ path: corpus.path, mustExist: true });
    const bare = new Database(corpus.path, { readonly: true });
    try {
      return await measure(store, bare);
    } finally {
      bare.close();
      await store.close();
    }
  } finally {
    corpus.dispose();
  }
}

/** Search at scale on SQLite; returns each query's p95. The floor: the bare FTS5 query of the same words; without words, the newest 20 letters read from the date index. */
export async function benchSearchScale(line: Line, letters: number, samples = 100, corpusPath?: string): Promise<Figures> {
  return onSqliteCorpus(letters, corpusPath, (store, bare) => {
    const floorStmt = bare.prepare('SELECT rowid FROM letters_fts WHERE letters_fts MATCH ? ORDER BY rank LIMIT 20');
    const newestStmt = bare.prepare('SELECT id FROM letters ORDER BY date_decision DESC, id DESC LIMIT 20');
    return timeSearches(line, store, letters, samples, '', (q) =>
      q
        ? // Fewer samples: a bare ranked MATCH of a common word takes most of a second at a million letters.
          { run: () => floorStmt.all(toFts5Match(parseTextQuery(q))), runs: Math.min(samples, 30), label: 'bare ranked MATCH' }
        : { run: () => newestStmt.all(), runs: samples, label: 'newest 20 by index' },
    );
  });
}

/** Statistics at scale on SQLite; returns each dimension's p95 over every filter set. */
export async function benchStatsScale(line: Line, letters: number, samples = 40, corpusPath?: string): Promise<Figures> {
  return onSqliteCorpus(letters, corpusPath, (store, bare) => {
    const floorStmt = bare.prepare('SELECT items FROM facet_counts WHERE facet = ? LIMIT 1');
    return timeStats(line, store, letters, samples, '', () => floorStmt.get('category'));
  });
}
