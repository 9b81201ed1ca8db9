import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { openStore } from '../../store/index.js';
import { ingestFiles, tightenHeapGrowthForIngest, type IngestReport } from '../../workflow/corpus/index.js';
import { letterFiles } from '../inputs.js';
import { dbOption, positiveInt } from '../options.js';
import { printable } from '../output.js';

/** Ingests with a progress bar (rate and ETA) on a terminal; plain failure lines otherwise. */
export async function runIngest(paths: string[], db: string, opts: { quiet?: boolean; batchSize?: number } = {}): Promise<IngestReport> {
  // NORMAL, not FULL, for the ingest's own connection: in WAL mode a commit is
  // then not synced to disk before the next batch is written. A power failure
  // (not a crash of the program) may lose the last committed batches, never
  // corrupt the database or half-write a letter (each batch is one
  // transaction, its letters and their file records together); the ingest run
  // again finds what was lost missing and stores it. The server and every
  // other command keep FULL.
  const store = await openStore({ path: db, synchronous: 'NORMAL' });
  const showBar = !opts.quiet && process.stderr.isTTY;
  const bar = new SingleBar(
    { format: 'ingest [{bar}] {percentage}% | {value}/{total} letters | {rate} letters/s | ETA {eta_formatted} | {failed} failed', stream: process.stderr, hideCursor: true, etaBuffer: 200 },
    Presets.shades_classic,
  );
  let barStarted = false;
  const started = performance.now();
  try {
    return await ingestFiles(store, paths, {
      ...(opts.batchSize === undefined ? {} : { batchSize: opts.batchSize }),
      onProgress: (p) => {
        if (!showBar) return;
        const rate = (p.done / Math.max(0.001, (performance.now() - started) / 1000)).toFixed(0);
        if (!barStarted) {
          bar.start(p.total, p.done, { rate, failed: p.failed });
          barStarted = true;
        } else bar.update(p.done, { rate, failed: p.failed });
      },
      onFailure: (f) => {
        if (barStarted) bar.stop();
        barStarted = false;
        process.stderr.write(`error: ${printable(f.message)}\n`);
      },
    });
  } finally {
    if (barStarted) bar.stop();
    await store.close();
  }
}

export function summaryLine(r: IngestReport): string {
  const rate = r.seconds > 0 ? ` in ${r.seconds.toFixed(1)} s (${(r.done / r.seconds).toFixed(0)} letters/s)` : '';
  const repeated = r.duplicates - r.alreadyStored;
  return `${r.done} files: ${r.ingested} ingested, ${r.alreadyStored} already stored (skipped), ${repeated} duplicate, ${r.failed} failed${rate}`;
}

/** `imr ingest FILE|DIR... [--db PATH]`. */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('parse letters and store them in the corpus (idempotent; never half-written; bad files reported and skipped; a rerun skips what is stored)')
    .argument('<paths...>', 'letter files or directories')
    .addOption(dbOption())
    .option('--quiet', 'no progress bar')
    .option('--json', 'print the summary as JSON')
    .option('--batch-size <n>', 'letters written per transaction (1-10000; default 500): an interrupted run loses at most one batch')
    .action(async (paths: string[], opts: { db: string; quiet?: boolean; json?: boolean; batchSize?: string }) => {
      const batchSize = opts.batchSize === undefined ? undefined : positiveInt('batch-size', opts.batchSize, 500, 10_000);
      const files = await letterFiles(paths);
      // This process exists to ingest (unlike \`imr demo\`, which serves next): its heaps collect sooner, for a lower peak of memory.
      tightenHeapGrowthForIngest();
      const report = await runIngest(files, opts.db, { ...(opts.quiet ? { quiet: true } : {}), ...(batchSize === undefined ? {} : { batchSize }) });
      process.stdout.write(opts.json ? JSON.stringify(report) + '\n' : summaryLine(report) + '\n');
      if (report.failed) process.exitCode = 1;
    });
}
