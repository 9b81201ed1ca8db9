import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Command } from 'commander';
import { importDatabase, openStore } from '../../store/index.js';
import { describeCounts } from './export-command.js';
import { dbOption, shownDb } from '../options.js';

/** `imr import FILE [--db PATH] [--letters-only]`: restores an export (docs/export-format.md). */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('restore an export file into an empty database, all or nothing; --letters-only adds just its corpus letters to any database')
    .argument('<file>', 'an export file written by imr export')
    .addOption(dbOption())
    .option('--letters-only', 'import only the corpus letters, skipping those already stored; cases, reviewers and the audit trail are left out')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts: { db: string; lettersOnly?: boolean; json?: boolean }) => {
      const created = opts.db !== ':memory:' && !existsSync(opts.db);
      const store = await openStore({ path: opts.db });
      let ok = false;
      try {
        const summary = await importDatabase(store, file, { lettersOnly: !!opts.lettersOnly }, `database ${shownDb(opts.db)}`);
        ok = true;
        if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n');
        else if (opts.lettersOnly) process.stdout.write(`imported ${summary.imported.letter} letters from ${file} into ${shownDb(opts.db)}, ${summary.skipped} already stored (skipped)\n`);
        else process.stdout.write(`imported ${describeCounts(summary.imported)} from ${file} into ${shownDb(opts.db)}; the audit trail verifies\n`);
      } finally {
        await store.close();
        // A database this command created for a failed import goes again: nothing is left behind.
        if (!ok && created) for (const suffix of ['', '-wal', '-shm']) await rm(opts.db + suffix, { force: true });
      }
    });
}
