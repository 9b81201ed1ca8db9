import { seededRandom } from '../../domain/index.js';

/** The values shuffled (Fisher-Yates) by `random`; the input is left as it was. */
export function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Assigns each group to one of `k` folds: groups shuffled by the seed, then
 * dealt round-robin, so fold sizes differ by at most one group.
 */
export function groupFolds(groups: readonly string[], k: number, seed: number): Map<string, number> {
  const distinct = [...new Set(groups)].sort();
  return new Map(shuffled(distinct, seededRandom(seed)).map((g, i) => [g, i % k]));
}
