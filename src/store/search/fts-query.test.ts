import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTextQuery, toFts5Exclusion, toFts5Match } from './fts-query.js';
import { makeDetermination, originalOf, tempStore, template } from '../../../test/store-fixtures.js';

describe('parseTextQuery', () => {
  it('ANDs bare words and keeps quoted phrases', () => {
    const q = parseTextQuery('baclofen "muscle spasm" MTUS');
    expect(q.all.map((c) => c.map((t) => `${t.kind}:${t.text}`))).toEqual([['word:baclofen'], ['phrase:muscle spasm'], ['word:MTUS']]);
    expect(toFts5Match(q)).toBe('"baclofen" AND "muscle spasm" AND "MTUS"');
  });

  it('keeps OR as an operator between neighbours', () => {
    expect(toFts5Match(parseTextQuery('mri OR ct lumbar'))).toBe('("mri" OR "ct") AND "lumbar"');
    expect(toFts5Match(parseTextQuery('a OR b OR c'))).toBe('("a" OR "b" OR "c")');
  });

  it('turns -word, -"phrase" and NOT word into exclusions', () => {
    const q = parseTextQuery('opioid -percocet NOT "urine drug"');
    expect(toFts5Match(q)).toBe('("opioid") NOT ("percocet" OR "urine drug")');
    expect(toFts5Exclusion(q)).toBe('("percocet" OR "urine drug")');
  });

  it('leaves an exclusion-only query without a positive match', () => {
    const q = parseTextQuery('-baclofen');
    expect(toFts5Match(q)).toBeNull();
    expect(toFts5Exclusion(q)).toBe('"baclofen"');
  });

  it('supports a trailing * as a prefix search', () => {
    expect(toFts5Match(parseTextQuery('baclo*'))).toBe('"baclo" *');
  });

  it('takes lower-case or/not and other syntax literally, inside FTS5 strings', () => {
    expect(toFts5Match(parseTextQuery('pain or not'))).toBe('"pain" AND "or" AND "not"');
    expect(toFts5Match(parseTextQuery('summary:baclofen'))).toBe('"summary:baclofen"');
    expect(toFts5Match(parseTextQuery('say "he said ""x'))).toBe('"say" AND "he said" AND "x"');
  });

  it('drops terms with nothing to match and dangling operators', () => {
    for (const q of ['', '   ', '*', '(', ')', '-', 'NOT', 'OR', 'AND', '""', '"', '🙂', '^', ':', 'NOT NOT', '- -']) {
      const parsed = parseTextQuery(q);
      expect(parsed, q).toEqual({ all: [], none: [] });
    }
  });
});

describe('query rendering against a real index (FTS5 or tsquery, by engine)', () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  beforeAll(async () => {
    ctx = await tempStore();
    const dets = [
      makeDetermination({ n: 1, items: [{ template: template('Baclofen 10 mg #90') }] }),
      makeDetermination({ n: 2, items: [{ template: template('Percocet 5/325 #120') }] }),
      makeDetermination({ n: 3, items: [{ template: template('TENS unit') }], summary: "Patient's pain 🙂 is 4/10; café worker" }),
    ];
    await ctx.store.determinations.insertMany(dets.map((d) => ({ determination: d, original: originalOf(d) })));
  });
  afterAll(() => ctx.dispose());

  const nasty = [
    'AND NOT "',
    '"unclosed',
    '*',
    '(',
    ')',
    'NOT',
    '-',
    '--',
    "'; DROP TABLE letters; --",
    '🙂',
    'pain 🙂',
    'a AND NOT "b',
    'NEAR(a b)',
    'col:val',
    '^start',
    'baclofen OR',
    'OR baclofen',
    '-"',
    '"" ""',
    'x\u0000y',
    'café',
    '\\',
    '%_',
    '{case_number}: CM13',
    'a'.repeat(5000),
    Array.from({ length: 200 }, (_, i) => `w${i}`).join(' '),
  ];

  it.each(nasty)('never fails on %j', async (q) => {
    const page = await ctx.store.determinations.search(q);
    expect(page.total).toBeGreaterThanOrEqual(0);
    expect(await ctx.store.db.selectFrom('letters').select('id').execute()).toHaveLength(3);
  });

  it('never fails on arbitrary input (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom(...nasty).chain((s) => fc.string().map((t) => `${s} ${t}`))), async (q) => {
        await ctx.store.determinations.search(q, { limit: 3 });
      }),
      { numRuns: 300 },
    );
  });

  it('matches accented and punctuated words the way the text was indexed', async () => {
    expect((await ctx.store.determinations.search('cafe')).total).toBe(1);
    expect((await ctx.store.determinations.search('"4/10"')).total).toBe(1);
  });
});
