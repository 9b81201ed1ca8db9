/**
 * The merge of finds held in typed arrays (sorted by counting passes when
 * there are many) gives what the merge of finds as objects (sorted by
 * comparison) gave: the same spans, each named by the same category, ties of
 * equal priority going to the one found first.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeHits as referenceMerge } from '../../../test/deid/reference/hits.js';
import { CATEGORIES, HitList, mergeHits, type Hit } from './hits.js';

function merged(hits: Hit[]): Hit[] {
  const list = new HitList();
  for (const h of hits) list.push(h);
  return mergeHits(list).toArray();
}

/** Finds crowded into a short stretch (many share a start or an end), or spread over offsets past 65,536 (both 16-bit digits used). */
const hitsArb = fc.oneof(
  fc.array(
    fc.record({ category: fc.constantFrom(...CATEGORIES), start: fc.nat({ max: 300 }), length: fc.nat({ max: 12 }) }),
    { maxLength: 3_000 },
  ),
  fc.array(
    fc.record({ category: fc.constantFrom(...CATEGORIES), start: fc.nat({ max: 5_000_000 }), length: fc.nat({ max: 200_000 }) }),
    { minLength: 256, maxLength: 2_000 },
  ),
).map((hs) => hs.map(({ category, start, length }) => ({ category, start, end: start + length })));

describe('merging finds', () => {
  it('gives the spans and categories the object merge gave, few finds or many (property)', () => {
    fc.assert(
      fc.property(hitsArb, (hits) => {
        expect(merged(hits)).toEqual(referenceMerge(hits.map((h) => ({ ...h }))));
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('names a place by the first found of two equal priorities, with many finds', () => {
    // Phone and claim number have the same priority: which was found first names the place.
    const filler: Hit[] = Array.from({ length: 400 }, (_, k) => ({ category: 'person', start: 1000 + 10 * k, end: 1005 + 10 * k }));
    expect(merged([...filler, { category: 'phone', start: 5, end: 17 }, { category: 'claim-number', start: 5, end: 17 }])[0]).toEqual({ category: 'phone', start: 5, end: 17 });
    expect(merged([...filler, { category: 'claim-number', start: 5, end: 17 }, { category: 'phone', start: 5, end: 17 }])[0]).toEqual({ category: 'claim-number', start: 5, end: 17 });
  });
});
