import type { Decision } from '../../domain/index.js';

/** Precision, recall and F1 of one class. */
export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Agreement of predicted with actual decisions. */
export interface DecisionMetrics {
  n: number;
  accuracy: number;
  macroF1: number;
  kappa: number;
  upheld: ClassScores;
  overturned: ClassScores;
  /** confusion[actual][predicted] */
  confusion: Record<Decision, Record<Decision, number>>;
}

const CLASSES: Decision[] = ['upheld', 'overturned'];

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/**
 * Accuracy, per-class precision/recall/F1, macro-F1, Cohen's kappa and the
 * confusion matrix of `predicted` against `actual` (same order).
 */
export function decisionMetrics(actual: readonly Decision[], predicted: readonly Decision[]): DecisionMetrics {
  if (actual.length !== predicted.length) throw new RangeError(`actual has ${actual.length} decisions, predicted ${predicted.length}`);
  const confusion: Record<Decision, Record<Decision, number>> = {
    upheld: { upheld: 0, overturned: 0 },
    overturned: { upheld: 0, overturned: 0 },
  };
  actual.forEach((a, i) => confusion[a][predicted[i]!]++);
  const n = actual.length;
  const scores = {} as Record<Decision, ClassScores>;
  for (const c of CLASSES) {
    const tp = confusion[c][c];
    const predictedC = CLASSES.reduce((s, a) => s + confusion[a][c], 0);
    const actualC = CLASSES.reduce((s, p) => s + confusion[c][p], 0);
    const precision = ratio(tp, predictedC);
    const recall = ratio(tp, actualC);
    scores[c] = { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support: actualC };
  }
  const observed = ratio(confusion.upheld.upheld + confusion.overturned.overturned, n);
  const expected = CLASSES.reduce((s, c) => {
    const rowC = CLASSES.reduce((t, p) => t + confusion[c][p], 0);
    const colC = CLASSES.reduce((t, a) => t + confusion[a][c], 0);
    return s + ratio(rowC, n) * ratio(colC, n);
  }, 0);
  return {
    n,
    accuracy: observed,
    macroF1: (scores.upheld.f1 + scores.overturned.f1) / 2,
    kappa: expected === 1 ? 0 : (observed - expected) / (1 - expected),
    upheld: scores.upheld,
    overturned: scores.overturned,
    confusion,
  };
}
