/** A reproducible pseudo-random source (mulberry32): the same seed gives the same folds and resamples on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
