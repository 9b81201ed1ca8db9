import type { Command } from 'commander';
import { backupSqlite } from '../../store/index.js';
import { UsageError } from '../errors.js';
import { dbOption } from '../options.js';
import { formatSize } from '../output.js';
import { checkOutFile } from '../out-file.js';

/** `imr backup --out FILE [--db PATH] [--force]`: SQLite online backup. */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('copy an SQLite database while it is in use (SQLite online backup), checked and self-contained; for PostgreSQL use imr export or pg_dump')
    .requiredOption('--out <file>', 'the backup file to write')
    .addOption(dbOption())
    .option('--force', 'replace --out if it exists')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { out: string; db: string; force?: boolean; json?: boolean }) => {
      if (/^postgres(?:ql)?:\/\//i.test(opts.db)) {
        throw new UsageError('imr backup copies an SQLite database file; for a PostgreSQL database use imr export (portable) or pg_dump');
      }
      if (opts.db === ':memory:') throw new UsageError('--db :memory: has nothing to back up');
      checkOutFile(opts.out, !!opts.force);
      const s = await backupSqlite(opts.db, opts.out);
      process.stdout.write(opts.json ? JSON.stringify(s) + '\n' : `backed up ${opts.db} to ${s.file} (${formatSize(s.bytes)}; ${s.letters} letters, ${s.cases} cases, ${s.auditEntries} audit entries; integrity check ok)\n`);
    });
}
