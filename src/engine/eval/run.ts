import { basename } from 'node:path';
import type { Decision, Determination, GuidelineCitation } from '../../domain/index.js';
import { assessCase } from '../assess.js';
import { caseFileFromDetermination } from '../from-letter.js';
import { itemFeatures } from '../model/apply.js';
import { HYPERPARAMETERS } from '../model/overturn-model.js';
import { seededRandom } from '../../domain/index.js';
import { crossValidate, CV_FOLDS, CV_SEEDS, type CvItem } from './cross-validation.js';
import { decisionMetrics, type DecisionMetrics } from './metrics.js';
import { averagePrecision, brier, calibrationTable, rocAuc, type CalibrationBin } from './probability-metrics.js';
import { isHeldOut } from './split.js';

/** One item of the evaluation: what the reviewer decided, what the rules drafted, and the model's cross-validated probability. */
export interface EvaluatedItem {
  letter: string;
  heldOut: boolean;
  index: number;
  request: string;
  category: string;
  actual: Decision;
  /** The engine's recommendation from `probability`. */
  predicted: Decision;
  /** Mean over the repeats of the probability given by models that never saw this letter. */
  probability: number;
  /** The rules' decision alone. */
  rulesDecision: Decision;
  flagged: boolean;
  confidence: number;
  citationAgrees: boolean | null;
  engineGuideline: string | null;
  reviewerGuidelines: string[];
}

/** A 95% interval (bootstrap over letters). */
export type Interval = [number, number];

/** Metrics of one predictor, each the mean over the cross-validation repeats, with 95% intervals. */
export interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
  kappa: number;
  overturned: { precision: number; recall: number; f1: number; support: number };
  /** Mean confusion over the repeats: confusion[actual][predicted]. */
  confusion: DecisionMetrics['confusion'];
  /** ROC-AUC of the probability (the rules alone: of their confidence turned into a score). */
  auc: number;
  /** PR-AUC (average precision) of the probability. */
  prAuc: number;
  /** Brier score of the probability. */
  brier: number;
  /** 95% intervals by bootstrap over letters (absent for small subsets). */
  ci?: Record<'accuracy' | 'macroF1' | 'kappa' | 'overturnedPrecision' | 'overturnedRecall' | 'auc' | 'prAuc' | 'brier', Interval>;
}

/** The predictors compared. */
export interface Baselines {
  alwaysUpheld: Scores;
  bagOfWords: Scores;
  /** The rules' decision without the model. */
  rules: Scores;
}

/** The evaluation report (`imr eval --json`): the engine's figures at the top, cross-validated. */
export interface EvalReport extends Scores {
  letters: number;
  flagged: number;
  /** Items whose probability sat in the uncertain band ("reviewer judgment needed"), mean over the repeats; counted as their likelier side above. */
  judgmentNeeded: number;
  /** The engine's calibration, pooled over the repeats (n is per repeat). */
  calibration: CalibrationBin[];
  /** Share of items with a reviewer (MAXIMUS) citation where the engine cites the same document, with overlapping pages when both give pages. */
  citationAgreement: number;
  citationItems: number;
  byCategory: Record<string, Scores>;
  baselines: Baselines;
  heldOut: { letters: number; engine: Scores; citationAgreement: number; baselines: Baselines };
  development: { letters: number; engine: Scores; citationAgreement: number };
  /** How the figures were made. */
  method: { folds: number; seeds: number[]; bootstrap: { resamples: number; seed: number }; band: [number, number]; hyperparameters: typeof HYPERPARAMETERS };
  items: EvaluatedItem[];
}

/** Whether the engine's citation agrees with one of the reviewer's: same document, and overlapping pages when both cite pages. */
export function citationAgrees(engine: GuidelineCitation | null, reviewer: readonly GuidelineCitation[]): boolean | null {
  if (!reviewer.length) return null;
  if (!engine) return false;
  return reviewer.some((r) => r.document === engine.document && (!r.pages.length || !engine.pages.length || r.pages.some((p) => engine.pages.includes(p))));
}

function share(items: EvaluatedItem[]): number {
  const rated = items.filter((i) => i.citationAgrees !== null);
  return rated.length ? rated.filter((i) => i.citationAgrees).length / rated.length : 0;
}

/** A predictor: its probability and decision of item i in repeat r. */
interface Predictor {
  repeats: number;
  p(r: number, i: number): number;
  decision(r: number, i: number): Decision;
}

const BOOTSTRAP = { resamples: 1000, seed: 20171201 };

type Flat = Omit<Scores, 'ci' | 'confusion' | 'n'> & { confusion: DecisionMetrics['confusion'] };

function flat(actual: Decision[], y: (0 | 1)[], p: number[], decided: Decision[]): Flat {
  const m = decisionMetrics(actual, decided);
  return { accuracy: m.accuracy, macroF1: m.macroF1, kappa: m.kappa, overturned: m.overturned, confusion: m.confusion, auc: rocAuc(y, p), prAuc: averagePrecision(y, p), brier: brier(y, p) };
}

function onItems(pr: Predictor, r: number, idx: readonly number[], actual: readonly Decision[]): Flat {
  const a = idx.map((i) => actual[i]!);
  return flat(a, a.map((d) => (d === 'overturned' ? 1 : 0)), idx.map((i) => pr.p(r, i)), idx.map((i) => pr.decision(r, i)));
}

const KEYS = ['accuracy', 'macroF1', 'kappa', 'overturnedPrecision', 'overturnedRecall', 'auc', 'prAuc', 'brier'] as const;
const pick = (f: Flat): Record<(typeof KEYS)[number], number> => ({ accuracy: f.accuracy, macroF1: f.macroF1, kappa: f.kappa, overturnedPrecision: f.overturned.precision, overturnedRecall: f.overturned.recall, auc: f.auc, prAuc: f.prAuc, brier: f.brier });

/**
 * A predictor's scores on the items `idx`: each metric's mean over the
 * repeats; with `groups`, 95% intervals from resampling letters with
 * replacement (each resample scored on a repeat drawn at random, so the
 * interval holds the spread of both the letters and the folds).
 */
function scoresOf(pr: Predictor, idx: readonly number[], actual: readonly Decision[], groups?: readonly string[]): Scores {
  const runs = Array.from({ length: pr.repeats }, (_, r) => onItems(pr, r, idx, actual));
  const mean = (f: (x: Flat) => number) => runs.reduce((s, x) => s + f(x), 0) / runs.length;
  const cm = (a: Decision, p: Decision) => mean((x) => x.confusion[a][p]);
  const support = runs[0]!.overturned.support;
  const scores: Scores = {
    n: idx.length,
    accuracy: mean((x) => x.accuracy),
    macroF1: mean((x) => x.macroF1),
    kappa: mean((x) => x.kappa),
    overturned: { precision: mean((x) => x.overturned.precision), recall: mean((x) => x.overturned.recall), f1: mean((x) => x.overturned.f1), support },
    confusion: { upheld: { upheld: cm('upheld', 'upheld'), overturned: cm('upheld', 'overturned') }, overturned: { upheld: cm('overturned', 'upheld'), overturned: cm('overturned', 'overturned') } },
    auc: mean((x) => x.auc),
    prAuc: mean((x) => x.prAuc),
    brier: mean((x) => x.brier),
  };
  if (groups) {
    const byGroup = new Map<string, number[]>();
    for (const i of idx) {
      const g = groups[i]!;
      if (!byGroup.has(g)) byGroup.set(g, []);
      byGroup.get(g)!.push(i);
    }
    const letters = [...byGroup.values()];
    const random = seededRandom(BOOTSTRAP.seed);
    const samples: Record<string, number[]> = Object.fromEntries(KEYS.map((k) => [k, []]));
    for (let b = 0; b < BOOTSTRAP.resamples; b++) {
      const sample: number[] = [];
      for (let k = 0; k < letters.length; k++) sample.push(...letters[Math.floor(random() * letters.length)]!);
      const r = Math.floor(random() * pr.repeats);
      const v = pick(onItems(pr, r, sample, actual));
      for (const k of KEYS) samples[k]!.push(v[k]);
    }
    const interval = (v: number[]): Interval => {
      const s = [...v].sort((a, b) => a - b);
      return [s[Math.floor(0.025 * (s.length - 1))]!, s[Math.ceil(0.975 * (s.length - 1))]!];
    };
    scores.ci = Object.fromEntries(KEYS.map((k) => [k, interval(samples[k]!)])) as Scores['ci'];
  }
  return scores;
}

/**
 * Evaluates the engine on decided letters as it will be used: on letters it
 * has never seen. The rules draft each letter's case file (decision,
 * rationale and the reviewer's citations hidden); the overturn model is
 * scored by letter-grouped 5-fold cross-validation repeated with 5 fixed
 * seeds (a letter is never scored by a model fitted on it), beside
 * always-upheld, a bag-of-words logistic regression fitted on the same
 * folds, and the rules alone. Flagged items count as their likelier side
 * like every other. The rules themselves were written looking at the
 * development letters only (split.ts), so `heldOut` is the figure on letters
 * no part of the engine was made from.
 */
export function evaluateDeterminations(letters: readonly { source: string; determination: Determination }[]): EvalReport {
  const items: EvaluatedItem[] = [];
  const cv: CvItem[] = [];
  const rulesScore: number[] = [];
  for (const { source, determination: d } of letters) {
    const key = d.caseNumber ?? basename(source);
    const file = caseFileFromDetermination(d);
    const assessment = assessCase(file, { model: null });
    d.items.forEach((it, i) => {
      const a = assessment.items[i]!;
      const rulesDecision = a.decision ?? 'upheld';
      items.push({
        letter: key,
        heldOut: isHeldOut(key),
        index: it.index,
        request: it.request,
        category: it.treatment.category,
        actual: it.decision,
        predicted: 'upheld',
        probability: 0,
        rulesDecision,
        flagged: a.flagged,
        confidence: a.confidence,
        citationAgrees: citationAgrees(a.guideline, it.imrGuidelines),
        engineGuideline: a.guideline ? `${a.guideline.source} ${a.guideline.document}` : null,
        reviewerGuidelines: it.imrGuidelines.map((g) => `${g.source} ${g.document}`),
      });
      cv.push({ x: itemFeatures(a, file), y: it.decision === 'overturned' ? 1 : 0, group: key, text: `${d.clinicalSummary}\n${it.request}` });
      // The rules' confidence as a ranking score: high for a confident overturn, low for a confident upheld.
      rulesScore.push(a.flagged ? 0.5 : rulesDecision === 'overturned' ? a.confidence : 1 - a.confidence);
    });
  }
  const oof = crossValidate(cv);
  const R = oof.seeds.length;
  const band = HYPERPARAMETERS.band;
  items.forEach((it, i) => {
    it.probability = oof.model.reduce((s, run) => s + run[i]!, 0) / R;
    it.predicted = it.probability >= 0.5 ? 'overturned' : 'upheld';
  });
  const byThreshold = (p: number[][]): Predictor => ({ repeats: R, p: (r, i) => p[r]![i]!, decision: (r, i) => (p[r]![i]! >= 0.5 ? 'overturned' : 'upheld') });
  const engine = byThreshold(oof.model);
  const bagOfWords = byThreshold(oof.bagOfWords);
  const alwaysUpheld: Predictor = { repeats: R, p: (r, i) => oof.prior[r]![i]!, decision: () => 'upheld' };
  const rules: Predictor = { repeats: 1, p: (_, i) => rulesScore[i]!, decision: (_, i) => items[i]!.rulesDecision };
  const actual = items.map((i) => i.actual);
  const groups = items.map((i) => i.letter);
  const all = items.map((_, i) => i);
  const baselines = (idx: number[]): Baselines => ({ alwaysUpheld: scoresOf(alwaysUpheld, idx, actual, groups), bagOfWords: scoresOf(bagOfWords, idx, actual, groups), rules: scoresOf(rules, idx, actual, groups) });
  const byCategory: Record<string, Scores> = {};
  for (const c of [...new Set(items.map((i) => i.category))].sort()) byCategory[c] = scoresOf(engine, all.filter((i) => items[i]!.category === c), actual);
  const subset = (held: boolean) => {
    const idx = all.filter((i) => items[i]!.heldOut === held);
    const sel = idx.map((i) => items[i]!);
    return { idx, sel, letters: new Set(sel.map((i) => i.letter)).size };
  };
  const h = subset(true);
  const dv = subset(false);
  const pooledY = oof.model.flatMap(() => items.map((i): 0 | 1 => (i.actual === 'overturned' ? 1 : 0)));
  const calibration = calibrationTable(pooledY, oof.model.flat()).map((b) => ({ ...b, n: b.n / R }));
  return {
    letters: letters.length,
    ...scoresOf(engine, all, actual, groups),
    flagged: items.filter((i) => i.flagged).length,
    judgmentNeeded: oof.model.reduce((s, run) => s + run.filter((p) => p >= band[0] && p <= band[1]).length, 0) / R,
    calibration,
    citationAgreement: share(items),
    citationItems: items.filter((i) => i.citationAgrees !== null).length,
    byCategory,
    baselines: baselines(all),
    heldOut: { letters: h.letters, engine: scoresOf(engine, h.idx, actual, groups), citationAgreement: share(h.sel), baselines: baselines(h.idx) },
    development: { letters: dv.letters, engine: scoresOf(engine, dv.idx, actual, groups), citationAgreement: share(dv.sel) },
    method: { folds: CV_FOLDS, seeds: CV_SEEDS, bootstrap: BOOTSTRAP, band, hyperparameters: HYPERPARAMETERS },
    items,
  };
}
