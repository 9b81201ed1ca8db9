import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './db.js';
import { StoreError } from '../errors.js';

describe('openStore on an SQLite file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'imr-store-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('configures WAL, foreign keys and a busy timeout', async () => {
    const store = await openStore({ path: join(dir, 'a.db'), busyTimeoutMs: 1234 });
    try {
      expect(store.dialect.name).toBe('sqlite');
      const pragma = async (name: string) => Object.values((await sql.raw(`PRAGMA ${name}`).execute(store.db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(1234);
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
