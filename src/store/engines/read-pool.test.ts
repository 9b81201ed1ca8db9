import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from './db.js';
import { ReadPool } from './read-pool.js';
import { TEST_ENGINE, tempDatabase, type TestDatabase } from '../../../test/test-databases.js';
import { makeCorpus, originalOf } from '../../../test/store-fixtures.js';

/**
 * Reads off the serving thread: on SQLite through the read pool's worker
 * threads, on PostgreSQL through its connection pool. A heavy read must not
 * hold up a light one started after it, and writes made meanwhile are all there.
 */
describe('reads side by side', () => {
  let database: TestDatabase;
  let store: Store;
  const corpus = makeCorpus(3000, 21);
  // A text query and substring filters the counts cannot answer: statistics by scanning every item.
  const heavy = () => store.determinations.stats('guideline', { guideline: 'a', specialty: 'e', query: 'pain OR therapy OR treatment OR request' });
  const light = () => store.determinations.search(corpus[17]!.caseNumber!);

  beforeAll(async () => {
    database = await tempDatabase();
    const writer = await openStore({ path: database.target });
    for (let i = 0; i < corpus.length; i += 1000) await writer.determinations.insertMany(corpus.slice(i, i + 1000).map((d) => ({ determination: d, original: originalOf(d) })));
    await writer.close();
    store = await openStore({ path: database.target, readWorkers: 2 });
  });
  afterAll(async () => {
    await store.close();
    await database.dispose();
  });

  it('answers a light search while a heavy statistic runs, and the heavy one still completes', async () => {
    // Warm both paths (worker start-up, statement preparation).
    await Promise.all([heavy(), light()]);
    const alone = performance.now();
    const expected = await heavy();
    const heavyMs = performance.now() - alone;
    expect(expected.length).toBeGreaterThan(0);

    const done: string[] = [];
    const t0 = performance.now();
    const slow = heavy().then((rows) => (done.push('heavy'), rows));
    // The event loop is free while the heavy read runs: a timer fires on time.
    const tick = await new Promise<number>((resolve) => {
      const t = performance.now();
      setTimeout(() => resolve(performance.now() - t), 0);
    });
    const quick = await light().then((page) => (done.push('light'), page));
    const lightMs = performance.now() - t0;
    expect(await slow).toEqual(expected);
    expect(quick.hits[0]?.caseNumber).toBe(corpus[17]!.caseNumber);
    expect(done).toEqual(['light', 'heavy']);
    expect(lightMs).toBeLessThan(heavyMs);
    expect(tick).toBeLessThan(heavyMs);
  });

  it('loses no write made while reads run, and reads see it once committed', async () => {
    const more = makeCorpus(3060, 22).slice(3000);
    const reading = Promise.all([heavy(), heavy()]);
    const results = await store.determinations.insertMany(more.map((d) => ({ determination: d, original: originalOf(d) })));
    await reading;
    expect(results.filter((r) => r.status === 'ingested')).toHaveLength(more.length);
    expect(await store.determinations.count()).toBe(3060);
    expect((await store.determinations.search(more[59]!.caseNumber!)).hits.map((h) => h.id)).toEqual([results[59]!.id]);
    expect((await store.determinations.stats('decision')).reduce((n, r) => n + r.items, 0)).toBe([...corpus, ...more].reduce((n, d) => n + d.items.length, 0));
  });
});

// The read pool is SQLite's (PostgreSQL reads through its own connection pool).
describe.skipIf(TEST_ENGINE === 'postgres')('the read pool watch', () => {
  let database: TestDatabase;
  const corpus = makeCorpus(400, 23);

  beforeAll(async () => {
    database = await tempDatabase();
    const writer = await openStore({ path: database.target });
    await writer.determinations.insertMany(corpus.map((d) => ({ determination: d, original: originalOf(d) })));
    await writer.close();
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('does not count against a read the time it waited: for a new worker to open, or behind other reads', async () => {
    // A budget far below a worker's start-up from source, and many reads
    // queued on one worker: each read alone takes a few ms.
    const pool = new ReadPool(database.target, 1, { queryBudgetMs: 250 }, 250, 50);
    try {
      const numbers = corpus.slice(0, 40).map((d) => d.caseNumber!);
      const pages = await Promise.all(numbers.map((n) => pool.search(n, {})));
      expect(pages.map((p) => p.hits[0]?.caseNumber)).toEqual(numbers);
    } finally {
      await pool.close();
    }
  });

  it('still stops a read past its budget', async () => {
    // A 1 ms budget: the worker's own check stops the read (STORE_TIMEOUT), or the watch does.
    const pool = new ReadPool(database.target, 1, { queryBudgetMs: 1 }, 1, 0);
    try {
      await expect(pool.stats('guideline', { guideline: 'a', specialty: 'e', query: 'pain OR therapy OR treatment OR request' })).rejects.toMatchObject({ code: 'STORE_TIMEOUT' });
    } finally {
      await pool.close();
    }
  });
});
