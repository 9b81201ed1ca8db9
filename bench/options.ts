/**
 * The bench's command line. Parsed before anything heavy is loaded, so that
 * `--help` prints the options and exits at once, building no corpus.
 */
import { Command, InvalidArgumentError, Option } from 'commander';

/** Bench parts, selectable with --only; `corpus` builds the corpora the parts marked "on a corpus" measure. */
export const PART_NAMES = ['startup', 'corpus', 'parse', 'phases', 'pdf', 'engine', 'deid', 'load', 'search', 'stats'] as const;

export interface BenchOptions {
  /** Corpus sizes, smallest first: every corpus figure is measured at each. */
  letters: number[];
  /** Whether --letters was given: then the parts measured on a corpus (corpus, search, stats, load) run on it by default. */
  lettersGiven: boolean;
  /** Parts to run (all when not given). */
  only: string[] | null;
  /** PostgreSQL: a URL of an existing database, or true for a throwaway cluster. */
  pg: string | boolean;
  /** Parse workers for the ingest (default: one per core). */
  workers: number | undefined;
  seconds: number;
  clients: number;
  syncNormal: boolean;
}

const positive = (what: string) => (value: string) => {
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${what} must be a whole number above 0`);
  return n;
};

const sizes = (value: string) => value.split(',').map((v) => positive('each corpus size')(v.trim())).sort((a, b) => a - b);

/** Parses argv (without node and the script); prints help or an error and exits for --help or a bad option. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const program = new Command('npm run bench --')
    .description('OpenIMR benchmarks: each figure beside a baseline (floor) measured in the same run, and its target.\nOn a machine shared with other work, figures vary from run to run; the ratios much less.')
    .addOption(new Option('--letters <sizes>', 'corpus size, or sizes separated by commas to see how figures grow (e.g. 10000,100000,1000000)').argParser(sizes).default([100_000], '100000'))
    .option('--only <parts>', `run only these parts, separated by commas: ${PART_NAMES.join(', ')}`, (v) => v.split(',').map((p) => p.trim()))
    .option('--pg [url]', 'also build each corpus on PostgreSQL: in the database at url, or in a throwaway cluster started for the run')
    .option('--workers <n>', 'parse workers of the ingest (default: one per core)', positive('--workers'))
    .option('--seconds <n>', 'length of the load test', positive('--seconds'), 60)
    .option('--clients <n>', 'clients of the load test', positive('--clients'), 50)
    .option('--sync-normal', "the load test's server with --synchronous normal")
    .addHelpText(
      'after',
      `\nParts: startup (imr start-up), corpus (ingest and search on each corpus size), parse (text parse),\nphases (what an ingested letter costs, phase by phase, in CPU-ms), pdf (PDF text engines side by side),\nengine (the determination engine), deid (de-identification), load (50 clients against imr serve), search and stats (latency of each\nquery kind and dashboard statistic at scale).\nWith --letters N and no --only: corpus, search, stats and load, all on the corpus the ingest built at each size (load last: it writes).\nWithout --letters: every part but search and stats, the load test on the 70 sample letters. With --only, the parts named: search, stats\nand load on the ingested corpus when corpus is named too, else each on a corpus of its own (kept with IMR_BENCH_CORPUS_DIR).\nCorpora up to 100,000 letters are ingested from letter files; larger ones from letters made as they are ingested.`,
    )
    .allowExcessArguments(false)
    .exitOverride((err) => process.exit(err.exitCode))
    .configureOutput({ outputError: (str, write) => write(`bench: ${str.replace(/^error: /, 'error: ')}`) });
  program.parse([...argv], { from: 'user' });
  const o = program.opts<{ letters: number[]; only?: string[]; pg?: string | boolean; workers?: number; seconds: number; clients: number; syncNormal?: boolean }>();
  const unknown = o.only?.filter((p) => !(PART_NAMES as readonly string[]).includes(p)) ?? [];
  if (unknown.length) {
    console.error(`bench: error: --only ${unknown.join(',')}: no such part (${PART_NAMES.join(', ')})`);
    process.exit(2);
  }
  return { letters: o.letters, lettersGiven: program.getOptionValueSource('letters') === 'cli', only: o.only ?? null, pg: o.pg ?? false, workers: o.workers, seconds: o.seconds, clients: o.clients, syncNormal: o.syncNormal === true };
}
