import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DWC_TXT } from '../../test/sample-letters.js';
import { analyzeCaseText } from './case-text.js';
import { factCounts } from './clinical-facts.js';
import { CONCEPTS } from './findings.js';

/** The clinical case summary of a bundled letter: the text between its heading and the IMR issues. */
function summaryOf(file: string): string {
  const text = readFileSync(join(DWC_TXT, file), 'utf8');
  const from = text.indexOf('including all medical records:');
  const to = text.indexOf('IMR ISSUES, DECISIONS AND RATIONALES');
  return text.slice(from + 'including all medical records:'.length, to).replace(/\s*\n\s*/g, ' ').trim();
}

const concept = (id: string) => CONCEPTS.find((c) => c.id === id)!;

describe('clinical facts with polarity, kind, region, side and time', () => {
  it('reads "Pregabalin has not been tried" as a drug not taken, not as one in use', () => {
    const t = analyzeCaseText('Neuropathic pain persists. Pregabalin has not been tried. Gabapentin caused dizziness.');
    const pregabalin = t.drugs.find((d) => d.generic.includes('pregabalin'))!;
    expect(pregabalin.polarity).toBe('negated');
    expect(t.drugs.find((d) => d.generic.includes('gabapentin'))!.polarity).toBe('affirmed');
  });

  it('judges an imaging finding at the finding: "MRI ... without recurrent herniation" documents no herniation', () => {
    const text = 'MRI of the lumbar spine dated 3/1/2014 showed postoperative changes at L4-5 without recurrent herniation.';
    const t = analyzeCaseText(text);
    const lesions = t.facts('imaging-lesion');
    expect(lesions.map((f) => [f.text, f.polarity, f.kind, f.region])).toEqual([['herniation', 'negated', 'imaging', 'lumbar']]);
    expect(t.findings.get('imaging-lesion').status).toBe('absent');
    expect(t.findings.get('imaging-nerve-compromise').status).toBe('absent');
  });

  it('places a positive shoulder impingement test and its weakness in the shoulder, not the cervical roots (CM16-0213037)', () => {
    const t = analyzeCaseText(summaryOf('CM16-0213037.txt'));
    const deficits = t.facts('neuro-deficit');
    const hawkins = deficits.find((f) => /4\+ over 5/.test(f.text))!;
    expect(hawkins).toMatchObject({ polarity: 'affirmed', kind: 'exam', region: 'shoulder' });
    // "had joint pain, stiffness, muscle aches and weakness" and "concerned about ... weakness": not examination findings.
    const complaints = deficits.filter((f) => f.text === 'weakness');
    expect(complaints.length).toBeGreaterThan(0);
    for (const f of complaints) expect(factCounts(concept('neuro-deficit'), f, { regions: ['cervical'] })).toBe(false);
    expect(factCounts(concept('neuro-deficit'), hawkins, { regions: ['cervical'] })).toBe(false);
    expect(factCounts(concept('neuro-deficit'), hawkins, { regions: ['shoulder'] })).toBe(true);
    expect(t.findings.get('neuro-deficit', { regions: ['cervical'] }).status).toBe('unknown');
  });

  it("never takes UR's own reasons or the request as clinical findings (CM16-0232543)", () => {
    const summary = summaryOf('CM16-0232543.txt');
    const t = analyzeCaseText(summary);
    const ur = t.sentences.findIndex((s) => /prior determination/.test(s.text));
    expect(t.kinds[ur]).toBe('ur-statement');
    const spasm = t.findings.get('muscle-spasm');
    expect(spasm.status).toBe('present');
    expect(spasm.evidence.map((e) => e.text)).toEqual(['The physical examination of the lumbar spine revealed limited range of motion with spasm and guarding.']);
    // The request sentence names x-rays to be taken, not x-rays taken.
    const plan = t.sentences.findIndex((s) => /request authorization for an x-ray/.test(s.text));
    expect(t.kinds[plan]).toBe('plan');
  });

  it('scopes negation: "has not been tried", "without", "no evidence of", "negative for", "denies", "ruled out", "unremarkable", and lists', () => {
    const t = analyzeCaseText(
      'Formal physical therapy has not been tried. He walks without a limp. There is no evidence of muscle spasm, radiculopathy or instability. Review of systems is negative for nausea. He denies depression. A fracture was ruled out. The neurologic examination was unremarkable. There is no fever but positive straight leg raise on the left.',
    );
    const pol = (id: string) => t.facts(id as never).map((f) => f.polarity);
    expect(pol('prior-physical-therapy')).toEqual(['negated']);
    expect(pol('muscle-spasm')).toEqual(['negated']);
    expect(pol('radicular-symptoms')).toEqual(['negated']);
    expect(pol('shoulder-structural')).toEqual(['negated']);
    expect(pol('nausea')).toEqual(['negated']);
    expect(pol('psych-condition')).toEqual(['negated']);
    expect(pol('red-flag')).toEqual(['negated']);
    expect(t.findings.get('objective-deficit').status).toBe('absent');
    // A result word ends a negation's reach only when it is the finding's own result, not inside a negated report.
    const report = analyzeCaseText('There is no documentation that the MRI showed a disc herniation.');
    expect(report.facts('imaging-lesion').map((f) => f.polarity)).toEqual(['negated']);
    const slr = t.facts('radiculopathy-exam')[0]!;
    expect(slr).toMatchObject({ polarity: 'affirmed', region: 'lumbar', side: 'left', kind: 'exam' });
  });

  it('reads plans as hypothetical and later notes as after the request', () => {
    const t = analyzeCaseText('On 5/1/2014 there was palpable spasm of the lumbar paraspinals. The treatment plan includes physical therapy.', { referenceDate: '2014-03-01' });
    expect(t.facts('muscle-spasm')[0]).toMatchObject({ polarity: 'affirmed', time: 'after-request' });
    expect(t.findings.get('muscle-spasm').status).toBe('unknown');
    expect(t.facts('prior-physical-therapy')[0]).toMatchObject({ polarity: 'hypothetical', kind: 'plan', time: 'planned' });
    expect(t.findings.get('prior-physical-therapy').status).toBe('unknown');
  });
});
