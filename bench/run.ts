/**
 * `npm run bench`: throughput and latency figures for OpenIMR, each with the
 * ratio against a baseline (floor) measured in the same run on the same
 * machine, and the target it is held to. Figures, not pass/fail tests: a slow
 * or shared machine makes every figure slower, the ratios much less so.
 *
 *   npm run bench                                  full run (100,000-letter corpus)
 *   npm run bench -- --letters 1000000               ingest a million letters, then search, statistics and load on that corpus
 *   npm run bench -- --letters 10000,100000,1000000  the same at each size, and how the figures grow
 *   npm run bench -- --only pdf,parse              some parts (see --help)
 *   npm run bench -- --pg                          each corpus on PostgreSQL too
 *
 * The options are parsed before anything else is loaded: `--help` prints
 * them and exits at once. `npm run bench` builds dist/ first: the start-up
 * and load figures are of the compiled program users run.
 *
 * A part is one entry in PARTS (run once) or CORPUS_PARTS (run on each
 * corpus: every size, on SQLite and, with --pg, PostgreSQL), each in a file
 * of its own; its name goes into PART_NAMES (options.ts) for --only. Search,
 * statistics and load are both: on the ingested corpus (`--letters N`, or
 * `--only` naming corpus with them), else on a corpus of their own.
 */
import { parseBenchOptions, type BenchOptions } from './options.js';

const options = parseBenchOptions(process.argv.slice(2));

const { mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const { buildCorpus, corpusLabel } = await import('./ingest.js');
const { fmt, line } = await import('./report.js');
type Corpus = import('./ingest.js').Corpus;

/** A part run once. */
interface Part {
  name: string;
  /** Run only when named with --only (it builds large corpora of its own). */
  explicit?: boolean;
  run(options: BenchOptions): Promise<void> | void;
}

/** A part run on each corpus; what it returns goes into the growth table under its name. */
interface CorpusPart {
  name: string;
  /** Measured on SQLite corpora only (the PostgreSQL figures are of other parts). */
  sqliteOnly?: boolean;
  run(corpus: Corpus, options: BenchOptions): Promise<GrowthFigure[]>;
}

/** One cell of the growth table: a figure of a corpus, as printed. */
interface GrowthFigure {
  column: string;
  value: string;
}

const PARTS: Part[] = [
  { name: 'startup', run: async () => (await import('./startup.js')).benchStartup(line) },
  { name: 'parse', run: async () => (await import('./text-parse.js')).benchTextParse() },
  { name: 'phases', run: async () => (await import('./ingest-phases.js')).benchIngestPhases() },
  { name: 'pdf', run: async () => (await import('./pdf.js')).benchPdf() },
  { name: 'engine', run: async () => (await import('./engine.js')).benchEngine() },
  { name: 'deid', run: async () => (await import('./deid.js')).benchDeid(line) },
  {
    name: 'load',
    // With --only load and --letters N: against a corpus of N letters, not the 70 sample letters.
    run: async (o) => {
      const load = {
        seconds: o.seconds,
        clients: o.clients,
        synchronous: o.syncNormal ? ('normal' as const) : ('full' as const),
        ...(o.only?.includes('load') && o.lettersGiven ? { corpusLetters: o.letters[o.letters.length - 1]! } : {}),
      };
      await (await import('./load.js')).benchLoad(load);
      // With --pg, the same clients against `imr serve --db postgres://...` on the same corpus built in PostgreSQL.
      if (o.pg && load.corpusLetters) await (await import('./load.js')).benchLoad({ ...load, postgres: (await import('./scale-corpus-pg.js')).benchCluster(o.pg) });
    },
  },
  // Without the ingested corpus, search and statistics at scale build corpora of their own (kept with IMR_BENCH_CORPUS_DIR): only when named.
  // With --pg, on PostgreSQL too (the bench cluster: kept under IMR_BENCH_CORPUS_DIR), printed beside SQLite.
  { name: 'search', explicit: true, run: async (o) => (await import('./search-scale-pg.js')).scalePart('search', line, o.letters, o.pg) },
  { name: 'stats', explicit: true, run: async (o) => (await import('./search-scale-pg.js')).scalePart('stats', line, o.letters, o.pg) },
];

const ms = (x: number) => `${x.toFixed(1)} ms`;

/** In the order they run on each corpus: load last, since it writes cases into the corpus it serves. */
const CORPUS_PARTS: CorpusPart[] = [
  {
    name: 'corpus',
    run: async (c) => [{ column: 'search p95', value: ms(await (await import('./corpus-search.js')).benchCorpusSearch(c)) }],
  },
  {
    name: 'search',
    sqliteOnly: true,
    run: async (c) => [{ column: 'worst query kind p95', value: ms((await import('./search-scale.js')).worstOf(await (await import('./search-scale.js')).benchSearchScale(line, c.size, undefined, c.path!))) }],
  },
  {
    name: 'stats',
    sqliteOnly: true,
    run: async (c) => [{ column: 'worst statistic p95', value: ms((await import('./search-scale.js')).worstOf(await (await import('./search-scale.js')).benchStatsScale(line, c.size, undefined, c.path!))) }],
  },
  {
    name: 'load',
    sqliteOnly: true,
    run: async (c, o) => {
      const r = await (await import('./load.js')).benchLoad({ seconds: o.seconds, clients: o.clients, synchronous: o.syncNormal ? 'normal' : 'full', corpusPath: c.path!, corpusLetters: c.size });
      return [
        { column: 'load p95', value: ms(r.p95) },
        { column: 'load req/s', value: fmt(r.rate) },
      ];
    },
  },
];

/** Whether a part of CORPUS_PARTS runs on the ingested corpora: `corpus` unless --only leaves it out; the others with --letters, or with --only naming them and corpus. */
function onCorpus(name: string): boolean {
  if (!CORPUS_PARTS.some((p) => p.name === name)) return false;
  if (options.only) return options.only.includes(name) && options.only.includes('corpus');
  return name === 'corpus' || options.lettersGiven;
}

/** Whether a part of PARTS runs (once, on its own data): named by --only and not run on the corpus; without --only, every part not `explicit`, unless --letters asked for the corpus parts alone. */
function runsAlone(part: Part): boolean {
  if (options.only) return options.only.includes(part.name) && !onCorpus(part.name);
  return !options.lettersGiven && !part.explicit;
}

/** Where each corpus is built: SQLite always, PostgreSQL with --pg. */
async function engines(): Promise<{ postgres: { adminUrl: string; stop(): void } | null }> {
  if (!options.pg) return { postgres: null };
  if (typeof options.pg === 'string') return { postgres: { adminUrl: options.pg, stop: () => undefined } };
  const { startTestCluster } = await import('../test/postgres.js');
  const cluster = startTestCluster();
  return { postgres: { adminUrl: cluster.adminUrl, stop: () => cluster.stop() } };
}

/** A fresh database for one corpus in the PostgreSQL server of `adminUrl`, and how to drop it. */
async function postgresDatabase(adminUrl: string, size: number): Promise<{ url: string; drop(): Promise<void> }> {
  const pg = (await import('pg')).default;
  const name = `imr_bench_${size}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name}`);
      await again.end();
    },
  };
}

async function corpusParts(): Promise<void> {
  const parts = CORPUS_PARTS.filter((p) => onCorpus(p.name));
  if (parts.length === 0) return;
  const { postgres } = await engines();
  const rows: { corpus: Corpus; figures: GrowthFigure[] }[] = [];
  try {
    for (const size of options.letters) {
      for (const engine of postgres ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
        const dir = mkdtempSync(join(tmpdir(), 'imr-bench-'));
        const database = engine === 'postgres' ? await postgresDatabase(postgres!.adminUrl, size) : null;
        try {
          const corpus = await buildCorpus(dir, size, { ...(database ? { postgresUrl: database.url } : {}), ...(options.workers ? { workers: options.workers } : {}) });
          try {
            line(corpusLabel(corpus), `${fmt(corpus.ingestRate)} letters/s`, `${fmt(corpus.floorRate)} letters/s (bare insert)`, corpus.ingestRate / corpus.floorRate, '>= 5,000 letters/s, < 500 MB', corpus.ingestRate >= 5000 && corpus.peakMb < 500);
            console.log(`  ${fmt(corpus.perCpuSecond)} letters per CPU-second (every thread${corpus.engine === 'postgres' ? ', not the PostgreSQL server' : ''}); peak resident memory ${fmt(corpus.peakMb)} MB (the bench process with its parse workers; ${fmt(corpus.beforeMb)} MB before the ingest)`);
            const figures: GrowthFigure[] = [];
            for (const part of parts) {
              if (part.sqliteOnly && corpus.engine !== 'sqlite') {
                console.log(`  ${part.name}: measured on the SQLite corpus only`);
                continue;
              }
              figures.push(...(await part.run(corpus, options)));
            }
            rows.push({ corpus, figures });
          } finally {
            await corpus.store.close();
          }
        } finally {
          await database?.drop();
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    postgres?.stop();
  }
  if (options.letters.length > 1) growthTable(rows);
}

/** How the corpus figures grow with the corpus: one row per size and engine. */
function growthTable(rows: { corpus: Corpus; figures: GrowthFigure[] }[]): void {
  const columns = [...new Set(rows.flatMap((r) => r.figures.map((f) => f.column)))];
  console.log('\ngrowth with the corpus:');
  console.log(`| letters | engine | from | ingest letters/s | per CPU-s | floor letters/s | ingest / floor | peak MB | ${columns.join(' | ')} |`);
  console.log(`|---|---|---|---|---|---|---|---|${columns.map(() => '---|').join('')}`);
  for (const { corpus: c, figures } of rows) {
    const cells = columns.map((col) => figures.find((f) => f.column === col)?.value ?? '');
    console.log(`| ${fmt(c.size)} | ${c.engine} | ${c.source} | ${fmt(c.ingestRate)} | ${fmt(c.perCpuSecond)} | ${fmt(c.floorRate)} | ${(c.ingestRate / c.floorRate).toFixed(2)} | ${fmt(c.peakMb)} | ${cells.join(' | ')} |`);
  }
}

async function main(): Promise<void> {
  console.log(`OpenIMR benchmarks: node ${process.version}, corpus ${options.letters.map((n) => fmt(n)).join(', ')} letters${options.pg ? ', SQLite and PostgreSQL' : ''}`);
  const startup = PARTS.find((p) => p.name === 'startup')!;
  if (runsAlone(startup)) await startup.run(options);
  // The corpus figures next: a process that has already run pdf.js is measurably slower at them.
  await corpusParts();
  for (const part of PARTS) if (part !== startup && runsAlone(part)) await part.run(options);
}

try {
  await main();
} catch (err) {
  // One line a person can act on; the stack only when asked for.
  console.error(`bench: error: ${err instanceof Error ? err.message : String(err)}`);
  if (process.env.IMR_DEBUG) console.error(err);
  process.exitCode = 1;
}
