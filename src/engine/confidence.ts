import type { Decision } from '../domain/index.js';
import type { Recommendation } from '../guidelines/index.js';
import type { Evaluation } from './evaluate.js';

/**
 * How far the decision rests on the record rather than on its silence, 0..1.
 *
 * - A guideline that does not recommend the treatment, upheld: 0.9 (the
 *   guideline itself decides).
 * - Upheld because a criterion is documented as not met (a contrary finding,
 *   a quantity over the limit): 0.85.
 * - Upheld only because criteria are not documented: 0.6, since a reviewer
 *   with the full records may find them.
 * - Overturned: 0.5 plus up to 0.4 by the share of met criteria that rest on
 *   evidence rather than on the record's silence (e.g. "no prior therapy").
 */
export function confidenceOf(decision: Decision, evaluation: Evaluation, recommendation: Recommendation): number {
  const leaves = evaluation.leaves;
  if (decision === 'upheld') {
    if (recommendation === 'not-recommended') return 0.9;
    const documentedMiss = leaves.some((l) => l.result.status === 'not-met' && l.documented);
    return documentedMiss ? 0.85 : 0.6;
  }
  const met = leaves.filter((l) => l.result.status === 'met');
  const share = met.length ? met.filter((l) => l.documented).length / met.length : 0;
  return Math.round((0.5 + 0.4 * share) * 100) / 100;
}
