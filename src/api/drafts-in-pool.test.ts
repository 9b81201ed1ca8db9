import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseAssessment, CaseFile } from '../domain/index.js';
import { JobPool } from '../workflow/jobs/index.js';
import { newCaseBody, testApi, type TestApi } from '../../test/api-fixtures.js';

const RECORDS = [{ title: 'PR-2 progress report', date: '2016-11-28', text: 'Neck pain after a fall at work. Exam: tenderness, full strength, intact sensation. Plan: MRI, acupuncture.' }];

/** A job pool that counts the drafts it is asked for; the drafting itself is the real pool's. */
class CountingPool extends JobPool {
  drafts = 0;
  override async assessCase(file: CaseFile): Promise<CaseAssessment> {
    this.drafts++;
    return super.assessCase(file);
  }
}

describe('the engine draft of a case entering review', () => {
  let t: TestApi;
  const pool = new CountingPool();
  beforeAll(async () => {
    t = await testApi({ jobs: pool });
  });
  afterAll(async () => {
    await t.close();
    await pool.close();
  });

  it('is drafted in the job pool, off the event loop, and stored as the draft the reviewer sees', async () => {
    const cora = await t.as('cora');
    const opened = await cora.post('/api/cases', newCaseBody(t.letter));
    const id = opened.json.case.id;
    await cora.post(`/api/cases/${id}/eligibility`, { version: 1 });
    await cora.post(`/api/cases/${id}/case-number`, { version: 2 });
    await cora.post(`/api/cases/${id}/records/request`, { version: 3, electronic: true });
    await cora.post(`/api/cases/${id}/records`, { version: 4, documents: RECORDS });
    expect(pool.drafts).toBe(0);
    const assigned = await cora.post(`/api/cases/${id}/reviewer`, { version: 5, reviewerId: 'R-002' });
    expect(assigned.json.case).toMatchObject({ state: 'in-review' });
    expect(pool.drafts).toBe(1);
    const stored = await t.store.drafts.get(id);
    expect(stored?.assessment.items.length).toBe(t.letter.items.length);
    // The reviewer's view of the draft is the stored one: no second run.
    const rita = await t.as('rita');
    const draft = await rita.get(`/api/cases/${id}/draft`);
    expect(draft.status).toBe(200);
    expect(draft.json.items.map((i: { index: number }) => i.index)).toEqual(stored!.assessment.items.map((i) => i.index));
    expect(pool.drafts).toBe(1);
  });
});
