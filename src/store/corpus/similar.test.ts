import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDetermination, originalOf, SUMMARIES, template, tempStore } from '../../../test/store-fixtures.js';

type Ctx = Awaited<ReturnType<typeof tempStore>>;

describe('similar letters (precedents)', () => {
  let ctx: Ctx;
  const ids: Record<string, number> = {};
  const baclofen = template('Baclofen 10 mg #90');
  const odgBaclofen = { ...baclofen, imr: [{ source: 'ODG' as const, document: 'Pain Chapter', sections: [], pages: [], raw: 'ODG Pain Chapter' }] };
  const letters = {
    target: makeDetermination({ n: 1, summary: SUMMARIES[1]!, items: [{ template: baclofen }] }),
    twin: makeDetermination({ n: 2, summary: SUMMARIES[1]!, items: [{ template: baclofen, decision: 'overturned' }] }),
    retro: makeDetermination({ n: 3, summary: SUMMARIES[0]!, items: [{ template: template('RETROSPECTIVE BACLOFEN 10MG #60') }] }),
    otherGuideline: makeDetermination({ n: 4, summary: SUMMARIES[0]!, items: [{ template: odgBaclofen }] }),
    sameClassAndGuideline: makeDetermination({ n: 5, summary: SUMMARIES[1]!, items: [{ template: template('MRI of neck and right hand without contrast') }, { template: template('Norflex 100mg #60') }] }),
    unrelated: makeDetermination({ n: 6, summary: SUMMARIES[1]!, items: [{ template: template('MRI of neck and right hand without contrast') }] }),
  };

  beforeAll(async () => {
    ctx = await tempStore();
    for (const [name, det] of Object.entries(letters)) {
      const r = await ctx.store.determinations.insertDetermination(det, originalOf(det));
      ids[name] = r.id!;
    }
  });
  afterAll(() => ctx.dispose());

  it('ranks letters sharing the treatment and its guideline first, then the treatment, then the category under the guideline; by summary similarity within each', async () => {
    const found = await ctx.store.determinations.similar(ids.target!, 10);
    expect(found.map((l) => l.id)).toEqual([ids.twin, ids.retro, ids.otherGuideline, ids.sameClassAndGuideline]);
    const [twin, retro, other, sameClass] = found;
    expect(twin).toMatchObject({ similarity: 1, sharedTreatments: ['baclofen'], sharedGuidelines: ['Chronic Pain Medical Treatment Guidelines'] });
    expect(twin!.items).toEqual([{ idx: 1, request: 'Baclofen 10 mg #90', decision: 'overturned', treatment: 'baclofen', shared: true }]);
    expect(retro!.similarity).toBeLessThan(1);
    expect(other).toMatchObject({ sharedTreatments: ['baclofen'], sharedGuidelines: [] });
    // A muscle relaxant judged under the same guideline; the MRI beside it is not what the two letters share.
    expect(sameClass!.sharedTreatments).toEqual([]);
    expect(sameClass!.items.map((i) => [i.request, i.shared])).toEqual([
      ['MRI of neck and right hand without contrast', false],
      ['Norflex 100mg #60', true],
    ]);
  });

  it('leaves out the letter itself and letters sharing nothing, and honours the limit', async () => {
    const found = await ctx.store.determinations.similar(ids.target!, 2);
    expect(found.map((l) => l.id)).toEqual([ids.twin, ids.retro]);
    const fromMri = await ctx.store.determinations.similar(ids.unrelated!, 10);
    expect(fromMri.map((l) => l.id)).toEqual([ids.sameClassAndGuideline]);
    expect(await ctx.store.determinations.similar(999_999, 5)).toEqual([]);
  });
});
