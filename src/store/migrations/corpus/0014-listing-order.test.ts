import { Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCorpus, makeDetermination, originalOf, tempStore } from '../../../../test/store-fixtures.js';
import { storeMigrations } from '../index.js';

type Ctx = Awaited<ReturnType<typeof tempStore>>;

/** Every item and drug row whose copies of its letter's id or decision date differ from the letter's: none when they hold. */
async function disagreeing(ctx: Ctx): Promise<{ items: number; drugs: number; rows: number }> {
  const { db } = ctx.store;
  const items = await sql<{ n: number | string }>`
    SELECT count(*) AS n FROM items i JOIN letters l ON l.id = i.letter_id
    WHERE i.date_decision IS DISTINCT FROM l.date_decision`.execute(db);
  const drugs = await sql<{ n: number | string }>`
    SELECT count(*) AS n FROM item_drugs d JOIN items i ON i.id = d.item_id JOIN letters l ON l.id = i.letter_id
    WHERE d.letter_id IS DISTINCT FROM l.id OR d.date_decision IS DISTINCT FROM l.date_decision`.execute(db);
  const rows = await sql<{ n: number | string }>`SELECT count(*) AS n FROM item_drugs`.execute(db);
  return { items: Number(items.rows[0]!.n), drugs: Number(drugs.rows[0]!.n), rows: Number(rows.rows[0]!.n) };
}

describe('migration 0014: listing order', () => {
  let ctx: Ctx;
  beforeEach(async () => {
    ctx = await tempStore();
  });
  afterEach(() => ctx.dispose());

  const letters = () => [
    ...makeCorpus(30, 14),
    ...Array.from({ length: 4 }, (_, i) => makeDetermination({ n: 14_000_000 + i, decisionDate: null, assignedDate: null })),
  ];

  it('gives the items and drug rows stored before it their letter and decision date, and both writers after it', async () => {
    const before = await ctx.store.determinations.insertMany(letters().map((d) => ({ determination: d, original: originalOf(d) })));
    const dialect = ctx.store.dialect;
    const migrator = new Migrator({ db: ctx.store.db, provider: { getMigrations: async () => storeMigrations(dialect) } });
    expect((await migrator.migrateTo('0013_index_first')).error).toBeUndefined();
    const columns = async (table: string) => (await ctx.store.db.introspection.getTables()).find((t) => t.name === table)!.columns.map((c) => c.name);
    expect(await columns('items')).not.toContain('date_decision');
    expect(await columns('item_drugs')).not.toContain('letter_id');

    // Filled from the stored letters when applied to a corpus.
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const filled = await disagreeing(ctx);
    expect(filled.rows).toBeGreaterThan(0);
    expect(filled).toMatchObject({ items: 0, drugs: 0 });

    // Written with the rows by the batch writer (on PostgreSQL its bulk path) and by a single insert.
    await ctx.store.determinations.insertMany(makeCorpus(10, 15).map((d) => ({ determination: d, original: originalOf(d) })));
    const single = makeDetermination({ n: 15_500_000, decisionDate: '2016-02-29' });
    await ctx.store.determinations.insertDetermination(single, originalOf(single));
    const written = await disagreeing(ctx);
    expect(written.rows).toBeGreaterThan(filled.rows);
    expect(written).toMatchObject({ items: 0, drugs: 0 });
    const nulls = await sql<{ n: number | string }>`SELECT count(*) AS n FROM item_drugs WHERE letter_id IS NULL`.execute(ctx.store.db);
    expect(Number(nulls.rows[0]!.n)).toBe(0);

    // Removed with their letters.
    const gone = before.map((r) => r.id);
    await ctx.store.determinations.deleteLetters(gone);
    const left = await ctx.store.db.selectFrom('item_drugs').select('letter_id').where('letter_id', 'in', gone).execute();
    expect(left).toEqual([]);
  });
});
