import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseAssessment } from '../../domain/index.js';
import type { Store } from '../engines/db.js';
import { aCase, tempStore } from '../../../test/store-fixtures.js';

/** A draft as the engine makes one (the store keeps it whole, whatever engine made it). */
function draft(engineVersion: string, modelVersion: string | null, probability: number): CaseAssessment {
  return {
    engineVersion,
    modelVersion,
    items: [
      {
        index: 1,
        request: 'MRI of the cervical spine',
        treatment: { kind: 'procedure', category: 'imaging', name: 'mri', laterality: null, levels: [], bodyParts: ['cervical'] },
        decision: 'upheld',
        flagged: false,
        flagReason: null,
        guideline: null,
        guidelineEntryId: 'mri-cervical',
        criteria: [{ id: 'mri-cervical.nerve-compromise', description: 'nerve compromise', status: 'not-documented', evidence: [] }],
        rationale: 'Not medically necessary.',
        confidence: 0.6,
        probability,
        recommendation: probability >= 0.5 ? 'overturned' : 'upheld',
        judgmentNeeded: false,
        missingDocumentation: [{ criterionId: 'mri-cervical.nerve-compromise', request: 'Document nerve compromise.' }],
      },
    ],
  };
}

describe('stored drafts', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, dispose } = await tempStore());
  });
  afterEach(() => dispose());

  it('keeps the draft of a case whole with its versions; a new one replaces it; none before', async () => {
    const c = await store.cases.insert(aCase('CM17-0000001'));
    expect(await store.drafts.get(c.id)).toBeNull();
    const first = draft('engine 1', 'model 1', 0.07);
    await store.drafts.save(c.id, first, '2017-01-02T10:00:00.000Z');
    const got = await store.drafts.get(c.id);
    expect(got).toMatchObject({ caseId: c.id, engineVersion: 'engine 1', modelVersion: 'model 1', createdAt: '2017-01-02T10:00:00.000Z' });
    expect(got!.assessment.items[0]).toMatchObject({ probability: 0.07, recommendation: 'upheld', missingDocumentation: [{ request: 'Document nerve compromise.' }] });
    await store.drafts.save(c.id, draft('engine 2', null, 0.8), '2017-01-03T10:00:00.000Z');
    expect(await store.drafts.get(c.id)).toMatchObject({ engineVersion: 'engine 2', modelVersion: null });
    expect(await store.drafts.page(0, 10)).toHaveLength(1);
  });

  it('belongs to a stored case', async () => {
    await expect(store.drafts.save(4242, draft('e', null, 0.1), '2017-01-02T10:00:00.000Z')).rejects.toThrow(/foreign key/i);
  });
});
