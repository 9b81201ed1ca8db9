/**
 * The overturn model: a logistic regression (ml-logistic-regression) over the
 * features of features.ts, calibrated by Platt scaling on out-of-fold scores,
 * so that its probability means what it says: of the items given 0.2, about
 * one in five are overturned.
 *
 * Hyper-parameters are fixed a priori (HYPERPARAMETERS), never tuned on the
 * letters the figures are reported on.
 */
import { createHash } from 'node:crypto';
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { z } from 'zod';
import { ModelFileError, TrainingError } from '../errors.js';
import { FEATURE_NAMES } from './features.js';
import { groupFolds } from './seeded.js';
import { formatIssues, issuesFrom } from '../../domain/index.js';

/** One decided item to learn from: its features, whether it was overturned, and its letter (the group CV never splits). */
export interface TrainingRow {
  x: readonly number[];
  y: 0 | 1;
  group: string;
}

/**
 * Fixed a priori:
 * - batch gradient ascent from zero weights with a per-item step, stopped
 *   early (the library has no penalty term; stopping early is the
 *   regularisation: fewer steps, smaller weights); the number of steps is
 *   chosen from `stepsGrid` inside the training letters only, by the
 *   log-loss of calibrated out-of-fold probabilities (nested, so a reported
 *   figure is never tuned on the letters it is measured on);
 * - overturned items weighted by upheld/overturned so that the minority is
 *   not ignored (the calibration then undoes the shift in the base rate);
 * - 3 inner folds by letter for the choice of steps and Platt scaling;
 * - the uncertain band, where the draft says "reviewer judgment needed".
 */
export const HYPERPARAMETERS = { stepsGrid: [3, 10, 30, 100, 300], stepSize: 0.5, calibrationFolds: 3, band: [0.3, 0.7] as [number, number] };

/** Model file format name, checked on loading. */
export const MODEL_FORMAT = 'openimr-overturn-model/1';

/** What a model was fitted on, recorded in its file. */
export const TrainingSet = z.object({
  /** ISO timestamp of the fit. */
  date: z.string(),
  letters: z.number().int().nonnegative(),
  items: z.number().int().nonnegative(),
  overturned: z.number().int().nonnegative(),
  /** Case numbers (or file names) of the letters, sorted. */
  letterKeys: z.array(z.string()),
  /** Where the letters came from ("samples/letters + samples/dwc-2016-2017/txt", a database). */
  source: z.string(),
  /** Engine (rules and knowledge base) whose drafts gave the features. */
  engineVersion: z.string(),
});
export type TrainingSet = z.infer<typeof TrainingSet>;

/** A fitted overturn model, as saved to JSON. */
export const OverturnModel = z.object({
  format: z.literal(MODEL_FORMAT),
  /** "overturn-lr/1 2026-12-02 70 letters #1a2b3c4d": the fit's date, size and a hash of its parameters. */
  version: z.string(),
  features: z.array(z.string()),
  /** Standardisation of each feature: (x - mean) / scale. */
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number(),
  /** Platt scaling of the linear score z: p = 1 / (1 + exp(-(a z + b))). */
  platt: z.object({ a: z.number(), b: z.number() }),
  /** Probabilities in [lo, hi] need the reviewer's judgment. */
  band: z.tuple([z.number(), z.number()]),
  hyperparameters: z.object({ numSteps: z.number(), stepsGrid: z.array(z.number()), stepSize: z.number(), calibrationFolds: z.number(), positiveWeight: z.number() }),
  training: TrainingSet,
});
export type OverturnModel = z.infer<typeof OverturnModel>;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

interface Linear {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

function standardisation(rows: readonly TrainingRow[]): { mean: number[]; scale: number[] } {
  const d = FEATURE_NAMES.length;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j]! += r.x[j]! / rows.length;
  for (const r of rows) for (let j = 0; j < d; j++) scale[j]! += (r.x[j]! - mean[j]!) ** 2 / rows.length;
  // A constant feature keeps scale 1: its standardised value is 0 and its weight stays 0.
  return { mean, scale: scale.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

/** The linear score of a feature vector. */
function score(m: Linear, x: readonly number[]): number {
  let z = m.bias;
  for (let j = 0; j < m.weights.length; j++) z += m.weights[j]! * ((x[j]! - m.mean[j]!) / m.scale[j]!);
  return z;
}

function counts(rows: readonly TrainingRow[]): { pos: number; neg: number } {
  const pos = rows.filter((r) => r.y === 1).length;
  return { pos, neg: rows.length - pos };
}

/** Fits the logistic regression (uncalibrated) with the library, `numSteps` gradient steps; overturned rows repeated `positiveWeight` times. */
function fitLinear(rows: readonly TrainingRow[], positiveWeight: number, numSteps: number): Linear {
  const { mean, scale } = standardisation(rows);
  const data: number[][] = [];
  const target: number[] = [];
  for (const r of rows) {
    const z = [1, ...r.x.map((v, j) => (v - mean[j]!) / scale[j]!)];
    const times = r.y === 1 ? positiveWeight : 1;
    for (let t = 0; t < times; t++) {
      data.push(z);
      target.push(r.y);
    }
  }
  const lr = new LogisticRegression({ numSteps, learningRate: HYPERPARAMETERS.stepSize / data.length });
  lr.train(new Matrix(data), Matrix.columnVector(target));
  // Classifier 0 scores "not class 0", i.e. overturned; its first weight is the intercept column's.
  const w = lr.classifiers[0]!.weights.to1DArray();
  return { mean, scale, bias: w[0]!, weights: w.slice(1) };
}

/**
 * Platt scaling of scores against outcomes, with Platt's smoothed targets
 * (so a fold without a single overturned item does not give probability 0),
 * fitted by Newton's method on the two parameters.
 */
export function fitPlatt(scores: readonly number[], ys: readonly (0 | 1)[]): { a: number; b: number } {
  const pos = ys.filter((y) => y === 1).length;
  const neg = ys.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const t = ys.map((y) => (y ? hi : lo));
  let a = 1;
  let b = Math.log((pos + 1) / (neg + 1));
  const loss = (a: number, b: number) =>
    scores.reduce((s, z, i) => {
      const f = a * z + b;
      // log(1 + e^f) - t f, computed without overflow.
      return s + (f > 0 ? f + Math.log1p(Math.exp(-f)) : Math.log1p(Math.exp(f))) - t[i]! * f;
    }, 0);
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    scores.forEach((z, i) => {
      const p = sigmoid(a * z + b);
      const d = p - t[i]!;
      const w = p * (1 - p);
      ga += d * z;
      gb += d;
      haa += w * z * z;
      hab += w * z;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    if (Math.abs(ga) < 1e-9 && Math.abs(gb) < 1e-9) break;
    let da = det > 1e-12 ? (hbb * ga - hab * gb) / det : ga;
    let db = det > 1e-12 ? (haa * gb - hab * ga) / det : gb;
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > current && step > 1e-6) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > current) break;
    da *= step;
    db *= step;
    a -= da;
    b -= db;
    const gain = current - next;
    current = next;
    if (gain < 1e-10) break;
  }
  return { a, b };
}

/** Mean log-loss of probabilities against outcomes. */
function logLoss(p: readonly number[], ys: readonly (0 | 1)[]): number {
  const eps = 1e-12;
  return p.reduce((s, v, i) => s - (ys[i] ? Math.log(Math.max(v, eps)) : Math.log(Math.max(1 - v, eps))), 0) / Math.max(1, p.length);
}

/**
 * Fits the overturn model on decided items. Inside the items' own letters
 * (inner letter-grouped folds), each number of steps of the grid gives every
 * item a score from a fit without its letter; the number whose Platt-scaled
 * scores have the lowest log-loss is chosen (the fewest steps on a tie), the
 * logistic regression is fitted on all items with it, and Platt scaling is
 * that of its out-of-fold scores, so the calibration is not fooled by the
 * fit's own optimism.
 *
 * Throws TrainingError when the items do not hold both outcomes.
 */
export function fitOverturnModel(rows: readonly TrainingRow[], about: Omit<TrainingSet, 'letters' | 'items' | 'overturned' | 'letterKeys'>, seed = 1): OverturnModel {
  const { pos, neg } = counts(rows);
  if (pos === 0 || neg === 0) throw new TrainingError(`training needs both upheld and overturned items; the letters hold ${neg} upheld and ${pos} overturned`);
  const positiveWeight = Math.max(1, Math.round(neg / pos));
  const folds = groupFolds(rows.map((r) => r.group), HYPERPARAMETERS.calibrationFolds, seed);
  const splits = Array.from({ length: HYPERPARAMETERS.calibrationFolds }, (_, f) => ({ train: rows.filter((r) => folds.get(r.group) !== f), test: rows.filter((r) => folds.get(r.group) === f) })).filter(
    (s) => s.test.length > 0 && counts(s.train).pos > 0 && counts(s.train).neg > 0,
  );
  let best: { steps: number; loss: number; platt: { a: number; b: number } } | null = null;
  if (splits.length) {
    for (const steps of HYPERPARAMETERS.stepsGrid) {
      const z: number[] = [];
      const y: (0 | 1)[] = [];
      for (const s of splits) {
        const c = counts(s.train);
        const inner = fitLinear(s.train, Math.max(1, Math.round(c.neg / c.pos)), steps);
        for (const r of s.test) {
          z.push(score(inner, r.x));
          y.push(r.y);
        }
      }
      const platt = fitPlatt(z, y);
      const loss = logLoss(z.map((v) => sigmoid(platt.a * v + platt.b)), y);
      if (!best || loss < best.loss - 1e-9) best = { steps, loss, platt };
    }
  }
  const numSteps = best?.steps ?? HYPERPARAMETERS.stepsGrid[0]!;
  const linear = fitLinear(rows, positiveWeight, numSteps);
  // Too few letters for inner folds: Platt on the fit's own scores (optimistic, but only for tiny corpora).
  const platt = best?.platt ?? fitPlatt(rows.map((r) => score(linear, r.x)), rows.map((r) => r.y));
  const letterKeys = [...new Set(rows.map((r) => r.group))].sort();
  const params = { features: [...FEATURE_NAMES], ...linear, platt };
  const hash = createHash('sha256').update(JSON.stringify(params)).digest('hex').slice(0, 8);
  return {
    format: MODEL_FORMAT,
    version: `overturn-lr/1 ${about.date.slice(0, 10)} ${letterKeys.length} letters #${hash}`,
    ...params,
    band: HYPERPARAMETERS.band,
    hyperparameters: { numSteps, stepsGrid: HYPERPARAMETERS.stepsGrid, stepSize: HYPERPARAMETERS.stepSize, calibrationFolds: HYPERPARAMETERS.calibrationFolds, positiveWeight },
    training: { ...about, letters: letterKeys.length, items: rows.length, overturned: pos, letterKeys },
  };
}

/** The calibrated probability of overturning, 0..1. */
export function overturnProbability(model: OverturnModel, x: readonly number[]): number {
  return sigmoid(model.platt.a * score(model, x) + model.platt.b);
}

/**
 * Validates a model read from `file` (parsed JSON): its shape, and that it
 * was fitted on the features this engine computes, in the same order.
 * Throws ModelFileError naming the file and the reason.
 */
export function parseModel(json: unknown, file: string): OverturnModel {
  const r = OverturnModel.safeParse(json);
  if (!r.success) {
    throw new ModelFileError(file, `not an overturn model: ${formatIssues(issuesFrom(r.error), { whole: '(top)', limit: 1 })}`);
  }
  const m = r.data;
  const d = FEATURE_NAMES.length;
  if (m.features.join('\n') !== FEATURE_NAMES.join('\n')) throw new ModelFileError(file, `fitted on other features (${m.features.length}) than this engine computes (${d}); run imr train again`);
  if (m.mean.length !== d || m.scale.length !== d || m.weights.length !== d) throw new ModelFileError(file, `parameters of the wrong length for ${d} features`);
  if (m.scale.some((s) => !(s > 0)) || ![...m.mean, ...m.weights, m.bias, m.platt.a, m.platt.b].every(Number.isFinite)) throw new ModelFileError(file, 'parameters that are not finite numbers');
  return m;
}
