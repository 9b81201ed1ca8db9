import { describe, expect, it } from 'vitest';
import { parseLetterText } from '../../letters/index.js';
import { realLetterTexts } from '../../../test/sample-letters.js';
import { trainingRows } from '../model/train.js';
import { crossValidate, CV_FOLDS, CV_SEEDS } from './cross-validation.js';
import { rocAuc } from './probability-metrics.js';

const letters = realLetterTexts().map(({ name, text }) => ({ source: name, determination: parseLetterText(text, name) }));
const texts = new Map(letters.map((l) => [l.determination.caseNumber ?? l.source, l.determination.clinicalSummary]));
const items = trainingRows(letters).map((r) => ({ ...r, text: texts.get(r.group) ?? '' }));

describe('letter-grouped cross-validation on the real letters', () => {
  const fits: { trained: ReadonlySet<string>; scored: ReadonlySet<string> }[] = [];
  const cv = crossValidate(items, CV_FOLDS, CV_SEEDS, (trained, scored) => fits.push({ trained, scored }));

  it('never scores a letter with a model fitted on it, and scores every letter once per repeat', () => {
    expect(fits).toHaveLength(CV_FOLDS * CV_SEEDS.length);
    for (const f of fits) for (const g of f.scored) expect(f.trained.has(g)).toBe(false);
    for (let r = 0; r < CV_SEEDS.length; r++) {
      const scored = fits.slice(r * CV_FOLDS, (r + 1) * CV_FOLDS).flatMap((f) => [...f.scored]);
      expect(new Set(scored).size).toBe(70);
      expect(scored).toHaveLength(70);
    }
  });

  it('repeats differ in their folds but are reproducible from the seeds', () => {
    expect(cv.model[0]).not.toEqual(cv.model[1]);
    const again = crossValidate(items, CV_FOLDS, [CV_SEEDS[0]!]);
    expect(again.model[0]).toEqual(cv.model[0]);
  });

  it('is calibrated in the large on letters it never saw: the mean probability is near the overturn rate in every repeat', () => {
    const rate = items.filter((i) => i.y === 1).length / items.length;
    for (const run of cv.model) {
      const mean = run.reduce((s, p) => s + p, 0) / run.length;
      expect(Math.abs(mean - rate)).toBeLessThan(0.04);
    }
  });

  it('ranks overturned items above upheld ones on letters the model never saw (ROC-AUC >= 0.7 in every repeat)', () => {
    const y = items.map((i) => i.y);
    for (const run of cv.model) expect(rocAuc(y, run)).toBeGreaterThanOrEqual(0.7);
  });
});
