import { describe, expect, it } from 'vitest';
import { chunks } from './multi-row.js';

/** As the writers call it: rows of one column under a limit of `max` parameters. */
const fixedSizeChunks = <T>(rows: readonly T[], max: number): T[][] => chunks(rows, 1, max);

describe('chunks', () => {
  it('keeps every row once, in order, in pieces of the limit or of powers of two', () => {
    for (const [n, max] of [[0, 10], [1, 10], [1000, 2000], [4731, 2000], [37, 8], [12345, 1]] as const) {
      const rows = Array.from({ length: n }, (_, i) => i);
      const parts = fixedSizeChunks(rows, max);
      expect(parts.flat()).toEqual(rows);
      for (const p of parts) {
        expect(p.length).toBeGreaterThan(0);
        expect(p.length === max || (p.length < max && (p.length & (p.length - 1)) === 0), `${n} rows, limit ${max}: piece of ${p.length}`).toBe(true);
      }
    }
  });

  it('uses a handful of distinct sizes however the row counts vary', () => {
    const sizes = new Set<number>();
    for (let n = 1; n <= 5000; n++) for (const p of fixedSizeChunks(Array.from({ length: n }), 2000)) sizes.add(p.length);
    // 2000 and the powers of two below it: 12 in all, where one size per row count would be 2,000.
    expect(sizes.size).toBe(12);
  });
});
