import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseFile } from '../domain/index.js';
import { ItemAssessment } from '../domain/index.js';
import { parseLetterText } from '../letters/index.js';
import { DWC_TXT, SAMPLE_LETTERS } from '../../test/sample-letters.js';
import { GUIDELINE_ENTRIES } from '../guidelines/index.js';
import { assessCase, caseFileFromDetermination } from './index.js';

function letter(file: string) {
  const d = parseLetterText(readFileSync(join(DWC_TXT, file), 'utf8'), file);
  return { d, a: assessCase(caseFileFromDetermination(d)) };
}

function caseOf(summary: string, requests: string[], extra: Partial<CaseFile> = {}): CaseFile {
  return {
    patient: { age: 50, sex: 'male' },
    injuryDates: ['2013-01-01'],
    urDenialDate: '2014-06-01',
    clinicalSummary: summary,
    documents: [],
    facts: {},
    items: requests.map((request, i) => ({ index: i + 1, request, claimsAdministratorGuidelines: [] })),
    ...extra,
  };
}

describe('case structure', () => {
  it('judges the remainder of a modified therapy request beyond the authorised trial (CM16-0241231: 3 of 9 sessions)', () => {
    const { d, a } = letter('CM16-0241231.txt');
    const item = a.items[0]!;
    expect(ItemAssessment.parse(item).structure).toMatchObject({ urAction: 'modified', remainder: true, beyondAuthorizedTrial: true });
    const trial = item.criteria.find((c) => c.id.endsWith('.trial-results'))!;
    expect(trial.status).not.toBe('met');
    expect(item.decision).toBe('upheld');
    expect(d.items[0]!.decision).toBe('upheld');
  });

  it('ties associated surgical services to the surgery in dispute (CM17-0014449)', () => {
    const { a } = letter('CM17-0014449.txt');
    const services = a.items.filter((i) => /associated surgical service|assistant surgeon|post-op/i.test(i.request));
    expect(services.length).toBeGreaterThan(5);
    for (const s of services) expect(s.structure).toMatchObject({ dependsOn: 'surgery', parentStatus: 'in-dispute' });
    const surgery = a.items.find((i) => i.structure!.dependsOn === 'none' && i.treatment.category === 'surgery')!;
    for (const s of services) expect(s.structure!.parentDecision).toBe(surgery.decision);
  });

  it('recognises a second muscle relaxant while another is in use (CM16-0247802, orphenadrine after cyclobenzaprine)', () => {
    const { a } = letter('CM16-0247802.txt');
    const orphenadrine = a.items.find((i) => /orphenadrine/i.test(i.request))!;
    expect(orphenadrine.structure!.sameClassInUse).toBe(true);
    const same = orphenadrine.criteria.find((c) => c.id.endsWith('.same-class'))!;
    expect(same.status).toBe('not-met');
    expect(same.evidence[0]!.text).toMatch(/cyclobenzaprine/i);
  });

  it('does not count a drug stopped and replaced by the one requested as a second drug of its class (sample letter 003)', () => {
    const d = parseLetterText(readFileSync(join(SAMPLE_LETTERS, '003_5d6bfc625fff5977.txt'), 'utf8'), '003');
    const baclofen = assessCase(caseFileFromDetermination(d)).items.find((i) => /baclofen/i.test(i.request))!;
    // "Because of an adequate pain relief, the Vicodin and Flexeril were discontinued. In its place, ... baclofen ... were prescribed."
    expect(baclofen.structure!.sameClassInUse).toBe(false);
    expect(baclofen.criteria.some((c) => c.id.endsWith('.same-class'))).toBe(false);
  });

  it('recognises a repeat study of a region already imaged and asks for a change since (CM17-0011703)', () => {
    const { a } = letter('CM17-0011703.txt');
    const xray = a.items.find((i) => /lumbar spine x-rays/i.test(i.request))!;
    expect(xray.structure!.repeatImaging).toBe(true);
    expect(xray.criteria.some((c) => c.id.endsWith('.repeat-change'))).toBe(true);
  });

  it('makes supplies follow the device they serve, and flags a duplicate request', () => {
    const summary = 'He has chronic low back pain. A one-month TENS trial was documented with 50% pain relief and improved sitting tolerance.';
    const a = assessCase(caseOf(summary, ['TENS unit purchase', 'TENS unit supplies (electrodes) for 3 months', 'TENS unit purchase']));
    const [unit, supplies, again] = a.items;
    expect(supplies!.structure).toMatchObject({ dependsOn: 'item', parentStatus: 'in-dispute', parentDecision: unit!.decision });
    expect(supplies!.decision).toBe(unit!.decision);
    expect(supplies!.criteria[0]!.description).toMatch(/TENS unit purchase it serves/);
    expect(again!.structure!.duplicate).toBe(true);
    expect(unit!.structure!.duplicate).toBe(false);
  });

  it('makes a stomach protector requested with an NSAID need that NSAID, on top of its own criteria', () => {
    const summary = 'She has taken naproxen for a year with no documented benefit and reports dyspepsia and epigastric pain with it.';
    const [nsaid, ppi] = assessCase(caseOf(summary, ['Naproxen 550 mg #60', 'Omeprazole 20 mg #30'])).items;
    expect(nsaid!.decision).toBe('upheld');
    expect(ppi!.structure).toMatchObject({ dependsOn: 'item', parentStatus: 'in-dispute', parentDecision: 'upheld' });
    const need = ppi!.criteria.find((c) => c.id.endsWith('.parent-supported'))!;
    expect(need.status).toBe('not-met');
    expect(need.evidence[0]!.text).toBe('Naproxen 550 mg #60');
    expect(ppi!.criteria.find((c) => c.id.endsWith('.gi-risk'))!.status).toBe('met');
    expect(ppi!.decision).toBe('upheld');
    const alone = assessCase(caseOf(summary, ['Omeprazole 20 mg #30'])).items[0]!;
    expect(alone.structure!.dependsOn).toBe('none');
    expect(alone.decision).toBe('overturned');
  });

  it('judges a spinal cord stimulator trial under the MTUS stimulator criteria, never as spine surgery', () => {
    const summary = 'Status post L4-5 fusion with persistent radicular pain down the left leg. MRI showed no recurrent stenosis. He failed physical therapy and injections.';
    const [scs] = assessCase(caseOf(summary, ['Spinal cord stimulator trial'])).items;
    expect(scs!.guidelineEntryId).toBe('spinal-cord-stimulator');
    expect(scs!.guideline!.sections).toContain('Spinal cord stimulators (SCS)');
    expect(scs!.criteria.map((c) => c.id.split('.')[1])).toEqual(['indication', 'failed-conservative', 'psych-evaluation', 'trial', 'trial-success']);
    expect(scs!.criteria.find((c) => c.id.endsWith('.indication'))!.status).toBe('met');
    // No psychological evaluation is documented: the trial waits for it.
    expect(scs!.criteria.find((c) => c.id.endsWith('.psych-evaluation'))!.status).toBe('not-documented');
    expect(scs!.decision).toBe('upheld');
    const cleared = assessCase(caseOf(`${summary} A psychological evaluation on 3/1/2014 cleared him for the trial.`, ['Spinal cord stimulator trial'])).items[0]!;
    expect(cleared.decision).toBe('overturned');
  });

  it('flags a treatment no entry covers, with the reason, rather than judging it under a neighbour', () => {
    const no = assessCase(caseOf('Chronic low back pain after a fall.', ['Spinal cord stimulator trial']), { entries: GUIDELINE_ENTRIES.filter((e) => e.id !== 'spinal-cord-stimulator') }).items[0]!;
    expect(no.flagged).toBe(true);
    expect(no.decision).toBeNull();
    expect(no.flagReason).toMatch(/no guideline entry covers "spinal cord stimulator"/);
  });

  it('says so when the request falls under a guideline version the knowledge base does not hold', () => {
    const summary = 'She has low back pain with muscle spasm on examination.';
    const a = assessCase(caseOf(summary, ['Cyclobenzaprine 7.5 mg #30', 'Physical therapy 6 sessions for the lumbar spine'], { urDenialDate: '2018-03-01' }));
    for (const item of a.items) {
      expect(item.flagged).toBe(true);
      expect(item.structure!.guidelineVersionMissing).toBe(true);
      expect(item.flagReason).toMatch(/guideline version not held/);
    }
    expect(a.items[0]!.flagReason).toMatch(/Drug Formulary/);
    expect(a.items[1]!.rationale).toMatch(/ACOEM-based MTUS in force from December 1, 2017/);
    const before = assessCase(caseOf(summary, ['Cyclobenzaprine 7.5 mg #30'], { urDenialDate: '2017-11-15' }));
    expect(before.items[0]!.flagged).toBe(false);
  });

  it('lets post-operative care follow a surgery already done, and not one that is only planned', () => {
    const done = 'She underwent right carpal tunnel release on 4/2/2014. She has stiffness of the wrist.';
    const [pt] = assessCase(caseOf(done, ['Post-operative occupational therapy 8 sessions for the right wrist'])).items;
    expect(pt!.structure).toMatchObject({ dependsOn: 'surgery', parentStatus: 'done', parentDecision: null });
    expect(pt!.criteria.find((c) => c.id.endsWith('.surgery-supported'))!.status).toBe('met');
    const planned = 'The treatment plan includes a right carpal tunnel release. She has numbness of the fingers.';
    const [later] = assessCase(caseOf(planned, ['Post-operative occupational therapy 8 sessions for the right wrist'])).items;
    expect(later!.structure!.parentStatus).toBe('unknown');
    expect(later!.criteria.find((c) => c.id.endsWith('.surgery-supported'))!.status).not.toBe('met');
  });

  it("counts a body-part finding only for the request's side", () => {
    const summary = 'Left knee pain for three months despite physical therapy and a home exercise program. McMurray test is positive on the left with medial joint line tenderness.';
    const [left] = assessCase(caseOf(summary, ['MRI of the left knee'])).items;
    const [right] = assessCase(caseOf(summary, ['MRI of the right knee'])).items;
    expect(left!.criteria.find((c) => c.id.endsWith('.derangement'))!.status).toBe('met');
    expect(right!.criteria.find((c) => c.id.endsWith('.derangement'))!.status).toBe('not-documented');
  });
});
