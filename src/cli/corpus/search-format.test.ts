import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realLetterPaths } from '../../../test/sample-letters.js';
import { parseLetterFile } from '../../letters/index.js';
import { tempStore } from '../../../test/store-fixtures.js';
import { formatHits } from './search-command.js';

describe('search results for people (real letters)', () => {
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

  it('says a common word ranks letters alike instead of printing "score 0.00"', async () => {
    const text = formatHits(await ctx.store.determinations.search('pain', { limit: 10 }));
    expect(text).not.toMatch(/score \d/);
    expect(text).toContain('about equally relevant');
    expect(text).not.toContain('relevance ');
  });

  it('shows a rarer word\'s relevance as a share of the best hit', async () => {
    const page = await ctx.store.determinations.search('baclofen', { limit: 10 });
    const shares = [...formatHits(page).matchAll(/relevance (\d+)%/g)].map((m) => Number(m[1]));
    expect(shares.length).toBe(page.hits.length);
    expect(shares[0]).toBe(100);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    expect(Math.min(...shares)).toBeLessThan(95);
  });
});
