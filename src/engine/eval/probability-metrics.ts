/**
 * How well probabilities rank and how honest they are: ROC-AUC, PR-AUC
 * (average precision), Brier score and a calibration table. `y` is 1 for
 * overturned, `p` the probability of overturning.
 */

/** ROC-AUC: the chance a random overturned item scores above a random upheld one (ties count half); 0.5 when a class is missing. */
export function rocAuc(y: readonly (0 | 1)[], p: readonly number[]): number {
  const order = p.map((v, i) => i).sort((a, b) => p[a]! - p[b]!);
  // Mid-ranks over ties, then the Mann-Whitney U of the overturned items.
  const rank = new Array<number>(p.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && p[order[j + 1]!] === p[order[i]!]) j++;
    for (let k = i; k <= j; k++) rank[order[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const pos = y.filter((v) => v === 1).length;
  const neg = y.length - pos;
  if (!pos || !neg) return 0.5;
  const sum = y.reduce((s: number, v, i) => s + (v === 1 ? rank[i]! : 0), 0);
  return (sum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** PR-AUC as average precision: the mean, over overturned items, of the precision above their score (tied items counted together). */
export function averagePrecision(y: readonly (0 | 1)[], p: readonly number[]): number {
  const pos = y.filter((v) => v === 1).length;
  if (!pos) return 0;
  const order = p.map((v, i) => i).sort((a, b) => p[b]! - p[a]!);
  let tp = 0;
  let seen = 0;
  let ap = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && p[order[j + 1]!] === p[order[i]!]) j++;
    let gained = 0;
    for (let k = i; k <= j; k++) gained += y[order[k]!]!;
    tp += gained;
    seen += j - i + 1;
    ap += (gained / pos) * (tp / seen);
    i = j + 1;
  }
  return ap;
}

/** Brier score: mean squared difference between probability and outcome (0 is perfect). */
export function brier(y: readonly (0 | 1)[], p: readonly number[]): number {
  return y.length ? y.reduce((s: number, v, i) => s + (p[i]! - v) ** 2, 0) / y.length : 0;
}

/** One row of a calibration table. */
export interface CalibrationBin {
  from: number;
  to: number;
  n: number;
  /** Mean probability given to the bin's items. */
  predicted: number;
  /** Share of them overturned. */
  observed: number;
}

/** Bin edges of the calibration table: narrow where most items sit (low probabilities). */
export const CALIBRATION_EDGES = [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1];

/** Items binned by probability: count, mean probability and observed overturn rate per bin (empty bins kept, with n 0). */
export function calibrationTable(y: readonly (0 | 1)[], p: readonly number[], edges: readonly number[] = CALIBRATION_EDGES): CalibrationBin[] {
  const bins = edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1]!, n: 0, sumP: 0, sumY: 0 }));
  p.forEach((v, i) => {
    const b = bins.find((x, k) => v >= x.from && (v < x.to || k === bins.length - 1))!;
    b.n++;
    b.sumP += v;
    b.sumY += y[i]!;
  });
  return bins.map((b) => ({ from: b.from, to: b.to, n: b.n, predicted: b.n ? b.sumP / b.n : 0, observed: b.n ? b.sumY / b.n : 0 }));
}
