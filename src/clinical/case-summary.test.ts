import { describe, expect, it } from 'vitest';
import { analyzeCaseText } from './case-text.js';
import { currentMedications, findDiagnoses, findPainScores } from './case-summary.js';

describe('case summary facts', () => {
  it('reads pain scores in the letters\' forms', () => {
    const text = 'The pain was rated 6-8 on a 10-point scale. Pain 4/10 with medications. Pain was rated 6-9 out of 10 VAS.';
    expect(findPainScores(text).map((p) => p.value)).toEqual([8, 4, 9]);
    for (const p of findPainScores(text)) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('lists diagnoses with offsets, coded names split at semicolons', () => {
    const text = 'A review of the medical records shows the injured worker has diagnosis that include strain of muscle, fascia, and tendon of lower back; other muscle spasm; radiculopathy, cervical region. He was seen again.';
    const d = findDiagnoses(analyzeCaseText(text));
    expect(d.map((x) => x.text)).toEqual(['strain of muscle, fascia, and tendon of lower back', 'other muscle spasm', 'radiculopathy, cervical region']);
    for (const x of d) expect(text.slice(x.start, x.end)).toBe(x.text);
    const plain = findDiagnoses(analyzeCaseText('The current diagnoses include lumbar sprain, cervical strain and right shoulder contusion.'));
    expect(plain.map((x) => x.text)).toEqual(['lumbar sprain', 'cervical strain', 'right shoulder contusion']);
  });

  it('lists the medications taken, not those only requested or denied', () => {
    const t = analyzeCaseText('Current medications include Norco and Naproxen. Utilization review non-certified Baclofen. He denies taking Xanax.');
    expect(currentMedications(t).map((m) => m.generic.join('+'))).toEqual(['hydrocodone+acetaminophen', 'naproxen']);
  });
});
