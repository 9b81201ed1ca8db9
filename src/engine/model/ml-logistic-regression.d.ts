/** Types of the parts of ml-logistic-regression (which ships none) that the overturn model uses. */
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  /** One-vs-all logistic regression fitted by batch gradient ascent; classes are 0..k-1. */
  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    /** One binary classifier per class; classifier i scores "not class i". */
    classifiers: { weights: Matrix; testScores(features: Matrix): number[] }[];
    train(features: Matrix, target: Matrix): void;
    predict(features: Matrix): number[];
  }
}
