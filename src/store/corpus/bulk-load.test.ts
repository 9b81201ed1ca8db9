import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realLetterPaths } from '../../../test/sample-letters.js';
import { TEST_ENGINE } from '../../../test/test-databases.js';
import { tempStore } from '../../../test/store-fixtures.js';
import { parseLetterFile } from '../../letters/index.js';
import type { Database } from '../schema.js';
import { buildDeferredIndexes } from './bulk-load.js';
import type { LetterToStore } from './determinations.js';

type Ctx = Awaited<ReturnType<typeof tempStore>>;

/** Every index of the corpus with its definition (PostgreSQL), or every index's SQL (SQLite). */
async function indexes(db: Kysely<Database>): Promise<string[]> {
  const { rows } =
    TEST_ENGINE === 'postgres'
      ? await sql<{ d: string }>`SELECT indexdef AS d FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`.execute(db)
      : await sql<{ d: string }>`SELECT name || ' ' || coalesce(sql, '') AS d FROM sqlite_master WHERE type = 'index' ORDER BY name`.execute(db);
  return rows.map((r) => r.d);
}

/** What the corpus answers: searches of several kinds (ids, order, totals) and a statistic. */
async function answers(ctx: Ctx): Promise<unknown> {
  const out: unknown[] = [];
  for (const q of ['baclofen', 'medically necessary', '"physical therapy"', 'lumbar -surgery', '']) {
    const page = await ctx.store.determinations.search(q, { limit: 50 });
    out.push([q, page.total, page.hits.map((h) => [h.id, h.snippet])]);
  }
  out.push(await ctx.store.determinations.stats('guideline', {}));
  return out;
}

describe('a bulk load', () => {
  let letters: LetterToStore[];
  let bulk: Ctx;
  let plain: Ctx;
  beforeAll(async () => {
    letters = [];
    for (const path of realLetterPaths()) {
      const { file, determination } = await parseLetterFile(path);
      letters.push({ determination, original: { text: file.text, format: file.format } });
    }
    bulk = await tempStore();
    plain = await tempStore();
  });
  afterAll(async () => {
    await bulk?.dispose();
    await plain?.dispose();
  });

  it('into an empty corpus stores and answers exactly as letter-by-letter indexing does, with every index back', async () => {
    const before = await indexes(bulk.store.db);
    const half = Math.floor(letters.length / 2);
    let during: string[] = [];
    const { result, report } = await bulk.store.determinations.bulkLoad(async () => {
      await bulk.store.determinations.insertMany(letters.slice(0, half));
      during = await indexes(bulk.store.db);
      return bulk.store.determinations.insertMany(letters.slice(half));
    });
    await plain.store.determinations.insertMany(letters.slice(0, half));
    await plain.store.determinations.insertMany(letters.slice(half));
    expect(result).toHaveLength(letters.length - half);
    if (TEST_ENGINE === 'postgres') {
      // The full-text index and the filter indexes were not there during the load; the write path's were.
      expect(report.deferred).toContain('letter_search_document');
      expect(report.deferred).toContain('items_category_letter');
      expect(report.deferred).not.toContain('items_letter_idx');
      expect(during.length).toBe(before.length - report.deferred.length);
      expect(during.some((d) => d.includes('items_letter_idx'))).toBe(true);
    } else {
      expect(report.deferred).toEqual([]);
    }
    expect(await indexes(bulk.store.db)).toEqual(before);
    await bulk.store.determinations.verifyIndex();
    expect(await answers(bulk)).toEqual(await answers(plain));
  });

  it('into a corpus with letters defers nothing', async () => {
    const { report } = await bulk.store.determinations.bulkLoad(async () => bulk.store.determinations.insertMany(letters.slice(0, 3)));
    expect(report.deferred).toEqual([]);
  });

  it.skipIf(TEST_ENGINE !== 'postgres')('builds the indexes again when the load throws, and those of a load that stopped part-way', async () => {
    const ctx = await tempStore();
    try {
      const before = await indexes(ctx.store.db);
      await expect(
        ctx.store.determinations.bulkLoad(async () => {
          await ctx.store.determinations.insertMany(letters.slice(0, 2));
          throw new Error('the letters ran out');
        }),
      ).rejects.toThrow('the letters ran out');
      expect(await indexes(ctx.store.db)).toEqual(before);

      // A load whose process was killed: indexes recorded and dropped, never built.
      const gin = before.find((d) => d.includes('letter_search_document'))!;
      await sql`INSERT INTO deferred_indexes (name, definition) VALUES ('letter_search_document', ${gin})`.execute(ctx.store.db);
      await sql`DROP INDEX letter_search_document`.execute(ctx.store.db);
      expect(await indexes(ctx.store.db)).not.toEqual(before);
      await buildDeferredIndexes(ctx.store.db);
      expect(await indexes(ctx.store.db)).toEqual(before);
      expect((await sql<{ n: string }>`SELECT count(*) AS n FROM deferred_indexes`.execute(ctx.store.db)).rows[0]!.n).toBe('0');
    } finally {
      await ctx.dispose();
    }
  });

  it('is refused inside a transaction', async () => {
    await expect(bulk.store.transaction((t) => t.determinations.bulkLoad(async () => undefined))).rejects.toThrow(/cannot run inside a transaction/);
  });
});
