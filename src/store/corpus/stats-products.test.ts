import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realLetterPaths } from '../../../test/sample-letters.js';
import { parseLetterFile } from '../../letters/index.js';
import { tempStore } from '../../../test/store-fixtures.js';

/** Drug statistics of the real letters: per ingredient, per requested product and per class. */
describe('drug statistics by ingredient, product and class (real letters)', () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;

  beforeAll(async () => {
    ctx = await tempStore();
    const paths = realLetterPaths();
    for (const p of paths) {
      const { file, determination } = await parseLetterFile(p);
      await ctx.store.determinations.insertDetermination(determination, { text: file.text, format: file.format });
    }
  });
  afterAll(() => ctx.dispose());

  it('counts a combination product as itself, not under one of its ingredients', async () => {
    const drugs = await ctx.store.determinations.stats('drug');
    const products = await ctx.store.determinations.stats('product');
    const apap = drugs.find((r) => r.key === 'acetaminophen')!;
    expect(apap.items).toBeGreaterThan(1);
    const withApap = products.filter((r) => r.key!.split(' + ').includes('acetaminophen'));
    // Every acetaminophen item is in exactly one product row, and here every one of them is a combination.
    expect(withApap.reduce((n, r) => n + r.items, 0)).toBe(apap.items);
    expect(withApap.some((r) => r.key!.includes(' + '))).toBe(true);
    expect(products.find((r) => r.key === 'acetaminophen')?.items ?? 0).toBe(withApap.filter((r) => r.key === 'acetaminophen').reduce((n, r) => n + r.items, 0));
    expect(products.filter((r) => r.key!.includes(' + ')).length).toBeGreaterThan(2);
    // Each drug item is one product: products sum to the items naming a drug, fewer than the ingredient rows sum to.
    const productItems = products.reduce((n, r) => n + r.items, 0);
    expect(productItems).toBeLessThan(drugs.reduce((n, r) => n + r.items, 0));
  });

  it('counts drug items by class, each item once', async () => {
    const classes = await ctx.store.determinations.stats('drug-class');
    const relaxants = classes.find((r) => r.key === 'muscle-relaxant')!;
    expect(relaxants.items).toBeGreaterThanOrEqual((await ctx.store.determinations.stats('drug', { drug: 'baclofen' })).find((r) => r.key === 'baclofen')!.items);
    // Each class's count is that of the items the class filter admits.
    for (const c of classes) {
      const filtered = await ctx.store.determinations.stats('decision', { drug: c.key! });
      expect(filtered.reduce((n, r) => n + r.items, 0), c.key!).toBe(c.items);
    }
  });
});
