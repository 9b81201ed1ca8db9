import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './db.js';
import { tempDatabase, type TestDatabase } from '../../../test/test-databases.js';
import { makeCorpus, originalOf } from '../../../test/store-fixtures.js';

describe('openStore', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await tempDatabase();
  });
  afterEach(() => database.dispose());

  it('runs migrations once: reopening keeps the data and applies nothing twice', async () => {
    const first = await openStore({ path: database.target });
    const corpus = makeCorpus(10, 3);
    await first.determinations.insertMany(corpus.map((d) => ({ determination: d, original: originalOf(d) })));
    const applied = await first.db.selectFrom('kysely_migration' as never).select(sql<string>`name`.as('name')).orderBy(sql`name`).execute();
    await first.close();

    const again = await openStore({ path: database.target });
    try {
      expect(await again.determinations.count()).toBe(10);
      const after = await again.db.selectFrom('kysely_migration' as never).select(sql<string>`name`.as('name')).orderBy(sql`name`).execute();
      expect(after).toEqual(applied);
      expect(after.map((r) => r.name)).toEqual(['0001_core', '0002_search_index', '0003_facets', '0004_lean_rows', '0005_cases', '0006_users', '0007_file_hashes_sqlite_340', '0008_drafts', '0009_withdrawals', '0010_audit_seal', '0011_facet_counts', '0012_day_counts', '0013_index_first', '0014_listing_order', '0015_counts_without_rowid', '0016_bulk_load']);
      expect((await again.determinations.search('baclofen OR mri OR tens')).total).toBeGreaterThan(0);
      await again.determinations.verifyIndex();
      const res = await again.determinations.insertDetermination(corpus[0]!, originalOf(corpus[0]!));
      expect(res.status).toBe('duplicate');
    } finally {
      await again.close();
    }
  });

  it('enforces foreign keys', async () => {
    const store = await openStore({ path: database.target });
    try {
      await expect(store.db.insertInto('letter_states').values({ letter_id: 999, state: 'CA' }).execute()).rejects.toThrow(/foreign key/i);
    } finally {
      await store.close();
    }
  });
});
