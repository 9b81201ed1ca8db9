/**
 * Crash safety of schema migrations: an `imr` process killed while it
 * migrates an older database (inside migration 0004, which moves every
 * letter's text) leaves the database as it was, and the next open migrates
 * it completely.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kill, spawnSequence, sqliteProblems, waitFor } from '../../../test/crash/harness.js';
import { openStore } from '../engines/db.js';
import { toRows } from '../corpus/rows.js';
import { sqliteDialect } from '../engines/sqlite.js';
import { makeCorpus, originalOf } from '../../../test/store-fixtures.js';
import { storeMigrations } from './index.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'imr-migration-crash-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database as the 0003 schema wrote it, text in the letter and item rows. */
async function oldDatabase(path: string, count: number): Promise<number[]> {
  const dialect = sqliteDialect(path);
  const db = new Kysely<any>({ dialect: dialect.kysely });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => storeMigrations(dialect) } });
  expect((await migrator.migrateTo('0003_facets')).error).toBeUndefined();
  const ids: number[] = [];
  for (const det of makeCorpus(count, 3)) {
    const rows = toRows(det, originalOf(det), '2017-01-01T00:00:00.000Z');
    const { id } = await db.insertInto('letters').values({ ...rows.letter, ...rows.text, parsed: JSON.stringify(det) }).returning('id').executeTakeFirstOrThrow();
    ids.push(id);
    // Items as 0003 stored them: without the decision date 0014 copies onto them.
    for (const { item: { date_decision: _date, ...item }, rationale } of rows.items) await db.insertInto('items').values({ ...item, rationale, letter_id: id }).execute();
  }
  await dialect.searchIndex.add(db, ids);
  await db.destroy();
  return ids;
}

describe('a migration killed part-way', () => {
  it('SIGKILLed inside migration 0004 with the text half moved: the database is still at 0003, whole, and the next open migrates it', async () => {
    const path = join(dir, 'old.db');
    const corpus = makeCorpus(40, 3);
    const ids = await oldDatabase(path, corpus.length);

    // Pauses in the migration's transaction once letter_texts has rows: 0004 is under way.
    const child = spawnSequence(dir, [['stats', '--db', path]], { IMR_CRASH_PAUSE_AFTER: 'letter_texts:0' });
    await waitFor('the paused migration', () => (child.lines.some((l) => l.startsWith('PAUSED')) ? true : child.process.exitCode !== null ? false : undefined));
    expect(child.lines.join('\n'), child.stderr()).toMatch(/^PAUSED \d+$/m);
    await kill(child);

    const raw = new Database(path);
    try {
      expect(sqliteProblems(raw)).toEqual([]);
      const applied = (raw.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
      expect(applied).toEqual(['0001_core', '0002_search_index', '0003_facets']);
      const columns = (raw.prepare("SELECT name FROM pragma_table_info('letters')").all() as { name: string }[]).map((r) => r.name);
      expect(columns).toContain('original_text');
      expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('letter_texts', 'item_texts', 'cases', 'audit_log')").get()).toEqual({ n: 0 });
    } finally {
      raw.close();
    }

    const store = await openStore({ path });
    try {
      for (const [k, det] of corpus.entries()) expect((await store.determinations.getDetermination(ids[k]!))?.determination).toEqual(det);
      await store.determinations.verifyIndex();
      expect(await store.audit.verify()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
