/**
 * Online backup of an SQLite store with SQLite's backup API (through
 * better-sqlite3): a page-by-page copy of one consistent state of the
 * database, taken while other processes go on reading and writing it. This
 * is SQLite-only; the portable way to move a database, PostgreSQL included,
 * is the export (export.ts).
 */
import { closeSync, copyFileSync, existsSync, openSync, rmSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import BetterSqlite3 from 'better-sqlite3';
import { auditSealFor, writeCheckpoint } from '../cases/audit-seal.js';
import { StoreError, reason } from '../errors.js';

/** What a backup wrote, checked by opening the copy. */
export interface BackupSummary {
  file: string;
  bytes: number;
  letters: number;
  cases: number;
  auditEntries: number;
}

/** Rows of a table, or 0 when the database has no such table (an older schema). */
function rows(db: BetterSqlite3.Database, table: string): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  return exists ? Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n) : 0;
}

/**
 * Copies the store at `dbPath` to `out`. The copy is made beside `out`,
 * checked (SQLite's integrity check), turned into a self-contained file
 * (rollback journal, not WAL) and only then renamed to `out`, so a failed or
 * interrupted backup never leaves a partial file there. Throws StoreError.
 */
export async function backupSqlite(dbPath: string, out: string): Promise<BackupSummary> {
  if (!existsSync(dbPath)) throw new StoreError('open', `cannot back up ${dbPath}: no such database file`);
  let source: BetterSqlite3.Database;
  try {
    source = new BetterSqlite3(dbPath, { fileMustExist: true });
    source.pragma('busy_timeout = 5000');
    if (!source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'letters'").get()) {
      source.close();
      throw new Error('not an OpenIMR database (it has no letters table)');
    }
  } catch (err) {
    throw new StoreError('open', `cannot back up ${dbPath}: ${reason(err)}`, { cause: err });
  }
  const temp = `${out}.partial-${process.pid}`;
  try {
    // Made empty first with mode 0600, which SQLite keeps: a backup holds personal health information.
    closeSync(openSync(temp, 'wx', 0o600));
    // The first step only starts the backup; the second copies every page
    // at once, under one read lock: a consistent copy that writers to the
    // source (in WAL mode) do not wait for, and that their commits cannot
    // make restart over and over as page-by-page steps would.
    await source.backup(temp, { progress: () => 0x7fffffff });
  } catch (err) {
    await rm(temp, { force: true });
    throw new StoreError('query', `backup of ${dbPath} failed: ${reason(err)}`, { cause: err });
  } finally {
    source.close();
  }
  try {
    const copy = new BetterSqlite3(temp, { fileMustExist: true });
    let summary: Omit<BackupSummary, 'file' | 'bytes'>;
    let head: { seq: number; hash: string } | null = null;
    try {
      const check = copy.pragma('integrity_check') as { integrity_check: string }[];
      if (check.length !== 1 || check[0]!.integrity_check !== 'ok') throw new Error(`the copy fails the integrity check: ${JSON.stringify(check.slice(0, 3))}`);
      // One file to keep: no -wal beside it.
      copy.pragma('journal_mode = DELETE');
      summary = { letters: rows(copy, 'letters'), cases: rows(copy, 'cases'), auditEntries: rows(copy, 'audit_log') };
      head = summary.auditEntries ? (copy.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string }) : null;
    } finally {
      copy.close();
    }
    await rename(temp, out);
    sealCopy(dbPath, out, head);
    return { file: out, bytes: (await stat(out)).size, ...summary };
  } catch (err) {
    await rm(temp, { force: true });
    await rm(`${temp}-wal`, { force: true });
    await rm(`${temp}-shm`, { force: true });
    throw new StoreError('query', `backup of ${dbPath} failed: ${reason(err)}`, { cause: err });
  }
}

/**
 * The backup keeps its audit trail's seal: the key file goes beside it (0600)
 * and a checkpoint of the copy's own head, so that the copy verifies as it
 * stands (the source's checkpoint may already be past it).
 */
function sealCopy(dbPath: string, out: string, head: { seq: number; hash: string } | null): void {
  const key = `${dbPath}.audit-key`;
  if (!process.env.IMR_AUDIT_KEY && existsSync(key)) {
    rmSync(`${out}.audit-key`, { force: true });
    copyFileSync(key, `${out}.audit-key`);
  }
  rmSync(`${out}.audit-checkpoint`, { force: true });
  const seal = auditSealFor(out, false, { ...process.env, IMR_AUDIT_CHECKPOINT: '' });
  if (seal && head) writeCheckpoint(seal, head.seq, head.hash);
}
