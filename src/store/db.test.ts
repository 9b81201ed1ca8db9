import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './db.js';
import { StoreError } from './errors.js';
import { makeCorpus, originalOf } from './test-fixtures.js';

describe('openStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'imr-store-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('configures WAL, foreign keys and a busy timeout', async () => {
    const store = await openStore({ path: join(dir, 'a.db'), busyTimeoutMs: 1234 });
    try {
      const pragma = async (name: string) => Object.values((await sql.raw(`PRAGMA ${name}`).execute(store.db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(1234);
    } finally {
      await store.close();
    }
  });

  it('runs migrations once: reopening keeps the data and applies nothing twice', async () => {
    const path = join(dir, 'b.db');
    const first = await openStore({ path });
    const corpus = makeCorpus(10, 3);
    await first.determinations.insertMany(corpus.map((d) => ({ determination: d, original: originalOf(d) })));
    const applied = await first.db.selectFrom('kysely_migration' as never).select(sql<string>`name`.as('name')).execute();
    await first.close();

    const again = await openStore({ path });
    try {
      expect(await again.determinations.count()).toBe(10);
      const after = await again.db.selectFrom('kysely_migration' as never).select(sql<string>`name`.as('name')).execute();
      expect(after).toEqual(applied);
      expect(after.map((r) => r.name)).toEqual(['0001_core', '0002_search_index', '0003_facets', '0004_lean_rows', '0005_cases', '0006_users']);
      expect((await again.determinations.search('baclofen OR mri OR tens')).total).toBeGreaterThan(0);
      await again.determinations.verifyIndex();
      const res = await again.determinations.insertDetermination(corpus[0]!, originalOf(corpus[0]!));
      expect(res.status).toBe('duplicate');
    } finally {
      await again.close();
    }
  });

  it('enforces foreign keys', async () => {
    const store = await openStore({ path: join(dir, 'c.db') });
    try {
      await expect(store.db.insertInto('letter_states').values({ letter_id: 999, state: 'CA' }).execute()).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await store.close();
    }
  });

  it('fails with a StoreError of kind "open" for an unusable path', async () => {
    const err = await openStore({ path: join(dir, 'missing', 'dir', 'x.db') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).kind).toBe('open');
    expect((err as StoreError).code).toBe('STORE_OPEN');
  });
});
