import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realLetterPaths } from '../../../test/sample-letters.js';
import { parseLetterFile } from '../../../src/letters/index.js';
import { tempStore } from '../../../test/store-fixtures.js';
import type { StatsRow } from '../api/types.js';
import { MAX_EMPTY_MONTHS, timeline } from './timeline.js';

describe('the time axis of the outcome chart (real letters)', () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let months: StatsRow[];

  beforeAll(async () => {
    ctx = await tempStore();
    const paths = realLetterPaths();
    for (const p of paths) {
      const { file, determination } = await parseLetterFile(p);
      await ctx.store.determinations.insertDetermination(determination, { text: file.text, format: file.format });
    }
    months = await ctx.store.determinations.stats('month');
  });
  afterAll(() => ctx.dispose());

  it('keeps every month with decisions, in order, and makes a long empty stretch one gap', () => {
    const dated = months.filter((r) => r.key !== null);
    const axis = timeline(months);
    const real = axis.filter((r) => !r.key!.startsWith('gap:'));
    expect(real.filter((r) => r.items > 0).map((r) => r.key)).toEqual(dated.map((r) => r.key).sort());
    expect(real.map((r) => r.key)).toEqual(real.map((r) => r.key).sort());
    // The corpus has a letter of 2014 and then none until late 2016: one gap, not ~30 empty months.
    const gaps = axis.filter((r) => r.key!.startsWith('gap:'));
    expect(gaps.length).toBeGreaterThan(0);
    expect(axis.length).toBeLessThan(dated.length + 2 * MAX_EMPTY_MONTHS + gaps.length + 1);
    for (const g of gaps) {
      const [, first, last] = g.key!.split(':');
      expect(dated.some((r) => r.key! >= first! && r.key! <= last!)).toBe(false);
      expect(g.items).toBe(0);
    }
    // Same counts as the data.
    expect(axis.reduce((n, r) => n + r.items, 0)).toBe(dated.reduce((n, r) => n + r.items, 0));
  });

  it('fills a short empty stretch with zero months so the axis stays even', () => {
    const sparse = months.filter((r) => r.key !== null && r.key >= '2016-12');
    expect(sparse.length).toBeGreaterThan(1);
    // Dropping January leaves a one-month hole that is filled, not made a gap.
    const holed = sparse.filter((r) => r.key !== '2017-01');
    const axis = timeline(holed);
    expect(axis.map((r) => r.key)).toEqual(['2016-12', '2017-01', '2017-02']);
    expect(axis[1]!.items).toBe(0);
  });
});
