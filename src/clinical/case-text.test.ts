import { describe, expect, it } from 'vitest';
import { analyzeCaseText, drugHistory } from './case-text.js';
import { findDates } from './dates.js';
import { findDurations } from './durations.js';
import { polarityOf } from './negation.js';
import { splitSentences } from './sentences.js';

const at = (sentence: string, word: string) => {
  const i = sentence.indexOf(word);
  return polarityOf(sentence, i, i + word.length);
};

describe('sentences', () => {
  it('keeps offsets into the original text and does not split decimals, dates or abbreviations', () => {
    const text = 'Dr. Smith saw him on 12.1.16 for pain.  Norco 7.5 mg was given. He denies numbness.\n\nPlan: PT.';
    const s = splitSentences(text);
    expect(s.map((x) => x.text)).toEqual(['Dr. Smith saw him on 12.1.16 for pain.', 'Norco 7.5 mg was given.', 'He denies numbness.', 'Plan: PT.']);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
  });
});

describe('negation and uncertainty', () => {
  it('reads the reviewers\' negations', () => {
    expect(at('There is no documentation of spasticity.', 'spasticity')).toBe('negated');
    expect(at('He denies numbness or tingling.', 'tingling')).toBe('negated');
    expect(at('Muscle spasm was not noted on examination.', 'spasm')).toBe('negated');
    expect(at('No documentation of red flags, neurologic deficit, failed conservative care or fracture.', 'fracture')).toBe('negated');
  });
  it('keeps affirmed findings after a clause break', () => {
    expect(at('No fever but positive straight leg raise on the right.', 'positive straight leg raise')).toBe('affirmed');
    expect(at('There was palpable spasm of the paraspinals.', 'spasm')).toBe('affirmed');
  });
  it('reads possibilities as uncertain, plans and requests as hypothetical', () => {
    expect(at('MRI to rule out herniated nucleus pulposus.', 'herniated')).toBe('uncertain');
    expect(at('Spurling test is questionable on the left.', 'Spurling')).toBe('uncertain');
    expect(at('The treatment plan included an MRI, physical therapy and acupuncture.', 'acupuncture')).toBe('hypothetical');
    expect(at('Physical therapy was requested.', 'Physical therapy')).toBe('hypothetical');
  });
});

describe('dates and durations', () => {
  it('reads US, month-only and spelled dates, and stated durations', () => {
    expect(findDates('since 12/2013, seen 11-23-16 and on January 5, 2017', { monthOnly: true }).map((d) => d.iso)).toEqual(['2013-12-01', '2016-11-23', '2017-01-05']);
    expect(findDurations('for at least 3 months').map((d) => d.days)).toEqual([90]);
  });
  it('finds how long a drug has been used before the request', () => {
    const t = analyzeCaseText('The injured worker has been prescribed Zanaflex since 12/2013. Baclofen was started.');
    const h = drugHistory(t, ['tizanidine'], '2014-06-01');
    expect(h.inUse).toBe(true);
    expect(h.since).toBe('2013-12-01');
    expect(h.daysOfUse).toBe(182);
  });
});

describe('clinical findings', () => {
  it('documents a finding with its sentence, and its absence from a negated mention', () => {
    const text = 'Objective findings included palpable spasm of the cervical muscles. There is no evidence of radiculopathy. Sensation is intact.';
    const t = analyzeCaseText(text);
    const spasm = t.findings.get('muscle-spasm')!;
    expect(spasm.status).toBe('present');
    expect(text.slice(spasm.evidence[0]!.start, spasm.evidence[0]!.end)).toBe('Objective findings included palpable spasm of the cervical muscles.');
    expect(t.findings.get('neuro-deficit')!.status).toBe('absent');
    expect(t.findings.get('spasticity-ms-sci')!.status).toBe('unknown');
  });
  it('reads conservative care with persisting complaints as failed conservative care', () => {
    const t = analyzeCaseText('Treatment included physical therapy and medication. Currently, he complained of persistent right shoulder pain.');
    expect(t.findings.get('failed-conservative-care')!.status).toBe('present');
    const helped = analyzeCaseText('Treatment included physical therapy. Therapy is helping with pain. He has persistent pain.');
    expect(helped.findings.get('failed-conservative-care')!.status).toBe('unknown');
    expect(helped.findings.get('therapy-benefit')!.status).toBe('present');
  });
  it('does not take the dispute itself (UR\'s action on the request) as a fact', () => {
    const t = analyzeCaseText('Utilization review non-certified the request for physical therapy.');
    expect(t.findings.get('prior-physical-therapy')!.status).toBe('unknown');
  });
});
