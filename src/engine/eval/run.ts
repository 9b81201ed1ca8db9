import { basename } from 'node:path';
import type { Decision, Determination, GuidelineCitation, ItemAssessment } from '../../domain/index.js';
import { assessCase } from '../assess.js';
import { caseFileFromDetermination } from '../from-letter.js';
import { crossValidatedBagOfWords } from './bag-of-words.js';
import { decisionMetrics, type DecisionMetrics } from './metrics.js';
import { isHeldOut } from './split.js';

/** One item of the evaluation: what the reviewer decided and what the engine drafted. */
export interface EvaluatedItem {
  letter: string;
  heldOut: boolean;
  index: number;
  request: string;
  category: string;
  actual: Decision;
  predicted: Decision;
  flagged: boolean;
  confidence: number;
  citationAgrees: boolean | null;
  engineGuideline: string | null;
  reviewerGuidelines: string[];
}

/** Metrics of one set of predictions, the shape every figure of the report shares. */
export interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
  kappa: number;
  overturned: { precision: number; recall: number; f1: number; support: number };
  confusion: DecisionMetrics['confusion'];
}

/** The evaluation report (`imr eval --json`). */
export interface EvalReport extends Scores {
  letters: number;
  flagged: number;
  /** Share of items with a reviewer (MAXIMUS) citation where the engine cites the same document, with overlapping pages when both give pages. */
  citationAgreement: number;
  citationItems: number;
  byCategory: Record<string, Scores>;
  baselines: { alwaysUpheld: Scores; bagOfWords: Scores };
  heldOut: { letters: number; engine: Scores; citationAgreement: number; baselines: { alwaysUpheld: Scores; bagOfWords: Scores } };
  development: { letters: number; engine: Scores; citationAgreement: number };
  items: EvaluatedItem[];
}

function scores(actual: Decision[], predicted: Decision[]): Scores {
  const m = decisionMetrics(actual, predicted);
  return { n: m.n, accuracy: m.accuracy, macroF1: m.macroF1, kappa: m.kappa, overturned: m.overturned, confusion: m.confusion };
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

/**
 * Runs the engine over decided letters (decisions hidden from it) and scores
 * it against the reviewers, beside two baselines on the same items:
 * always-upheld, and a bag-of-words logistic regression over the summary and
 * the request, cross-validated by letter. Flagged items count as upheld in
 * the decision metrics (the denial stands until a reviewer decides).
 */
export function evaluateDeterminations(letters: readonly { source: string; determination: Determination }[]): EvalReport {
  const items: EvaluatedItem[] = [];
  const texts: { text: string; decision: Decision; group: string }[] = [];
  for (const { source, determination: d } of letters) {
    const key = d.caseNumber ?? basename(source);
    const assessment = assessCase(caseFileFromDetermination(d));
    d.items.forEach((it, i) => {
      const a: ItemAssessment = assessment.items[i]!;
      items.push({
        letter: key,
        heldOut: isHeldOut(key),
        index: it.index,
        request: it.request,
        category: it.treatment.category,
        actual: it.decision,
        predicted: a.decision ?? 'upheld',
        flagged: a.flagged,
        confidence: a.confidence,
        citationAgrees: citationAgrees(a.guideline, it.imrGuidelines),
        engineGuideline: a.guideline ? `${a.guideline.source} ${a.guideline.document}` : null,
        reviewerGuidelines: it.imrGuidelines.map((g) => `${g.source} ${g.document}`),
      });
      texts.push({ text: `${d.clinicalSummary}\n${it.request}`, decision: it.decision, group: key });
    });
  }
  const actual = items.map((i) => i.actual);
  const bow = crossValidatedBagOfWords(texts).predicted;
  const upheld = items.map((): Decision => 'upheld');
  const byCategory: Record<string, Scores> = {};
  for (const c of [...new Set(items.map((i) => i.category))].sort()) {
    const sel = items.filter((i) => i.category === c);
    byCategory[c] = scores(sel.map((i) => i.actual), sel.map((i) => i.predicted));
  }
  const subset = (held: boolean) => {
    const idx = items.map((it, i) => (it.heldOut === held ? i : -1)).filter((i) => i >= 0);
    const sel = idx.map((i) => items[i]!);
    return { idx, sel, letters: new Set(sel.map((i) => i.letter)).size };
  };
  const h = subset(true);
  const dv = subset(false);
  return {
    letters: letters.length,
    ...scores(actual, items.map((i) => i.predicted)),
    flagged: items.filter((i) => i.flagged).length,
    citationAgreement: share(items),
    citationItems: items.filter((i) => i.citationAgrees !== null).length,
    byCategory,
    baselines: { alwaysUpheld: scores(actual, upheld), bagOfWords: scores(actual, bow) },
    heldOut: {
      letters: h.letters,
      engine: scores(h.sel.map((i) => i.actual), h.sel.map((i) => i.predicted)),
      citationAgreement: share(h.sel),
      baselines: { alwaysUpheld: scores(h.sel.map((i) => i.actual), h.sel.map((): Decision => 'upheld')), bagOfWords: scores(h.sel.map((i) => i.actual), h.idx.map((i) => bow[i]!)) },
    },
    development: { letters: dv.letters, engine: scores(dv.sel.map((i) => i.actual), dv.sel.map((i) => i.predicted)), citationAgreement: share(dv.sel) },
    items,
  };
}
