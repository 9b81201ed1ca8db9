import type { Decision } from '../../domain/index.js';
import { decisionMetrics, type DecisionMetrics } from './metrics.js';

/** One training example: the text the reviewer had and the decision. */
export interface TextExample {
  text: string;
  decision: Decision;
  /** Examples of the same letter share a group, so cross-validation never splits a letter. */
  group: string;
}

const STOP = new Set('the a an of and or to in for with on at by is was were be been this that as from it its his her he she patient injured worker'.split(' '));

/** Lower-cased word unigrams and bigrams. */
export function tokens(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z][a-z0-9]+|\d+/g)?.filter((w) => !STOP.has(w)) ?? [];
  const out = [...words];
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`);
  return out;
}

/** A binary logistic regression over bag-of-words features (overturned = 1). */
export class BagOfWordsModel {
  private weights = new Map<string, number>();
  private bias = 0;

  /** Trains by stochastic gradient descent with L2 regularisation and class weighting. */
  train(examples: readonly TextExample[], epochs = 30, rate = 0.1, l2 = 1e-4): this {
    const docs = examples.map((e) => ({ x: [...new Set(tokens(e.text))], y: e.decision === 'overturned' ? 1 : 0 }));
    const pos = docs.filter((d) => d.y === 1).length;
    // Overturned items are the minority; weight them so the model does not just say "upheld".
    const wPos = pos ? docs.length / (2 * pos) : 1;
    const wNeg = docs.length - pos ? docs.length / (2 * (docs.length - pos)) : 1;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const d of docs) {
        const p = this.probability(d.x);
        const g = (p - d.y) * (d.y ? wPos : wNeg);
        this.bias -= rate * g;
        const scale = 1 / Math.sqrt(d.x.length || 1);
        for (const t of d.x) {
          const w = this.weights.get(t) ?? 0;
          this.weights.set(t, w - rate * (g * scale + l2 * w));
        }
      }
    }
    return this;
  }

  private probability(features: readonly string[]): number {
    const scale = 1 / Math.sqrt(features.length || 1);
    let z = this.bias;
    for (const t of features) z += (this.weights.get(t) ?? 0) * scale;
    return 1 / (1 + Math.exp(-z));
  }

  /** The model's probability of overturning (class-weighted, so not calibrated to the base rate). */
  overturnProbability(text: string): number {
    return this.probability([...new Set(tokens(text))]);
  }

  predict(text: string): Decision {
    return this.overturnProbability(text) >= 0.5 ? 'overturned' : 'upheld';
  }
}

/**
 * k-fold cross-validated predictions: each example is predicted by a model
 * trained without its letter's group. Folds are assigned by group in a fixed
 * order, so results are reproducible.
 */
export function crossValidatedBagOfWords(examples: readonly TextExample[], folds = 5): { predicted: Decision[]; metrics: DecisionMetrics } {
  const groups = [...new Set(examples.map((e) => e.group))].sort();
  const foldOf = new Map(groups.map((g, i) => [g, i % folds]));
  const predicted: Decision[] = new Array(examples.length);
  for (let f = 0; f < folds; f++) {
    const train = examples.filter((e) => foldOf.get(e.group) !== f);
    if (train.length === 0) continue;
    const model = new BagOfWordsModel().train(train);
    examples.forEach((e, i) => {
      if (foldOf.get(e.group) === f) predicted[i] = model.predict(e.text);
    });
  }
  for (let i = 0; i < predicted.length; i++) predicted[i] ??= 'upheld';
  return { predicted, metrics: decisionMetrics(examples.map((e) => e.decision), predicted) };
}
