import { Kysely, Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../engines/db.js';
import { toRows } from '../../corpus/rows.js';
import { tempDatabase, type TestDatabase } from '../../../../test/test-databases.js';
import { makeCorpus, originalOf } from '../../../../test/store-fixtures.js';
import { storeMigrations } from '../index.js';

describe('migration 0004: lean rows', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await tempDatabase();
  });
  afterEach(() => database.dispose());

  it('moves the text of letters stored in the wide layout without losing or changing any', async () => {
    const corpus = makeCorpus(12, 7);

    // A database as the 0003 schema wrote it: text in the letter and item rows.
    const dialect = database.dialect();
    const db = new Kysely<any>({ dialect: dialect.kysely });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => storeMigrations(dialect) } });
    expect((await migrator.migrateTo('0003_facets')).error).toBeUndefined();
    const ids: number[] = [];
    for (const det of corpus) {
      const rows = toRows(det, originalOf(det), '2017-01-01T00:00:00.000Z');
      const { id } = await db
        .insertInto('letters')
        .values({ ...rows.letter, ...rows.text, parsed: JSON.stringify(det) })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(id);
      // Items as 0003 stored them: without the decision date 0014 copies onto them.
      for (const { item: { date_decision: _date, ...item }, rationale } of rows.items) await db.insertInto('items').values({ ...item, rationale, letter_id: id }).execute();
    }
    await dialect.searchIndex.add(db, ids);
    await db.destroy();

    const store = await openStore({ path: database.target });
    try {
      for (const [k, det] of corpus.entries()) {
        expect((await store.determinations.getDetermination(ids[k]!))?.determination).toEqual(det);
      }
      await store.determinations.verifyIndex();
      const word = corpus[0]!.items[0]!.rationale.match(/[A-Za-z]{6,}/)![0];
      expect((await store.determinations.search(word)).total).toBeGreaterThan(0);
      // New letters go into the new tables and are found alike.
      const more = makeCorpus(3, 99).map((d) => ({ determination: d, original: originalOf(d) }));
      const results = await store.determinations.insertMany(more);
      expect(results.map((r) => r.status)).toEqual(['ingested', 'ingested', 'ingested']);
      expect((await store.determinations.getDetermination(results[1]!.id))?.determination).toEqual(more[1]!.determination);
      await store.determinations.verifyIndex();
      const cols = (t: string) => store.db.introspection.getTables().then((ts) => ts.find((x) => x.name === t)!.columns.map((c) => c.name));
      expect(await cols('letters')).not.toContain('original_text');
      expect(await cols('items')).not.toContain('rationale');
    } finally {
      await store.close();
    }
  });
});
