import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realLetterPaths } from '../../../test/sample-letters.js';
import { parseLetterFile } from '../../../src/letters/index.js';
import { tempStore } from '../../../test/store-fixtures.js';
import { BODY_REGIONS, wordsWith } from './mentions.js';

describe('body region and diagnosis filters (real letters)', () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  const texts = new Map<number, string>();

  beforeAll(async () => {
    ctx = await tempStore();
    const paths = realLetterPaths();
    for (const p of paths) {
      const { file, determination } = await parseLetterFile(p);
      const { id } = await ctx.store.determinations.insertDetermination(determination, { text: file.text, format: file.format });
      // What the search reads of a letter: its summary, requests and rationales.
      const indexed = [determination.clinicalSummary, ...determination.items.flatMap((i) => [i.request, i.rationale])].join(' ');
      texts.set(id, indexed.toLowerCase().replace(/\s+/g, ' '));
    }
  });
  afterAll(() => ctx.dispose());

  const ids = async (q: string) => (await ctx.store.determinations.search(q, { limit: 200 })).hits.map((h) => h.id);
  const names = (text: string, terms: string[]) => terms.some((t) => new RegExp(`\\b${t.replace(/"/g, '').replace(/ /g, '\\s+')}\\b`).test(text));

  it('a region keeps exactly the letters naming it, among those the words match', async () => {
    for (const region of ['cervical', 'knee', 'lumbar']) {
      const { terms } = BODY_REGIONS[region]!;
      const found = await ids(wordsWith('', region, undefined));
      expect(found.length, region).toBeGreaterThan(0);
      expect(found.length, region).toBeLessThan(texts.size);
      for (const [id, text] of texts) expect(found.includes(id), `${region} letter ${id}`).toBe(names(text, terms));
    }
    // With words, both must hold.
    const both = await ids(wordsWith('baclofen', 'cervical', undefined));
    for (const id of both) expect(texts.get(id)).toContain('baclofen');
    expect(both.length).toBeLessThanOrEqual((await ids('baclofen')).length);
  });

  it('a diagnosis is matched as a phrase, quotes typed in it cannot break the query', async () => {
    const found = await ids(wordsWith(undefined, undefined, 'carpal tunnel'));
    expect(found.length).toBeGreaterThan(0);
    for (const [id, text] of texts) expect(found.includes(id)).toBe(/carpal\s+tunnel/.test(text));
    expect(await ids(wordsWith(undefined, undefined, '"carpal tunnel*'))).toEqual(found);
    expect(wordsWith('x', 'nowhere', '  ')).toBe('x');
  });
});
