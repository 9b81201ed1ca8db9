import { describe, expect, it } from 'vitest';
import { averagePrecision, brier, calibrationTable, rocAuc } from './probability-metrics.js';

describe('probability metrics', () => {
  it('ROC-AUC counts pairs ranked right, ties half', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBe(1);
    expect(rocAuc([0, 0, 1, 1], [0.4, 0.3, 0.2, 0.1])).toBe(0);
    // Pairs (pos, neg): (0.3 > 0.1), (0.3 > 0.35? no), (0.2 > 0.1), (0.2 < 0.35): 2 of 4.
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.35, 0.3, 0.2])).toBe(0.5);
    expect(rocAuc([0, 1], [0.5, 0.5])).toBe(0.5);
    expect(rocAuc([0, 0], [0.1, 0.2])).toBe(0.5);
  });

  it('average precision is the mean precision at each overturned item', () => {
    // Ranked: 1 (p=0.9), 0 (0.8), 1 (0.7): precisions 1 and 2/3.
    expect(averagePrecision([1, 0, 1], [0.9, 0.8, 0.7])).toBeCloseTo((1 + 2 / 3) / 2);
    expect(averagePrecision([0, 0], [0.9, 0.8])).toBe(0);
  });

  it('Brier score and the calibration table', () => {
    expect(brier([1, 0], [0.5, 0.5])).toBe(0.25);
    const t = calibrationTable([0, 1, 1, 0], [0.01, 0.02, 0.95, 1]);
    expect(t[0]).toMatchObject({ from: 0, n: 2, observed: 0.5 });
    expect(t.at(-1)).toMatchObject({ to: 1, n: 2, observed: 0.5 });
    expect(t.reduce((s, b) => s + b.n, 0)).toBe(4);
  });
});
