/**
 * search-scale.ts on PostgreSQL: the same searches (searchCases) and
 * dashboard statistics (DIMENSIONS x STAT_FILTERS), on the same corpora
 * built in PostgreSQL (scale-corpus-pg.ts), each beside its floor measured
 * in the same run on the same database:
 *
 * - search: the bare `tsvector @@ tsquery` of the same words, top 20 by
 *   ts_rank over every match, no filter, no snippets, no item rows (20
 *   runs: it takes a second or more for a common word at 100,000 letters);
 * - statistics: one indexed row of facet_counts, shown beside the full
 *   scan the counts replaced.
 *
 * The server's own concurrency is what PostgreSQL offers for reads (no
 * read workers): the store's pool of connections.
 *
 *   npm run bench -- --only search,stats --letters 100000 --pg
 */
import pg from 'pg';
import { openStore, parseTextQuery, type Store } from '../src/store/index.js';
import { benchCluster, scalePostgresCorpus, type BenchCluster } from './scale-corpus-pg.js';
import { benchSearchScale, benchStatsScale, ms, timeSearches, timeStats, type Figures, type Line } from './search-scale.js';

/** The words of a query as PostgreSQL's plainto_tsquery reads them, for the floor (operators and phrases as plain words). */
function floorWords(q: string): string {
  const parsed = parseTextQuery(q || 'treatment');
  return parsed.all.flat().map((t) => t.text).join(' ');
}

/** Runs of each search's floor (its p95 is then the second-worst of 20 plus warm-up). */
const FLOOR_RUNS = 20;

async function corpusOn(cluster: BenchCluster, letters: number): Promise<string> {
  const corpus = await scalePostgresCorpus(cluster, letters, console.log);
  if (corpus.built) console.log(`  built a PostgreSQL corpus of ${letters} letters in ${corpus.seconds.toFixed(0)} s (${corpus.lettersPerSecond.toFixed(0)} letters/s through insertMany)`);
  return corpus.url;
}

/** The PostgreSQL corpus of `letters` letters in `cluster` (built if need be); `measure` runs on it with a connection of its own for floors. */
async function onPostgresCorpus(cluster: BenchCluster, letters: number, measure: (store: Store, bare: pg.Client) => Promise<Figures>): Promise<Figures> {
  const url = await corpusOn(cluster, letters);
  const store = await openStore({ path: url, mustExist: true });
  const bare = new pg.Client({ connectionString: url });
  await bare.connect();
  try {
    return await measure(store, bare);
  } finally {
    await bare.end();
    await store.close();
  }
}

export async function benchSearchScalePg(line: Line, cluster: BenchCluster, letters: number, samples = 200): Promise<Figures> {
  return onPostgresCorpus(cluster, letters, (store, bare) =>
    // The floor ranks every match: a second or more for a common word at 100,000 letters, so fewer runs.
    timeSearches(line, store, letters, samples, ' (postgres)', (q) => ({
      run: () =>
        bare.query({
          name: 'floor',
          text: `SELECT letter_id FROM letter_search, plainto_tsquery('openimr', $1) q WHERE document @@ q ORDER BY ts_rank(document, q) DESC LIMIT 20`,
          values: [floorWords(q)],
        }),
      runs: FLOOR_RUNS,
      label: 'bare ranked @@',
    })),
  );
}

export async function benchStatsScalePg(line: Line, cluster: BenchCluster, letters: number, samples = 40): Promise<Figures> {
  return onPostgresCorpus(cluster, letters, (store, bare) =>
    timeStats(line, store, letters, samples, ' (postgres)', () => bare.query({ name: 'floor', text: 'SELECT items FROM facet_counts WHERE facet = $1 LIMIT 1', values: ['category'] })),
  );
}

/** SQLite's and PostgreSQL's p95 of each figure side by side, when both ran. */
export function sideBySide(title: string, sqlite: Figures | undefined, postgres: Figures, target: number): void {
  console.log(`\n${title}: p95, SQLite beside PostgreSQL (target <= ${target} ms)`);
  console.log('| figure | SQLite p95 | PostgreSQL p95 |');
  console.log('|---|---|---|');
  for (const [label, p95] of postgres) {
    const s = sqlite?.get(label);
    console.log(`| ${label} | ${s === undefined ? '' : ms(s)} | ${ms(p95)}${p95 <= target ? '' : ' (over)'} |`);
  }
}

/**
 * The search or statistics part of the bench on each corpus size: on
 * SQLite, and with --pg on PostgreSQL too, then both side by side.
 */
export async function scalePart(part: 'search' | 'stats', line: Line, sizes: readonly number[], postgres: string | boolean): Promise<void> {
  for (const n of sizes) {
    const sqlite = await (part === 'search' ? benchSearchScale(line, n) : benchStatsScale(line, n));
    if (!postgres) continue;
    const cluster = benchCluster(postgres);
    const pgFigures = await (part === 'search' ? benchSearchScalePg(line, cluster, n) : benchStatsScalePg(line, cluster, n));
    sideBySide(`${part} ${n} letters`, sqlite, pgFigures, part === 'search' ? 50 : 100);
  }
}
