/**
 * A full disk and a damaged database file, reported as such at once: by
 * the server in its answer and its log, and by the command line in one line.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { newCaseBody, testApi } from '../../test/api-fixtures.js';
import { runCli as run } from '../../test/run-cli.js';

describe('a full disk and a damaged database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imr-storage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers a write on a full disk with 507 saying so, logs it, and keeps nothing of the write', async () => {
    const logged: string[] = [];
    const t = await testApi({ onInternalError: (err) => logged.push(String((err as Error).message)) }, { path: join(dir, 'full.db') });
    try {
      const c = await t.as('cora');
      const before = (await t.store.audit.list()).length;
      const cases = await t.store.cases.count();
      // SQLite's own size limit, at the database's present size: the next page it needs is refused as on a full disk.
      const { rows } = await sql<{ page_count: number }>`PRAGMA page_count`.execute(t.store.db);
      await sql.raw(`PRAGMA max_page_count = ${rows[0]!.page_count}`).execute(t.store.db);
      const big = newCaseBody(t.letter, ' More history.'.repeat(20_000));
      const res = await c.post('/api/cases', big);
      expect(res.status).toBe(507);
      expect(res.json).toEqual({ error: 'the database cannot grow: the disk is full (free space, then try again; nothing of this write was kept)', code: 'STORE_FULL', issues: [] });
      expect(logged.join('\n')).toMatch(/database or disk is full|disk is full/);
      expect(await t.store.cases.count()).toBe(cases);
      expect((await t.store.audit.list()).length).toBe(before);
    } finally {
      await t.close();
    }
  });

  it('reports a database file that is not a database, or whose pages are damaged, as damaged, in one line', async () => {
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, Buffer.alloc(65_536, 0x5a));
    const r = await run('search', 'mri', '--db', garbage);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: cannot open store ${garbage}: the database file is not a database, or is damaged beyond reading (restore it from a backup or an export)\n`);

    const t = await testApi({}, { path: join(dir, 'damaged.db') });
    const c = await t.as('ana');
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.store.db);
    // Scribble over the pages after the schema: the letters' rows and indexes.
    const fd = openSync(join(dir, 'damaged.db'), 'r+');
    for (let page = 8; page < 400; page += 3) writeSync(fd, Buffer.alloc(256, 0xa5), 0, 256, page * 16_384 + 100);
    closeSync(fd);
    try {
      await sql`PRAGMA cache_size = 0`.execute(t.store.db);
      await sql`PRAGMA cache_size = -65536`.execute(t.store.db);
      const answers = await Promise.all(['/api/corpus/search?q=mri', '/api/corpus/stats?by=drug', '/api/letters/5'].map((p) => c.get(p)));
      const damaged = answers.filter((a) => a.status === 503);
      expect(damaged.length).toBeGreaterThan(0);
      for (const a of damaged) expect(a.json).toEqual({ error: 'the database file is damaged (restore it from a backup or an export)', code: 'STORE_CORRUPT', issues: [] });
      expect(answers.every((a) => a.status === 200 || a.status === 503)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
