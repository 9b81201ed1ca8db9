/**
 * Fuzzing treatment normalisation and the medication/sig parser with real
 * request lines (mutated), synthetic prescriptions with extreme numbers, and
 * random text: nothing throws, no input exceeds the time bound, and every
 * result is a schema-valid treatment whose numbers are finite and in range.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MedicationTreatment, ProcedureTreatment, Treatment } from '../../domain/index.js';
import { parseLetterText } from '../../letters/index.js';
import { fuzzSettings, fuzzTestTimeout, runFuzz } from '../../../test/fuzz/config.js';
import { KEYWORDS, realLetterTexts } from '../../../test/fuzz/letter-mutations.js';
import { withSandbox, type SandboxResponse } from '../../../test/fuzz/sandbox.js';

/** The request lines of the real letters. */
const REQUESTS = realLetterTexts().flatMap((l) => parseLetterText(l.text, l.name).items.map((i) => i.request));

const DRUGS = ['Norco', 'Percocet 5/325', 'baclofen', 'Lidoderm 5% patch', 'Flurbiprofen 20%/Baclofen 5%/Lidocaine 4% cream', 'Tylenol #3', 'Xanax', 'omeprazole', 'Zanaflex', 'Deprizine 15mg/ml', 'Xyzzy'];
const SIGS = ['TID', 'q8h', 'q0h', 'every 0.0001 hours', 'q 4-6 hrs', 'twice daily', '1.5 times a day', '99999999999999999999 times per day', 'qhs', 'b.i.d.', 'daily', 'every day at bedtime'];

/** A number as a prescription might (mis)write it: huge, tiny, many digits, zero, decimal, a word. */
const numberText = fc.oneof(
  fc.nat({ max: 1000 }).map(String),
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((n) => String(Math.round(n * 1000) / 1000)),
  fc.integer({ min: 20, max: 400 }).map((n) => '9'.repeat(n)),
  fc.constantFrom('0', '0.0', '00', '1.5', '.5', '1e400', 'one', 'twenty-four', 'thirty', '1,000', '-3'),
);

const synthetic = fc
  .record({
    drug: fc.constantFrom(...DRUGS),
    strength: numberText,
    unit: fc.constantFrom('mg', 'mcg', 'milligrams', '%', 'ml', 'g', ''),
    sig: fc.constantFrom(...SIGS),
    quantity: numberText,
    refills: numberText,
    sessions: numberText,
    extra: fc.constantFrom('', 'x 2 refills', 'DOS: 11/14/16', 'retro', 'bilateral L4-5 L5-S1', '2 times a week for 6 weeks', 'sessions: 99999999999999999999999', '(60 mins)'),
  })
  .map((r) => `${r.drug} ${r.strength}${r.unit} ${r.sig} #${r.quantity} with ${r.refills} refills ${r.sessions} visits ${r.extra}`);

const mutatedReal = fc
  .record({
    request: fc.constantFrom(...REQUESTS),
    at: fc.nat(),
    insert: fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom(...SIGS, ...KEYWORDS), numberText),
    cut: fc.nat({ max: 20 }),
  })
  .map(({ request, at, insert, cut }) => {
    const p = at % (request.length + 1);
    return request.slice(0, p) + insert + request.slice(p + cut);
  });

const requestArb = fc.oneof(
  { weight: 3, arbitrary: mutatedReal },
  { weight: 3, arbitrary: synthetic },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 100 }) },
  // Long runs of the characters the sig and strength patterns repeat over.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('1', '1 ', '1/', '1-', '1.', 'q', '#', ' x', 'mg', '5/325 ', 'L4-', 'times '), fc.integer({ min: 100, max: 20_000 })).map(([s, n]) => s.repeat(n)) },
);

function finite(n: number | null | undefined): boolean {
  return n === null || n === undefined || Number.isFinite(n);
}

function expectTreatments(res: SandboxResponse): void {
  expect(res.ok, res.ok ? '' : `threw ${res.error.className}: ${res.error.message}\n${res.error.stack}`).toBe(true);
  const v = (res as { value: { treatment: unknown; medication: unknown; procedure: unknown; dosesPerDay: number | null; strengthsMg: number[] } }).value;
  for (const [schema, value] of [
    [Treatment, v.treatment],
    [MedicationTreatment, v.medication],
    [ProcedureTreatment, v.procedure],
  ] as const) {
    const parsed = schema.safeParse(value);
    expect(parsed.success, parsed.success ? '' : `${JSON.stringify(value)}: ${JSON.stringify(parsed.error.issues)}`).toBe(true);
  }
  const med = v.medication as MedicationTreatment;
  expect(med.strengthMg.every((n) => Number.isFinite(n) && n >= 0), JSON.stringify(med)).toBe(true);
  expect(finite(med.quantity) && (med.quantity ?? 0) >= 0, JSON.stringify(med)).toBe(true);
  expect(med.refills === null || (Number.isSafeInteger(med.refills) && med.refills >= 0), JSON.stringify(med)).toBe(true);
  expect(med.dosesPerDay === null || (Number.isFinite(med.dosesPerDay) && med.dosesPerDay > 0), JSON.stringify(med)).toBe(true);
  expect((med.strengthPercent ?? []).every((n) => Number.isFinite(n) && n >= 0), JSON.stringify(med)).toBe(true);
  expect(med.generic.every((g) => g.length > 0 && g === g.toLowerCase()), JSON.stringify(med)).toBe(true);
  const proc = v.procedure as ProcedureTreatment;
  expect(proc.sessions === null || proc.sessions === undefined || (Number.isFinite(proc.sessions) && proc.sessions >= 0), JSON.stringify(proc)).toBe(true);
  expect(proc.name.length).toBeLessThanOrEqual(200);
  expect(v.dosesPerDay === null || (Number.isFinite(v.dosesPerDay) && v.dosesPerDay > 0)).toBe(true);
  expect(v.strengthsMg.every((n) => Number.isFinite(n))).toBe(true);
}

describe('treatment normalisation fuzzing', () => {
  const settings = fuzzSettings('treatments', 600);

  it(
    'real requests mutated, synthetic prescriptions with extreme numbers and random text give valid treatments, never an exception, each within the time bound',
    async ({ signal }) => {
      await withSandbox(settings.timeoutMs, { op: 'treatment', input: 'Norco 10/325 #60' }, signal, (sandbox) =>
        runFuzz('treatments', settings, requestArb, async (request) => {
          expectTreatments(await sandbox.run('treatment', request));
        }),
      );
    },
    fuzzTestTimeout(settings, 20),
  );
});
