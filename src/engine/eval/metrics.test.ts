import { describe, expect, it } from 'vitest';
import { decisionMetrics } from './metrics.js';
import { BagOfWordsModel, crossValidatedBagOfWords } from './bag-of-words.js';

describe('decision metrics', () => {
  it('computes accuracy, F1, kappa and the confusion matrix', () => {
    const actual = ['upheld', 'upheld', 'upheld', 'overturned', 'overturned'] as const;
    const predicted = ['upheld', 'upheld', 'overturned', 'overturned', 'upheld'] as const;
    const m = decisionMetrics(actual, predicted);
    expect(m.accuracy).toBeCloseTo(0.6);
    expect(m.confusion).toEqual({ upheld: { upheld: 2, overturned: 1 }, overturned: { upheld: 1, overturned: 1 } });
    expect(m.overturned.precision).toBeCloseTo(0.5);
    expect(m.overturned.recall).toBeCloseTo(0.5);
    expect(m.upheld.f1).toBeCloseTo(2 / 3);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 0.5) / 2);
    // po = 0.6, pe = 0.6*0.6 + 0.4*0.4 = 0.52
    expect(m.kappa).toBeCloseTo((0.6 - 0.52) / 0.48);
  });

  it('gives always-upheld a kappa of 0 and overturned recall of 0', () => {
    const m = decisionMetrics(['upheld', 'overturned', 'upheld'], ['upheld', 'upheld', 'upheld']);
    expect(m.kappa).toBe(0);
    expect(m.overturned.recall).toBe(0);
  });

  it('refuses lists of different lengths', () => {
    expect(() => decisionMetrics(['upheld'], [])).toThrow(RangeError);
  });
});

describe('bag-of-words baseline', () => {
  it('learns a separable vocabulary', () => {
    const ex = Array.from({ length: 40 }, (_, i) => ({
      text: i % 2 ? 'documented functional improvement supported request' : 'no documentation spasticity not supported',
      decision: (i % 2 ? 'overturned' : 'upheld') as 'upheld' | 'overturned',
      group: String(i),
    }));
    expect(new BagOfWordsModel().train(ex).predict('functional improvement documented')).toBe('overturned');
    expect(crossValidatedBagOfWords(ex).metrics.accuracy).toBe(1);
  });
});
