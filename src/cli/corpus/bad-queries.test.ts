/**
 * Hostile and malformed search queries through `imr search`: none is an
 * error. Operators that make no sense are dropped, anything else is searched
 * for literally, and the tables are untouched. Rows of docs/bad-input.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_LETTERS } from '../../../test/sample-letters.js';
import { runCli } from '../../../test/run-cli.js';
import { openStore, type SearchPage } from '../../store/index.js';

let dir: string;
let db: string;
let letters = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imr-bad-queries-'));
  db = join(dir, 'corpus.db');
  await runCli('ingest', SAMPLE_LETTERS, '--db', db, '--quiet');
  const store = await openStore({ path: db });
  letters = await store.determinations.count();
  await store.close();
  expect(letters).toBeGreaterThan(60);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Searches as a user would; the search must succeed. */
async function search(query: string, ...flags: string[]): Promise<SearchPage> {
  const r = await runCli('search', '--db', db, '--json', ...flags, '--', query);
  expect(r.code, r.err).toBe(0);
  expect(r.err).toBe('');
  return JSON.parse(r.out) as SearchPage;
}

/** The corpus is as it was: every letter there, the index agreeing with it. */
async function intact(): Promise<void> {
  const store = await openStore({ path: db });
  try {
    expect(await store.determinations.count()).toBe(letters);
    await store.determinations.verifyIndex();
  } finally {
    await store.close();
  }
}

describe('bad search queries', () => {
  it('AND NOT followed by a lone quote', async () => {
    // Nothing positive is left: every letter, newest first.
    expect((await search('AND NOT "')).total).toBe(letters);
  });

  it('an unclosed quote', async () => {
    // The phrase runs to the end of the query.
    expect((await search('"medically necessary')).total).toBe((await search('"medically necessary"')).total);
  });

  it('only operators', async () => {
    for (const q of ['AND', 'OR', 'NOT', '*', 'AND OR NOT', 'OR OR', '""', '()']) expect((await search(q)).total, q).toBe(letters);
  });

  it('a query that starts with a dash', async () => {
    // Read as an option unless after --, as with any command.
    const r = await runCli('search', '-percocet', '--db', db);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe("error: unknown option '-percocet'");
    const r2 = await runCli('search', '--db', db, '--json', '--', '-percocet');
    expect(r2.code, r2.err).toBe(0);
    expect((JSON.parse(r2.out) as SearchPage).total).toBe(letters - (await search('percocet')).total);
    expect((await search('- - -')).total).toBe(letters);
  });

  it('SQL metacharacters in the query', async () => {
    for (const q of ["'; DROP TABLE letters; --", '" OR 1=1 --', "baclofen') OR ('1'='1", '%', '_', '\\']) await search(q);
    expect((await search("baclofen'; --")).total).toBe((await search('baclofen')).total);
    await intact();
  });

  it('SQL metacharacters in filter values', async () => {
    for (const flag of ['--drug', '--guideline', '--specialty']) {
      expect((await search('', flag, "x' OR '1'='1")).total, flag).toBe(0);
      expect((await search('', flag, '%')).total, flag).toBe(0);
    }
    await intact();
  });

  it('a 10,000-character query', async () => {
    // Only the first 2,000 characters and 64 terms are read: the work one search may ask for is bounded.
    const page = await search('baclofen '.repeat(1200));
    expect(page.total).toBe((await search('baclofen')).total);
    expect((await search('x'.repeat(10_000))).total).toBe(0);
  });

  it('NUL bytes and control characters in the query', async () => {
    expect((await search('baclofen\u0000spasticity')).total).toBe((await search('baclofen spasticity')).total);
    expect((await search('\u0000\u0001\u001b')).total).toBe(letters);
    await search('\u001b[2J\u0007');
  });

  it('emoji and other symbols', async () => {
    expect((await search('🙂')).total).toBe(letters);
    expect((await search('baclofen 🙂')).total).toBe((await search('baclofen')).total);
    expect((await search('👩‍⚕️ ∑ ¶ ‮')).total).toBe(letters);
  });

  it('FTS5 syntax of its own is taken literally', async () => {
    for (const q of ['NEAR(baclofen spasm)', 'summary:baclofen', '^baclofen', 'baclofen + spasm', '{case_number}: CM16', 'baclo* *']) {
      const page = await search(q);
      expect(page.total, q).toBeGreaterThanOrEqual(0);
    }
    expect((await search('summary:baclofen')).total).toBe((await search('summary baclofen')).total);
  });

  it('an offset past the last result', async () => {
    const page = await search('baclofen', '--offset', '999999');
    expect(page.hits).toEqual([]);
    expect(page.total).toBe((await search('baclofen')).total);
  });
});
