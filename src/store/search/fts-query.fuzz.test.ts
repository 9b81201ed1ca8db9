/**
 * Fuzzing the search query translator end to end: random and hostile
 * queries (operators, quotes, SQL, NUL bytes, emoji, 10,000 characters) and
 * filters are translated and executed against a real SQLite store of the
 * real letters. FTS5 never reports a syntax error, no search fails or exceeds
 * the time bound, and counts agree with the translated MATCH expressions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLetterText } from '../../letters/index.js';
import { fuzzSettings, fuzzTestTimeout, runFuzz } from '../../../test/fuzz/config.js';
import { realLetterTexts } from '../../../test/fuzz/letter-mutations.js';
import { withSandbox } from '../../../test/fuzz/sandbox.js';
import { openStore } from '../engines/db.js';
import { RESULT_WINDOW, type SearchOptions, type SearchPage, type TextQuery } from '../index.js';

const letters = realLetterTexts().map((l) => ({ text: l.text, det: parseLetterText(l.text, l.name) }));
/** Words of the letters, so that queries also match. */
const WORDS = [...new Set(letters.flatMap((l) => l.det.clinicalSummary.split(/\s+/).slice(0, 40)))].filter((w) => w.length > 2).slice(0, 400);

const OPERATORS = ['AND', 'OR', 'NOT', '-', '"', '*', '(', ')', 'NEAR', 'NEAR(', '^', ':', '+', '{', '}', 'AND NOT "', '""', '-"', 'OR OR', 'NOT NOT'];
const HOSTILE = ["'; DROP TABLE letters; --", '" OR 1=1 --', '%', '_', '\\', '\u0000', 'x\u0000y', '🙂', '👩‍⚕️', 'café', 'ﬁle', '\u202e', '\ud800', 'letters_fts', 'rank', 'rowid', 'MATCH', '* OR *', 'case_number:CM16'];

const term = fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...OPERATORS), fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }));
const queryArb = fc.oneof(
  { weight: 6, arbitrary: fc.array(term, { maxLength: 16 }).map((ts) => ts.join(' ')) },
  { weight: 2, arbitrary: fc.array(term, { maxLength: 16 }).map((ts) => ts.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  // Oversized: 10,000 characters and more, of words or of operators.
  { weight: 1, arbitrary: fc.tuple(term, fc.integer({ min: 500, max: 12_000 })).map(([t, n]) => `${t} `.repeat(n).slice(0, 12_000)) },
);

const filterText = fc.oneof(fc.constantFrom('baclofen', 'opioid', 'Low Back', 'ODG', 'orthopedic', 'medication', 'imaging'), fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 10 }));
// Any text in every filter, a category outside the domain's list included: the store must never fail on it.
const optionsArb = fc.record(
  {
    decision: fc.constantFrom('upheld' as const, 'overturned' as const),
    drug: filterText,
    category: filterText,
    guideline: filterText,
    specialty: filterText,
    from: fc.constantFrom('2013-01-01', '2016-06-30', '2017-12-31'),
    to: fc.constantFrom('2016-12-31', '2018-01-01'),
    limit: fc.oneof(fc.integer({ min: -5, max: 300 }), fc.constantFrom(Number.NaN, Infinity)),
    offset: fc.oneof(fc.integer({ min: -5, max: 20_000 }), fc.constantFrom(Number.NaN, Infinity, 1e300)),
  },
  { requiredKeys: [] },
);

interface SearchResult {
  query: TextQuery;
  match: string | null;
  exclusion: string | null;
  counts: number[];
  page: SearchPage;
}

describe('search query fuzzing against a real store', () => {
  const settings = fuzzSettings('search', 300);
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'imr-fuzz-search-'));
    db = join(dir, 'corpus.db');
    const store = await openStore({ path: db });
    await store.determinations.insertMany(letters.map((l) => ({ determination: l.det, original: { text: l.text, format: 'txt' as const } })));
    await store.close();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'random and hostile queries with random filters execute without an SQL or FTS5 error, each within the time bound, and count what their MATCH expressions match',
    async ({ signal }) => {
      const arb = fc.tuple(queryArb, fc.oneof(fc.constant({} as SearchOptions), optionsArb as fc.Arbitrary<SearchOptions>));
      const warmUp = { op: 'search' as const, input: { db, query: 'baclofen', options: {} } };
      await withSandbox(settings.timeoutMs, warmUp, signal, (sandbox) =>
        runFuzz('search', settings, arb, async ([query, options]) => {
          const res = await sandbox.run('search', { db, query, options });
          expect(res.ok, res.ok ? '' : `threw ${res.error.className}: ${res.error.message}\n${res.error.stack}`).toBe(true);
          const r = (res as { value: SearchResult }).value;
          expect(r.page.total).toBeGreaterThanOrEqual(0);
          expect(r.page.hits.length).toBeLessThanOrEqual(200);
          expect(r.page.hits.length).toBeLessThanOrEqual(r.page.total);
          // With no filter, the total is exactly what the translated expressions match.
          if (Object.keys(options).every((k) => k === 'limit' || k === 'offset')) {
            const [first = 0, second = 0] = r.counts;
            const expected = r.match !== null ? first : r.exclusion !== null ? letters.length - first : letters.length;
            expect(r.page.total, JSON.stringify({ match: r.match, exclusion: r.exclusion, counts: r.counts })).toBe(Math.min(expected, RESULT_WINDOW));
            if (r.match !== null && r.exclusion !== null) expect(first + second).toBeLessThanOrEqual(letters.length);
          }
        }),
      );
      const store = await openStore({ path: db });
      try {
        expect(await store.determinations.count()).toBe(letters.length);
        await store.determinations.verifyIndex();
      } finally {
        await store.close();
      }
    },
    fuzzTestTimeout(settings, 50),
  );
});
