import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/test-databases.js';
import { makeCorpus, originalOf, tempStore } from '../../../test/store-fixtures.js';
import type { Database } from '../schema.js';
import { parseTextQuery } from './fts-query.js';
import { tsvectorIndex } from './postgres-search.js';
import { flatText } from './tsquery.js';

/** The query's text as the index reads it (punctuation as spaces), as a tsquery. */
const tsq = (q: string) => sql`phraseto_tsquery('openimr', ${flatText(sql`${q}::text`)})`;

type Ctx = Awaited<ReturnType<typeof tempStore>>;

/** The newest matches of `q` as the plain query gives them: what either way of recentMatches must give. */
async function plain(db: Kysely<Database>, q: string, limit: number, offset: number): Promise<number[]> {
  const { rows } = await sql<{ letter_id: number }>`
    SELECT letter_id FROM letter_search WHERE document @@ ${tsq(q)} ORDER BY letter_id DESC LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return rows.map((r) => Number(r.letter_id));
}

async function recent(db: Kysely<Database>, q: string, limit: number, offset: number): Promise<number[]> {
  const sub = tsvectorIndex.recentMatches(parseTextQuery(q), null, limit, offset)!;
  return (await db.selectFrom(sub.as('m')).select(sql<number>`m.letter_id`.as('id')).execute()).map((r) => Number(r.id));
}

describe.skipIf(TEST_ENGINE !== 'postgres')('newest matches through the index or newest first (openimr_index_first)', () => {
  let ctx: Ctx;
  let caseNumber: string;
  beforeAll(async () => {
    ctx = await tempStore();
    const corpus = makeCorpus(300, 5);
    await ctx.store.determinations.insertMany(corpus.map((d) => ({ determination: d, original: originalOf(d) })));
    caseNumber = corpus.find((d) => d.caseNumber)!.caseNumber!;
    // The planner's estimates, which the choice rests on, as a database in use has them.
    await sql`ANALYZE`.execute(ctx.store.db);
  });
  afterAll(() => ctx?.dispose());

  const indexFirst = async (q: string, wanted: number) =>
    (await sql<{ v: boolean }>`SELECT openimr_index_first(${tsq(q)}, ${wanted}) AS v`.execute(ctx.store.db)).rows[0]!.v;

  it('goes through the index for a rare term and newest first for a word in every letter', async () => {
    expect(await plain(ctx.store.db, 'the', 300, 0)).toHaveLength(300);
    expect(await indexFirst('the', 20)).toBe(false);
    expect(await indexFirst(caseNumber, 20)).toBe(true);
  });

  it('gives the same letters, newest first, either way', async () => {
    for (const [q, limit, offset] of [['the', 20, 0], ['the', 7, 250], [caseNumber, 20, 0], ['the', 2001, 0]] as const) {
      const expected = await plain(ctx.store.db, q, limit, offset);
      expect(expected.length, q).toBeGreaterThan(0);
      expect(await recent(ctx.store.db, q, limit, offset), `${q} ${limit} ${offset}`).toEqual(expected);
    }
    // With 2,001 wanted of 300 letters the index is the cheaper way, for the same common word.
    expect(await indexFirst('the', 2001)).toBe(true);
  });
});
