import type { Command } from 'commander';
import { exportDatabase, openStore, type ExportCounts } from '../../store/index.js';
import { UsageError } from '../errors.js';
import { dbOption } from '../options.js';
import { formatSize } from '../output.js';
import { checkOutFile } from '../out-file.js';

/** "12 letters, 3 cases, ..." for people. */
export function describeCounts(c: ExportCounts): string {
  return `${c.letter} letters, ${c.case} cases, ${c.reviewer} reviewers, ${c.user} users, ${c.issued} issued determinations, ${c.audit} audit entries`;
}

/** `imr export --out FILE [--db PATH] [--force]`: the whole database in the export format (docs/export-format.md). */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export the whole database (corpus letters, cases, reviewers, users, issued determinations, audit trail) to a gzip\'d JSON Lines file (docs/export-format.md)')
    .requiredOption('--out <file>', 'the export file to write (e.g. openimr-export.jsonl.gz)')
    .addOption(dbOption())
    .option('--force', 'replace --out if it exists')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { out: string; db: string; force?: boolean; json?: boolean }) => {
      checkOutFile(opts.out, !!opts.force);
      const store = await openStore({ path: opts.db, mustExist: true });
      try {
        const summary = await exportDatabase(store, opts.out);
        process.stdout.write(opts.json ? JSON.stringify(summary) + '\n' : `exported ${describeCounts(summary.counts)} to ${summary.file} (${formatSize(summary.bytes)})\n`);
      } finally {
        await store.close();
      }
    });
}
