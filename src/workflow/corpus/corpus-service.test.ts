import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realLetterPaths } from '../../../test/sample-letters.js';
import { ValidationError } from '../../domain/index.js';
import { parseLetterFile } from '../../letters/index.js';
import { tempStore } from '../../../test/store-fixtures.js';
import { CorpusService } from './corpus-service.js';

describe('CorpusService (real letters)', () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let corpus: CorpusService;

  beforeAll(async () => {
    ctx = await tempStore();
    const letters = [];
    for (const p of realLetterPaths()) {
      const { file, determination } = await parseLetterFile(p);
      letters.push({ determination, original: { text: file.text, format: file.format } });
    }
    await ctx.store.determinations.insertMany(letters);
    corpus = new CorpusService(ctx.store.determinations);
  });
  afterAll(() => ctx.dispose());

  it('searches and counts with the filters given as text, as the repository does with them typed', async () => {
    const page = await corpus.search({ q: 'physical therapy', decision: 'overturned', from: '2016-01-01', to: ' ', limit: 50 });
    expect(page).toEqual(await ctx.store.determinations.search('physical therapy', { decision: 'overturned', from: '2016-01-01', limit: 50 }));
    expect(page.total).toBeGreaterThan(0);
    expect(page.hits.every((h) => h.items.some((i) => i.matchesFilters && i.decision === 'overturned'))).toBe(true);
    const rows = await corpus.stats({ by: 'category', category: 'medication', q: '' });
    expect(rows).toEqual([expect.objectContaining({ key: 'medication' })]);
    expect(rows[0]!.items).toBe((await corpus.stats({ by: 'decision', category: 'medication' })).reduce((n, r) => n + r.items, 0));
  });

  it('refuses a bad filter by name before reading anything', async () => {
    await expect(corpus.search({ q: 'baclofen', from: '2016-02-30' })).rejects.toMatchObject({ issues: [{ path: ['from'], message: '"2016-02-30" is not a date (use YYYY-MM-DD)' }] });
    await expect(corpus.stats({ by: 'month', from: '2017-06-01', to: '2017-01-01' })).rejects.toBeInstanceOf(ValidationError);
    await expect(corpus.search({ q: '', category: 'massage' })).rejects.toMatchObject({ issues: [{ path: ['category'], message: expect.stringMatching(/^"massage" is not one of medication, physical-medicine/) }] });
    await expect(corpus.search({ q: '', caseNumber: "CM16%' OR 1=1" })).rejects.toMatchObject({ issues: [{ path: ['caseNumber'] }] });
  });
});
