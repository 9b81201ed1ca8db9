/**
 * The bench corpus: `size` letters made by varying the real ones
 * (corpus.ts), ingested the way letters arrive, and the floor of that ingest
 * measured in the same run: the same letters put into a bare one-column
 * table in transactions of the same size, on the same database engine.
 *
 * Up to FILES_UP_TO letters the corpus is written as letter files first
 * (not timed) and ingested from them (read, hashed, parsed on worker threads,
 * stored); a larger corpus would take tens of GB of files, so its letters are
 * made as the ingest asks for them and handed to the same workers as text
 * (ingestTexts): the same parse and store, without the file reads.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Store } from '../src/store/index.js';
import type { IngestReport } from '../src/workflow/corpus/index.js';
import { realLetterTexts, varyLetter } from './corpus.js';
import { fmt, watchMemory } from './report.js';

// The compiled program, as `imr ingest` runs it (`npm run bench` builds dist/
// first): its parse workers start from JavaScript, not through a TypeScript
// loader of their own, which would add to their start-up and memory.
const { openStore } = (await import('../dist/store/index.js' as string)) as typeof import('../src/store/index.js');
const { ingestFiles, ingestTexts } = (await import('../dist/workflow/corpus/ingest.js' as string)) as typeof import('../src/workflow/corpus/ingest.js');
const { tightenHeapGrowthForIngest } = (await import('../dist/workflow/corpus/ingest-heap.js' as string)) as typeof import('../src/workflow/corpus/ingest-heap.js');

/** Larger corpora are ingested from text made on the fly, not from files. */
export const FILES_UP_TO = 100_000;
/** Letters per transaction: the ingest's default, as `imr ingest` writes them. */
const BATCH = 500;

/** A built corpus and what building it measured. */
export interface Corpus {
  readonly size: number;
  readonly engine: 'sqlite' | 'postgres';
  readonly store: Store;
  /** The SQLite database file (null on PostgreSQL): the search, statistics and load parts measure it. */
  readonly path: string | null;
  readonly source: 'files' | 'texts';
  /** Letters per second of the ingest, and of the bare insert of the same letters. */
  readonly ingestRate: number;
  readonly floorRate: number;
  /** Peak resident memory of the bench process (workers included) during the ingest, and before it began, MB. */
  readonly peakMb: number;
  readonly beforeMb: number;
  /** Letters stored per CPU-second of the ingest (every thread of the process): what the machine's load does not change. */
  readonly perCpuSecond: number;
}

function* variants(size: number): Generator<{ name: string; text: string }> {
  const real = realLetterTexts();
  for (let i = 0; i < size; i++) yield { name: `variant-${String(i).padStart(7, '0')}.txt`, text: varyLetter(real[i % real.length]!.text, i) };
}

/** Writes the corpus as letter files under `dir` (1,000 a folder) and returns their folder. */
function writeFiles(dir: string, size: number): string {
  const root = join(dir, 'letters');
  let i = 0;
  for (const { name, text } of variants(size)) {
    const sub = join(root, String(Math.floor(i / 1000)).padStart(4, '0'));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, name), text);
    i++;
  }
  return root;
}

/** The floor: the same letters into a bare one-column table, a transaction per BATCH letters. */
async function bareInsertRate(target: { sqlite: string } | { postgres: string }, size: number, filesRoot: string | null): Promise<number> {
  const letters = filesRoot
    ? (function* () {
        for (let i = 0; i < size; i++) yield readFileSync(join(filesRoot, String(Math.floor(i / 1000)).padStart(4, '0'), `variant-${String(i).padStart(7, '0')}.txt`), 'utf8');
      })()
    : (function* () {
        for (const v of variants(size)) yield v.text;
      })();
  const batches = function* () {
    let batch: string[] = [];
    for (const text of letters) {
      batch.push(text);
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  };
  const t0 = performance.now();
  if ('sqlite' in target) {
    const bare = new Database(target.sqlite);
    bare.pragma('journal_mode = WAL');
    bare.exec('CREATE TABLE t (text TEXT)');
    const ins = bare.prepare('INSERT INTO t (text) VALUES (?)');
    for (const batch of batches()) bare.transaction(() => batch.forEach((t) => ins.run(t)))();
    bare.close();
  } else {
    const client = new pg.Client({ connectionString: target.postgres });
    await client.connect();
    try {
      await client.query('DROP TABLE IF EXISTS bench_bare; CREATE UNLOGGED TABLE bench_bare (text TEXT)');
      for (const batch of batches()) await client.query('INSERT INTO bench_bare (text) SELECT unnest($1::text[])', [batch]);
      await client.query('DROP TABLE bench_bare');
    } finally {
      await client.end();
    }
  }
  return size / ((performance.now() - t0) / 1000);
}

/**
 * Builds a corpus of `size` letters in `dir` (SQLite) or in the PostgreSQL
 * database `postgresUrl`, measuring its ingest and floor.
 */
export async function buildCorpus(dir: string, size: number, options: { postgresUrl?: string; workers?: number } = {}): Promise<Corpus> {
  const source = size <= FILES_UP_TO ? 'files' : 'texts';
  const filesRoot = source === 'files' ? writeFiles(dir, size) : null;
  const engine = options.postgresUrl ? 'postgres' : 'sqlite';
  const path = options.postgresUrl ? null : join(dir, `corpus-${size}.db`);
  // As `imr ingest` opens it (synchronous=NORMAL on SQLite).
  const store = await openStore({ path: options.postgresUrl ?? path!, synchronous: 'NORMAL' });
  const beforeMb = process.memoryUsage.rss() / 1048576;
  const memory = watchMemory();
  const cpu0 = process.cpuUsage();
  const ingestOptions = { batchSize: BATCH, ...(options.workers ? { workers: options.workers } : {}) };
  // As `imr ingest` runs, with its heaps collecting sooner; the later parts of the bench run with V8's defaults.
  const restoreHeapGrowth = tightenHeapGrowthForIngest();
  let report: IngestReport;
  try {
    report = filesRoot ? await ingestFiles(store, [filesRoot], ingestOptions) : await ingestTexts(store, variants(size), size, ingestOptions);
  } finally {
    restoreHeapGrowth();
  }
  const peakMb = memory.stop();
  const cpu = process.cpuUsage(cpu0);
  // Database engines in other processes (PostgreSQL) are not counted: the figure is then of OpenIMR's own work.
  const perCpuSecond = report.ingested / ((cpu.user + cpu.system) / 1e6);
  if (report.failed || report.duplicates) throw new Error(`bench corpus: ${report.failed} failed, ${report.duplicates} duplicates`);
  const floorRate = await bareInsertRate(options.postgresUrl ? { postgres: options.postgresUrl } : { sqlite: join(dir, `bare-${size}.db`) }, size, filesRoot);
  return { size, engine, store, path, source, ingestRate: report.ingested / report.seconds, floorRate, peakMb, beforeMb, perCpuSecond };
}

/** "ingest 100,000 letter files (sqlite)". */
export function corpusLabel(c: Corpus): string {
  return `ingest ${fmt(c.size)} ${c.source === 'files' ? 'files' : 'texts'} (${c.engine})`;
}
