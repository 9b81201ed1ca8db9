import { describe, expect, it } from 'vitest';
import type { CaseFile } from '../domain/index.js';
import { parseLetterFile } from '../letters/index.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DWC_TXT, sampleLetters } from '../../test/sample-letters.js';
import { readFileSync } from 'node:fs';
import { parseLetterText } from '../letters/index.js';

const parseLetterFileSync = (path: string) => parseLetterText(readFileSync(path, 'utf8'), path);
import { assessCase, caseFileFromDetermination, InvalidCaseError } from './index.js';

function caseOf(summary: string, ...requests: string[]): CaseFile {
  return {
    patient: { age: 50, sex: 'female' },
    injuryDates: ['2013-01-01'],
    urDenialDate: '2014-06-01',
    clinicalSummary: summary,
    documents: [],
    facts: {},
    items: requests.map((request, i) => ({ index: i + 1, request, claimsAdministratorGuidelines: [] })),
  };
}

describe('assessCase', () => {
  it('upholds baclofen without spasticity from MS or spinal cord injury, citing MTUS p.64 and the negated sentence', () => {
    const summary = 'The patient has chronic low back pain. There is no documentation of spasticity. Medications include Baclofen.';
    const [item] = assessCase(caseOf(summary, 'Baclofen 10 mg #90')).items;
    expect(item!.decision).toBe('upheld');
    expect(item!.guideline!.document).toBe('Chronic Pain Medical Treatment Guidelines');
    expect(item!.guideline!.pages).toContain(64);
    const ms = item!.criteria.find((c) => c.id === 'baclofen.ms-sci')!;
    expect(ms.status).toBe('not-met');
    const ev = ms.evidence[0]!;
    expect(summary.slice(ev.start, ev.end)).toBe('There is no documentation of spasticity.');
    expect(item!.rationale).toMatch(/Therefore, the request for Baclofen 10 mg #90 is not medically necessary\.$/);
  });

  it('overturns baclofen for spasticity from multiple sclerosis with a stated quantity', () => {
    const [item] = assessCase(caseOf('She has multiple sclerosis with lower extremity spasticity.', 'Baclofen 5 mg #30')).items;
    expect(item!.decision).toBe('overturned');
    expect(item!.rationale).toMatch(/is medically necessary\.$/);
    expect(item!.confidence).toBeGreaterThan(0.5);
  });

  it('flags an item no guideline entry covers instead of guessing', () => {
    const [item] = assessCase(caseOf('Chronic pain.', 'Transportation to appointments'), { entries: [] }).items;
    expect(item!.flagged).toBe(true);
    expect(item!.decision).toBeNull();
    expect(item!.flagReason).toMatch(/no guideline entry/);
  });

  it('decides post-operative services with the surgery of the same case', () => {
    const summary = 'Treatment to date includes physical therapy without improvement. MRI of the left shoulder revealed a labral tear. Examination showed positive apprehension and instability.';
    const a = assessCase(caseOf(summary, 'Left shoulder arthroscopy with labral repair', 'Associated surgical service: Physical therapy, times 12', 'Associated surgical service: Sling'));
    expect(a.items.map((i) => i.decision)).toEqual(['overturned', 'overturned', 'overturned']);
    const denied = assessCase(caseOf('Shoulder pain.', 'Left shoulder arthroscopy with labral repair', 'Associated surgical service: Sling'));
    expect(denied.items.map((i) => i.decision)).toEqual(['upheld', 'upheld']);
  });

  it('lets structured facts override the text', () => {
    const c = { ...caseOf('Chronic low back pain.', 'Baclofen 5 mg #30'), facts: { 'spasticity-ms-sci': true } };
    expect(assessCase(c).items[0]!.decision).toBe('overturned');
  });

  it('holds opioids to the 120 mg morphine-equivalent limit, from the sig or from a structured fact', () => {
    const summary = 'Urine drug screen was consistent. With medications her pain is reduced from 8/10 to 4/10 and she is able to work. Current medications include Norco.';
    const ok = assessCase(caseOf(summary, 'Norco 10/325 mg one tablet every 6 hours #120')).items[0]!;
    expect(ok.decision).toBe('overturned');
    expect(ok.criteria.find((c) => c.id.endsWith('.med'))!.description).toMatch(/documented: 40; limit 120/);
    const high = assessCase({ ...caseOf(summary, 'Norco 10/325 mg #120'), facts: { 'morphine-equivalent-dose': 150 } }).items[0]!;
    expect(high.decision).toBe('upheld');
    expect(high.criteria.find((c) => c.id.endsWith('.med'))!.status).toBe('not-met');
  });

  it('rejects an invalid case with typed issues', () => {
    expect(() => assessCase({ clinicalSummary: 1 } as unknown as CaseFile)).toThrow(InvalidCaseError);
  });

  it('explains every item of the 70 real letters: a cited criterion with a status, or a flag', async () => {
    const paths = [...sampleLetters().map((l) => l.path), ...readdirSync(DWC_TXT).map((f) => join(DWC_TXT, f))];
    expect(paths).toHaveLength(70);
    for (const path of paths) {
      const { determination } = await parseLetterFile(path);
      for (const it of assessCase(caseFileFromDetermination(determination)).items) {
        expect(it.flagged || it.criteria.length > 0).toBe(true);
        expect(it.flagged || /is (?:not )?medically necessary\.$/.test(it.rationale)).toBe(true);
        for (const c of it.criteria) for (const e of c.evidence) if (e.source === 'clinicalSummary') expect(determination.clinicalSummary.slice(e.start, e.end)).toBe(e.text);
      }
    }
  });

  it('takes "Pregabalin has not been tried" as a documented first trial, not as prior use without benefit', () => {
    const summary = 'She has burning neuropathic pain radiating down the left leg. Pregabalin has not been tried.';
    const [item] = assessCase(caseOf(summary, 'Pregabalin 75 mg #60')).items;
    const first = item!.criteria.find((c) => c.id.endsWith('.new-prescription'))!;
    expect(first.status).toBe('met');
    expect(first.evidence[0]!.text).toBe('Pregabalin has not been tried.');
    expect(item!.criteria.filter((c) => c.status === 'not-met').flatMap((c) => c.evidence.map((e) => e.text))).not.toContain('Pregabalin has not been tried.');
    expect(item!.decision).toBe('overturned');
  });

  it('does not offer a positive shoulder impingement test as nerve compromise for a cervical MRI (CM16-0213037)', () => {
    const d = parseLetterFileSync(join(DWC_TXT, 'CM16-0213037.txt'));
    const cervical = assessCase(caseFileFromDetermination(d)).items.find((i) => /cervical/i.test(i.request))!;
    const nerve = cervical.criteria.find((c) => c.id.endsWith('.nerve-compromise'))!;
    expect(nerve.status).toBe('not-documented');
    expect(nerve.evidence).toEqual([]);
    expect(cervical.decision).toBe(d.items.find((i) => /cervical/i.test(i.request))!.decision);
  });

  it('counts "MRI ... without recurrent herniation" as documenting no lesion, never as imaging evidence of one', () => {
    const summary = 'He is status post L4-5 microdiscectomy. MRI of the lumbar spine dated 3/1/2014 showed postoperative changes at L4-5 without recurrent herniation. On examination sensation is decreased in the left L5 dermatome.';
    const [item] = assessCase(caseOf(summary, 'Lumbar laminectomy L4-5')).items;
    const imaging = item!.criteria.find((c) => c.id.endsWith('.imaging'))!;
    expect(imaging.status).toBe('not-met');
    expect(imaging.evidence[0]!.polarity).toBe('negated');
    expect(item!.decision).toBe('upheld');
  });
});
