/**
 * Letter-grouped k-fold cross-validation, repeated with fixed seeds: every
 * item's probability comes from a model fitted without its letter, once per
 * repeat. The overturn model, the bag-of-words baseline and the base rate
 * are all fitted on the same training folds.
 */
import { fitOverturnModel, overturnProbability, type TrainingRow } from '../model/overturn-model.js';
import { groupFolds } from '../model/seeded.js';
import { BagOfWordsModel } from './bag-of-words.js';

/** One decided item: the model's features, the text the baseline reads, the outcome and the letter. */
export interface CvItem extends TrainingRow {
  text: string;
}

/** Out-of-fold probabilities, one array per repeat (seed), in item order. */
export interface CvPredictions {
  folds: number;
  seeds: number[];
  model: number[][];
  bagOfWords: number[][];
  /** The training folds' overturn rate: what always-upheld knows. */
  prior: number[][];
}

/** Fixed a priori: 5 folds, 5 repeats. */
export const CV_FOLDS = 5;
export const CV_SEEDS = [1, 2, 3, 4, 5];

/** Runs the repeated grouped cross-validation; `onFit` sees the letters each fit was trained on and the letters it scored. */
export function crossValidate(items: readonly CvItem[], folds = CV_FOLDS, seeds = CV_SEEDS, onFit?: (trainedOn: ReadonlySet<string>, scored: ReadonlySet<string>) => void): CvPredictions {
  const out: CvPredictions = { folds, seeds, model: [], bagOfWords: [], prior: [] };
  for (const seed of seeds) {
    const foldOf = groupFolds(items.map((i) => i.group), folds, seed);
    const model = new Array<number>(items.length).fill(0);
    const bow = new Array<number>(items.length).fill(0);
    const prior = new Array<number>(items.length).fill(0);
    for (let f = 0; f < folds; f++) {
      const train = items.filter((i) => foldOf.get(i.group) !== f);
      const test = items.map((it, i) => (foldOf.get(it.group) === f ? i : -1)).filter((i) => i >= 0);
      if (!test.length) continue;
      onFit?.(new Set(train.map((i) => i.group)), new Set(test.map((i) => items[i]!.group)));
      const rate = train.filter((i) => i.y === 1).length / Math.max(1, train.length);
      const hasBoth = rate > 0 && rate < 1;
      const fitted = hasBoth ? fitOverturnModel(train, { date: '1970-01-01T00:00:00.000Z', source: 'cross-validation fold', engineVersion: '' }, seed) : null;
      const words = new BagOfWordsModel().train(train.map((i) => ({ text: i.text, decision: i.y ? 'overturned' : 'upheld', group: i.group })));
      for (const i of test) {
        const it = items[i]!;
        prior[i] = rate;
        model[i] = fitted ? overturnProbability(fitted, it.x) : rate;
        bow[i] = words.overturnProbability(it.text);
      }
    }
    out.model.push(model);
    out.bagOfWords.push(bow);
    out.prior.push(prior);
  }
  return out;
}
