import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './engines/db.js';
import type { Database } from './schema.js';
import { searchLetters } from './search/search.js';
import type { StoreDialect } from './search/search-index.js';
import { itemStats, type StatsDimension } from './corpus/stats.js';
import { TEST_ENGINE, tempDatabase, type TestDatabase } from '../../test/test-databases.js';
import { makeCorpus, originalOf } from '../../test/store-fixtures.js';

/**
 * The SQL that search and statistics send, per engine, kept as snapshots:
 * a change to a query (a lost index condition, a probe turned into a scan)
 * shows in review as a changed snapshot. Bound values are left out (the
 * time budget's deadline differs on every run); what the SQL reads is not.
 */
describe(`search and statistics SQL (${TEST_ENGINE})`, () => {
  let database: TestDatabase;
  let dialect: StoreDialect;
  let db: Kysely<Database>;
  let sent: string[] = [];

  beforeAll(async () => {
    database = await tempDatabase();
    const store = await openStore({ path: database.target });
    await store.determinations.insertMany(makeCorpus(30, 4).map((d) => ({ determination: d, original: originalOf(d) })));
    await store.close();
    dialect = database.dialect();
    db = new Kysely<Database>({ dialect: dialect.kysely, log: (e) => void (e.level === 'query' && sent.push(e.query.sql.replace(/\s+/g, ' ').trim())) });
  });
  afterAll(async () => {
    await db.destroy();
    await database.dispose();
  });

  /** The statements one read sends, in order. */
  async function sqlOf(read: (db: Kysely<Database>, within: Parameters<Parameters<StoreDialect['withBudget']>[2]>[1]) => Promise<unknown>): Promise<string[]> {
    sent = [];
    await dialect.withBudget(db, 60_000, read);
    return sent;
  }

  /** One file per read and engine (the two engines' test runs would otherwise rewrite each other's snapshot file). */
  const snapshotPath = (name: string) => `./__sql__/${TEST_ENGINE}/${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}.sql`;
  const asFile = (statements: string[]) => statements.map((st) => `${st};`).join('\n\n') + '\n';

  const searches: [string, string, Parameters<typeof searchLetters>[3]][] = [
    ['a word', 'baclofen', {}],
    ['a common word, past the window', 'pain', {}],
    ['a phrase with filters', '"physical therapy"', { decision: 'overturned', category: 'physical-medicine', from: '2016-01-01', to: '2016-12-31' }],
    ['filters alone', '', { drug: 'opioid', guideline: 'odg', specialty: 'pain' }],
  ];
  for (const [label, q, options] of searches) {
    it(`search: ${label}`, async () => {
      await expect(asFile(await sqlOf((d, within) => searchLetters(d, dialect.searchIndex, q, options, 5, within)))).toMatchFileSnapshot(snapshotPath(`search ${label}`));
    });
  }

  const stats: [StatsDimension, Parameters<typeof itemStats>[3]][] = [
    ['guideline', {}],
    ['month', { decision: 'upheld', category: 'medication', from: '2016-02-10', to: '2016-11-30' }],
    ['specialty', { drug: 'baclofen', query: 'spasm' }],
  ];
  for (const [by, filters] of stats) {
    it(`stats by ${by} ${JSON.stringify(filters)}`, async () => {
      await expect(asFile(await sqlOf((d, within) => itemStats(d, dialect.searchIndex, by, filters, within)))).toMatchFileSnapshot(snapshotPath(`stats ${by} ${Object.keys(filters ?? {}).join(' ')}`));
    });
  }
});
