/**
 * Fuzzing the redaction with the real letters' summaries, mutated, with
 * identifiers and hostile fragments inserted, blown up to hundreds of
 * kilobytes, and with random text and random party names: nothing throws,
 * no input exceeds the time bound (a pattern that backtracks badly would),
 * every removal reports exactly the text it removed, in order and without
 * overlap, the output is the input with those spans replaced, and an
 * identifier inserted between sentences is never left in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzSettings, fuzzTestTimeout, runFuzz } from '../../../test/fuzz/config.js';
import { realLetterTexts } from '../../../test/fuzz/letter-mutations.js';
import { withSandbox } from '../../../test/fuzz/sandbox.js';
import type { KnownParties, RedactionResult } from './redact.js';

/** The real letters cut into paragraphs (the redaction runs on each field's text). */
const PARAGRAPHS = realLetterTexts()
  .flatMap(({ text }) => text.split(/\n\s*\n/))
  .filter((p) => p.length > 40);

/** Fragments that start identifier patterns and may fail to finish them. */
const HOSTILE = ['Dr. ', 'Ms. ', 'husband ', 'seen by ', 'DOB: ', 'MRN: ', 'claim # ', 'SSN ', 'phone ', '1234 ', 'N. ', 'Suite ', ', CA ', '9', '-', '@', '.', "O'", 'Inc.', 'Medical Group ', 'Clinic ', '  ', '\n', 'ñ', '\u0301', 'ADJ', 'x', 'A'];

/** Identifiers with a shape of their own: an SSN, an email, a phone number; each must go whatever surrounds it with a sentence break. */
const shaped = fc.oneof(
  fc.tuple(fc.integer({ min: 100, max: 899 }), fc.integer({ min: 10, max: 99 }), fc.integer({ min: 1000, max: 9999 })).map(([a, b, c]) => `${a}-${b}-${c}`),
  fc.tuple(fc.stringMatching(/^[a-z]{2,10}$/), fc.stringMatching(/^[a-z]{2,10}$/)).map(([u, d]) => `${u}@${d}.com`),
  fc.tuple(fc.integer({ min: 200, max: 999 }), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 1000, max: 9999 })).map(([a, b, c]) => `(${a}) ${b}-${c}`),
);

const textArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ p: fc.constantFrom(...PARAGRAPHS), at: fc.nat(), insert: fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 20 })), cut: fc.nat({ max: 20 }) }).map(({ p, at, insert, cut }) => {
    const i = at % (p.length + 1);
    return p.slice(0, i) + insert + p.slice(i + cut);
  }) },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...PARAGRAPHS), fc.constantFrom(...HOSTILE)), { minLength: 1, maxLength: 20 }).map((ps) => ps.join('')) },
  // Huge: one fragment or paragraph many times over, up to about 500 KB.
  { weight: 1, arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...PARAGRAPHS), fc.constantFrom(...HOSTILE)), fc.integer({ min: 100, max: 50_000 })).map(([p, n]) => p.repeat(Math.min(n, Math.floor(500_000 / p.length)))) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) },
);

const partiesArb: fc.Arbitrary<KnownParties> = fc.record({
  worker: fc.array(fc.oneof(fc.constantFrom('María Lopez-Hernandez', "Sean O'Neil", 'Tran Ng', 'A B'), fc.string({ maxLength: 30 })), { maxLength: 2 }),
  employers: fc.array(fc.oneof(fc.constantFrom('Sunrise Packaging Company', 'Acme, Inc.'), fc.string({ maxLength: 30 })), { maxLength: 2 }),
  datesOfBirth: fc.array(fc.constantFrom('1961-03-14', '2000-02-29', 'not a date'), { maxLength: 1 }),
  claimNumbers: fc.array(fc.string({ maxLength: 12 }), { maxLength: 1 }),
});

describe('redaction fuzzing', () => {
  const settings = fuzzSettings('redaction', 200);

  it('has the real paragraphs to start from', () => {
    expect(PARAGRAPHS.length).toBeGreaterThan(500);
  });

  it(
    'mutated, repeated and random text with random parties: no exception, each within the time bound, removals consistent, shaped identifiers never left in',
    async ({ signal }) => {
      await withSandbox(settings.timeoutMs, { op: 'redaction', input: { text: PARAGRAPHS[0], parties: {} } }, signal, (sandbox) =>
        runFuzz('redaction', settings, fc.tuple(textArb, partiesArb, shaped, fc.nat()), async ([base, parties, id, at]) => {
          // The identifier goes in between two sentences.
          const i = at % (base.length + 1);
          const text = `${base.slice(0, i)}. ${id}. ${base.slice(i)}`;
          const res = await sandbox.run('redaction', { text, parties });
          expect(res.ok, res.ok ? '' : `threw ${res.error.className}: ${res.error.message}\n${res.error.stack}`).toBe(true);
          const { text: out, report } = (res as { value: RedactionResult }).value;
          let rebuilt = '';
          let at0 = 0;
          for (const r of report) {
            expect(r.start).toBeGreaterThanOrEqual(at0);
            expect(r.end).toBeGreaterThan(r.start);
            expect(text.slice(r.start, r.end)).toBe(r.original);
            rebuilt += text.slice(at0, r.start) + r.replacement;
            at0 = r.end;
          }
          expect(out).toBe(rebuilt + text.slice(at0));
          expect(out, `left in: ${id}`).not.toContain(id);
        }),
      );
    },
    fuzzTestTimeout(settings, 60),
  );
});
