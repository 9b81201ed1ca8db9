import { describe, expect, it } from 'vitest';
import { IdRanges } from './id-ranges.js';

/** A small deterministic generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('IdRanges', () => {
  it('answers as a Set would for ids added in any order, merging neighbours', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rnd = lcg(seed);
      const ranges = new IdRanges();
      const set = new Set<number>();
      for (let k = 0; k < 3000; k++) {
        // Mostly runs of consecutive ids (as batches are), sometimes a jump back or ahead.
        const id = rnd() < 0.8 && set.size ? Math.max(...[...set].slice(-1)) + 1 : Math.floor(rnd() * 400);
        ranges.add(id);
        set.add(id);
      }
      for (let id = -2; id < 4000; id++) expect(ranges.has(id), `seed ${seed}, id ${id}`).toBe(set.has(id));
      // Disjoint, non-touching ranges: as many as the set has maximal runs.
      const sorted = [...set].sort((a, b) => a - b);
      const runs = sorted.filter((id, i) => i === 0 || sorted[i - 1] !== id - 1).length;
      expect(ranges.rangeCount).toBe(runs);
    }
  });

  it('keeps a run of consecutive batches as one range', () => {
    const ranges = new IdRanges();
    for (let id = 1; id <= 100_000; id++) ranges.add(id);
    expect(ranges.rangeCount).toBe(1);
    expect(ranges.has(0)).toBe(false);
    expect(ranges.has(100_000)).toBe(true);
    expect(ranges.has(100_001)).toBe(false);
  });
});
