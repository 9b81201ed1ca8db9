import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Treatment } from '../../domain/index.js';
import { DWC_TXT, sampleLetters } from '../../../test/sample-letters.js';
import { dosesPerDay } from './medication.js';
import { sessions, spinalLevels } from './procedure.js';
import { normalizeTreatment } from './treatment.js';
import { withSandbox } from '../../../test/fuzz/sandbox.js';

/** Every item line of the real letters ("<request>: Upheld"), read straight from the files. */
function realRequests(): string[] {
  const files = [...sampleLetters().map((s) => s.path), ...readdirSync(DWC_TXT).map((f) => join(DWC_TXT, f))];
  return files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split(/\r?\n/)
      .map((l) => /^(?:#+\s*)?\**([^:*][^*]*?)\s*:\s*(?:Upheld|Overturned)\**\s*$/.exec(l.trim())?.[1])
      .filter((r): r is string => !!r && r.length > 3 && !/\bis$/.test(r)),
  );
}

/** All real letter text with whitespace runs collapsed, so requests wrapped over lines are found too. */
function realText(): string {
  const files = [...sampleLetters().map((s) => s.path), ...readdirSync(DWC_TXT).map((f) => join(DWC_TXT, f))];
  return files.map((f) => readFileSync(f, 'utf8').replace(/\s+/g, ' ')).join('\n');
}

describe('normalizing the expected treatments of the sample letters', () => {
  for (const { expected } of sampleLetters()) {
    for (const item of expected.items) {
      it(item.request, () => expect(normalizeTreatment(item.request)).toMatchObject(item.treatment));
    }
  }
});

describe('normalizing every real request line', () => {
  const requests = realRequests();
  it('finds the request lines', () => expect(requests.length).toBeGreaterThan(120));

  it('gives a schema-valid treatment with a category for every one', () => {
    for (const r of requests) {
      const t = normalizeTreatment(r);
      expect(Treatment.safeParse(t).success, r).toBe(true);
    }
    const other = requests.filter((r) => normalizeTreatment(r).category === 'other');
    // Almost every real request is recognised.
    expect(other.length / requests.length).toBeLessThan(0.05);
  });

  it('recognises every MRI, CT and x-ray as imaging with its body part', () => {
    const imaging = requests.filter((r) => /\bMRI\b|\bCT\b|x-ray/i.test(r));
    expect(imaging.length).toBeGreaterThan(25);
    for (const r of imaging) {
      const t = normalizeTreatment(r);
      expect(t.category, r).toBe('imaging');
      if (t.kind === 'procedure' && !/chest/i.test(r)) expect(t.bodyParts?.length, r).toBeGreaterThan(0);
    }
  });

  it('maps brands to generics and reads strengths and quantities', () => {
    const cases: [string, string[], number[], number | null][] = [
      ['Norco 5/325mg oral tablet, one tablet twice daily 14 days #40', ['hydrocodone', 'acetaminophen'], [5, 325], 40],
      ['Motrin 600mg #40', ['ibuprofen'], [600], 40],
      ['Norflex 100mg #60', ['orphenadrine'], [100], 60],
      ['Orphenadrine Citrate ER 100mg tabs #30', ['orphenadrine'], [100], 30],
      ['Pepcid 20mg', ['famotidine'], [20], null],
      ['Retrospective Cyclobenzaprine 5mg tab #30 DOS: 11/14/16', ['cyclobenzaprine'], [5], 30],
      ['Retrospective Famotidine 20mg #60, per 12/07/2016 order', ['famotidine'], [20], 60],
    ];
    for (const [r, generic, mg, qty] of cases) {
      expect(requests, r).toContain(r);
      expect(normalizeTreatment(r)).toMatchObject({ kind: 'medication', generic, strengthMg: mg, quantity: qty });
    }
    expect(normalizeTreatment('Retrospective Cyclobenzaprine 5mg tab #30 DOS: 11/14/16')).toMatchObject({ retrospective: true });
    expect(normalizeTreatment('Pantoprazole 40mg, one by mouth, twice a day #60 with one refill')).toMatchObject({ drugClass: 'ppi', dosesPerDay: 2, refills: 1, quantity: 60 });
    expect(normalizeTreatment('Post-op Zofran')).toMatchObject({ generic: ['ondansetron'], drugClass: 'antiemetic' });
  });

  it('treats a cream of several ingredients as compounded, keeping every ingredient', () => {
    // Wrapped over two lines in the letter, so written out here as the parser joins it.
    expect(normalizeTreatment('One container of Flurbiprofen 10%, Cyclobenzaprine 3%, Gabapentin 6%, Lidocaine 5%/Dextromethorphan')).toMatchObject({
      generic: ['flurbiprofen', 'cyclobenzaprine', 'gabapentin', 'lidocaine', 'dextromethorphan'],
      drugClass: 'compounded',
      strengthPercent: [10, 3, 6, 5],
    });
  });

  it('counts sessions and visits the way they are written', () => {
    const text = realText();
    const cases: [string, number][] = [
      ['Physical therapy 2-3 times a week for 6 weeks', 18],
      ['Four sessions of physical therapy two times a week times 2 weeks', 4],
      ['Associated surgical service: Physical therapy, times 12', 12],
      ['Chiropractic therapy sessions for the cervical spine, #2', 2],
      ['Initial acupuncture, 1 to 2 times per week for 4 weeks, for the neck', 8],
      ['Twelve manual acupuncture visits (15 mins), 2 times weekly for 6 weeks', 12],
      ['Post-op physical therapy 12-18 sessions', 18],
      ['Occupational therapy for six sessions', 6],
    ];
    for (const [r, n] of cases) {
      expect(text.includes(r), r).toBe(true);
      expect(normalizeTreatment(r), r).toMatchObject({ kind: 'procedure', category: 'physical-medicine', sessions: n });
    }
    expect(normalizeTreatment('Physical exam 2 times 8')).toMatchObject({ category: 'evaluation', name: 'office visit', sessions: 16 });
  });

  it('reads injections with laterality and spinal levels', () => {
    expect(normalizeTreatment('Right L4 transforaminal epidural steroid injection under fluoroscopic guidance')).toMatchObject({
      category: 'injection', name: 'epidural steroid injection', laterality: 'right', levels: ['L4'],
    });
    expect(spinalLevels('L4-5 and L5-S1')).toEqual(['L4-L5', 'L5-S1']);
    expect(spinalLevels('C5-6, C6-7')).toEqual(['C5-C6', 'C6-C7']);
  });

  it('reads the service behind "Associated surgical service:"', () => {
    expect(normalizeTreatment('Associated surgical service: Cold therapy for one week')).toMatchObject({ category: 'dme', name: 'cold therapy unit' });
    expect(normalizeTreatment('Associated surgical service: EKG')).toMatchObject({ category: 'diagnostic', name: 'ekg' });
    expect(normalizeTreatment('Spine surgery evaluation for the lumbar')).toMatchObject({ category: 'evaluation' });
  });
});

describe('sig and count helpers', () => {
  it('reads doses per day', () => {
    expect(dosesPerDay('1 tab TID')).toBe(3);
    expect(dosesPerDay('q8h prn')).toBe(3);
    expect(dosesPerDay('every 6 hours')).toBe(4);
    expect(dosesPerDay('at bedtime')).toBe(1);
    expect(dosesPerDay('QID')).toBe(4);
    expect(dosesPerDay('as needed')).toBeNull();
  });
  it('returns null when no count is written', () => expect(sessions('Physical therapy for the knee')).toBeNull());
});

describe('hostile input', () => {
  it('never throws and stays fast on junk, empty and huge strings', () => {
    const junk = ['', ' ', '#', '###', '5/5/5/5/5/5', 'mg mg mg', '\u0000\u0001', '😀 Norco 😀', 'x'.repeat(100_000), '1 '.repeat(50_000), 'L1-'.repeat(10_000), '#9'.repeat(20_000)];
    for (const j of junk) {
      const t0 = performance.now();
      const t = normalizeTreatment(j);
      expect(Treatment.safeParse(t).success).toBe(true);
      expect(performance.now() - t0).toBeLessThan(1000);
    }
    expect(normalizeTreatment(undefined as unknown as string).category).toBe('other');
  });
});

// Found by the treatment fuzzer (src/clinical/treatments/treatment.fuzz.test.ts).
describe('numbers no prescription means', () => {
  it('leaves out counts that are not sensible instead of making the treatment invalid', () => {
    const t = normalizeTreatment(`Norco 10/325mg #${'9'.repeat(400)} with 1.5 refills, ${'9'.repeat(400)} mg`);
    expect(Treatment.safeParse(t).success).toBe(true);
    expect(t).toMatchObject({ generic: ['hydrocodone', 'acetaminophen'], strengthMg: [10, 325], quantity: null, refills: null });
    const huge = normalizeTreatment(`Norco 5/325 #60 with 99999999999999999999 refills`);
    expect(huge).toMatchObject({ quantity: 60, refills: null });
    const patch = normalizeTreatment(`Lidoderm ${'9'.repeat(400)}% patch`);
    expect(Treatment.safeParse(patch).success).toBe(true);
    expect(patch).not.toHaveProperty('strengthPercent');
    expect(normalizeTreatment('Norco 10/325 0 times a day #60')).toMatchObject({ dosesPerDay: null, quantity: 60 });
    const therapy = normalizeTreatment(`Physical therapy ${'9'.repeat(400)} x ${'9'.repeat(400)} weeks`);
    expect(Treatment.safeParse(therapy).success).toBe(true);
    expect(therapy).toMatchObject({ name: 'physical therapy', sessions: null });
  });

  it('keeps the counts a prescription does mean', () => {
    expect(normalizeTreatment('Norco 10/325 #120 with 2 refills')).toMatchObject({ quantity: 120, refills: 2 });
    expect(normalizeTreatment('Physical therapy 2 times a week for 6 weeks')).toMatchObject({ sessions: 12 });
    expect(dosesPerDay('every 0 hours')).toBeNull();
  });

  it('reads strengths and spinal levels from long runs of digits or levels within the time bound', async ({ signal }) => {
    await withSandbox(10_000, { op: 'treatment', input: 'Norco 10/325 #60' }, signal, async (sandbox) => {
      // The whole-request parsers read at most 2,000 characters; the exported ones take any length.
      for (const text of ['1'.repeat(100_000), `${'1'.repeat(100_000)}mg`, '1.'.repeat(50_000), 'L4-'.repeat(50_000)]) {
        const res = await sandbox.run('treatment', text);
        expect(res.ok, text.slice(0, 10)).toBe(true);
      }
    });
    expect(spinalLevels('L4-5 L5 S1 C5-6 T12')).toEqual(['L4-L5', 'C5-C6', 'L5', 'S1', 'T12']);
  });
});
