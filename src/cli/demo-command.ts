import type { Command } from 'commander';
import { join } from 'node:path';
import { runIngest, summaryLine } from './ingest-command.js';
import { dbOption } from './options.js';
import { formatHits, runSearch } from './search-command.js';
import { formatStats, runStats } from './stats-command.js';

/** The bundled sample letters. */
export const SAMPLES_DIR = join(import.meta.dirname, '..', '..', 'samples', 'letters');

/** `imr demo`: ingest the bundled sample letters, then show a search and outcome statistics. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('ingest the bundled sample letters, then print search results and outcome statistics')
    .addOption(dbOption())
    .action(async (opts: { db: string }) => {
      process.stdout.write(`Ingesting the sample letters in ${SAMPLES_DIR} into ${opts.db}\n`);
      const report = await runIngest([SAMPLES_DIR], opts.db);
      process.stdout.write(summaryLine(report) + '\n\n');
      process.stdout.write('$ imr search "muscle relaxant" --limit 3\n');
      process.stdout.write(formatHits(await runSearch('muscle relaxant', { db: opts.db, limit: '3' })) + '\n');
      process.stdout.write('$ imr search MRI --decision overturned --limit 3\n');
      process.stdout.write(formatHits(await runSearch('MRI', { db: opts.db, limit: '3', decision: 'overturned' })) + '\n');
      for (const by of ['category', 'guideline', 'specialty'] as const) {
        process.stdout.write(`$ imr stats --by ${by}\n`);
        process.stdout.write(formatStats(by, await runStats({ db: opts.db, by })) + '\n');
      }
      if (report.failed) process.exitCode = 1;
    });
}
