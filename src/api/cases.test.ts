import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, testApi, type TestApi, type TestClient } from '../../test/api-fixtures.js';

const RECORDS = [{ title: 'PR-2 progress report', date: '2016-11-28', text: 'Neck pain after a fall at work. Exam: tenderness, full strength, intact sensation. Plan: MRI, acupuncture.' }];
const RATIONALE = (n: number) => `Rationale for item ${n}: the guideline criteria were weighed against the records. The request is decided accordingly.`;

/** Takes a new case through intake to a reviewer, as the coordinator. Returns its id and version. */
async function caseInReview(t: TestApi, cora: TestClient, reviewerId: string, extra = ''): Promise<{ id: number; version: number; caseNumber: string }> {
  let r = await cora.post('/api/cases', newCaseBody(t.letter, extra));
  expect(r.status).toBe(201);
  const id = r.json.case.id as number;
  const step = async (path: string, body: object) => {
    r = await cora.post(`/api/cases/${id}/${path}`, { version: r.json.case.version, ...body });
    expect(r.status, `${path}: ${r.text}`).toBe(200);
  };
  await step('eligibility', {});
  await step('case-number', {});
  await step('records/request', { electronic: true });
  await step('records', { documents: RECORDS });
  await step('reviewer', { reviewerId });
  return { id, version: r.json.case.version, caseNumber: r.json.case.caseNumber };
}

describe('cases over HTTP', () => {
  let t: TestApi;
  let cora: TestClient;
  let rita: TestClient;
  let otto: TestClient;
  beforeAll(async () => {
    t = await testApi();
    [cora, rita, otto] = await Promise.all([t.as('cora'), t.as('rita'), t.as('otto')]);
  });
  afterAll(async () => t.close());

  it('runs a real case from application to an issued, redacted letter, each step by its role, versioned and audited', async () => {
    const opened = await cora.post('/api/cases', newCaseBody(t.letter));
    expect(opened.status).toBe(201);
    expect(opened.json.case).toMatchObject({ state: 'received', version: 1, caseNumber: null });
    expect(opened.json.actions).toEqual(['check-eligibility', 'terminate']);
    expect(opened.headers.get('etag')).toBe('"1"');
    const id = opened.json.case.id;

    const eligible = await cora.post(`/api/cases/${id}/eligibility`, { version: 1 });
    expect(eligible.json.case).toMatchObject({ state: 'eligible', version: 2 });
    const numbered = await cora.post(`/api/cases/${id}/case-number`, { version: 2 });
    const caseNumber = numbered.json.case.caseNumber;
    expect(caseNumber).toMatch(/^CM16-\d{7}$/);
    await cora.post(`/api/cases/${id}/records/request`, { version: 3, electronic: true });
    await cora.post(`/api/cases/${id}/records`, { version: 4, documents: RECORDS });

    // A reviewer tied to the employer is refused with the reason; the free one is assigned.
    const tied = await cora.post(`/api/cases/${id}/reviewer`, { version: 5, reviewerId: 'R-001' });
    expect(tied.status).toBe(422);
    expect(tied.json.code).toBe('ASSIGNMENT');
    expect(tied.json.issues.map((i: { message: string }) => i.message).join(' ')).toMatch(/employer/);
    const candidates = await cora.get(`/api/cases/${caseNumber}/candidates`);
    expect(candidates.json.items.map((m: { reviewer: { id: string } }) => m.reviewer.id)).toContain('R-002');
    const assigned = await cora.post(`/api/cases/${caseNumber}/reviewer`, { version: 5, reviewerId: 'R-002' });
    expect(assigned.json.case).toMatchObject({ state: 'in-review', reviewerId: 'R-002', version: 6 });
    expect(assigned.json.actions).toEqual(['assign-reviewer', 'terminate']);

    // The reviewer sees the case with what they may do, and the engine's draft.
    const seen = await rita.get(`/api/cases/${caseNumber}`);
    expect(seen.status).toBe(200);
    expect(seen.json.actions).toEqual(['decide']);
    const draft = await rita.get(`/api/cases/${id}/draft`);
    expect(draft.status).toBe(200);
    expect(draft.json.items).toHaveLength(2);
    // The draft stored when the case entered review, with its model's probability and recommendation per item.
    expect(draft.json.modelVersion).toMatch(/^overturn-lr\/1 /);
    for (const i of draft.json.items) expect(i.recommendation).toBe(i.probability >= 0.5 ? 'overturned' : 'upheld');
    const engine = draft.json.items.map((i: { recommendation: string }) => i.recommendation) as string[];

    // Coordinators do not decide; decisions are validated per field.
    expect((await cora.post(`/api/cases/${id}/decisions`, { version: 6, decisions: [{ index: 1, decision: 'upheld', rationale: 'x' }] })).status).toBe(403);
    const bad = await rita.post(`/api/cases/${id}/decisions`, { version: 6, decisions: [{ index: 9, decision: 'denied', rationale: '' }] });
    expect(bad.status).toBe(400);
    expect(bad.json.issues.map((i: { path: unknown[] }) => i.path.join('.'))).toEqual(['decisions.0.decision']);
    const unknownItem = await rita.post(`/api/cases/${id}/decisions`, { version: 6, decisions: [{ index: 9, decision: 'upheld', rationale: 'x' }] });
    expect(unknownItem.status).toBe(400);
    expect(unknownItem.json.issues[0].path).toEqual(['items', 9]);
    const other = engine[0] === 'upheld' ? 'overturned' : 'upheld';
    const noReason = await rita.post(`/api/cases/${id}/decisions`, { version: 6, decisions: [{ index: 1, decision: other, rationale: RATIONALE(1) }] });
    expect(noReason.status).toBe(400);
    expect(noReason.json.issues).toEqual([{ path: ['items', 1, 'overrideReason'], message: expect.stringMatching(/needs an override reason/) }]);

    const first = await rita.post(`/api/cases/${id}/decisions`, { version: 6, decisions: [{ index: 1, decision: engine[0], guidelines: 'MTUS Neck and Upper Back Complaints 2004', rationale: RATIONALE(1) }] });
    expect(first.status).toBe(200);
    expect(first.json.case).toMatchObject({ state: 'in-review', version: 7 });
    // A second decision naming the version both read is refused, and changes nothing.
    const stale = await rita.post(`/api/cases/${id}/decisions`, { version: 6, decisions: [{ index: 2, decision: engine[1], rationale: RATIONALE(2) }] });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ code: 'CONFLICT', error: expect.stringMatching(/version 7, expected 6/) });
    expect((await rita.get(`/api/cases/${id}`)).json.case.decisions).toHaveLength(1);
    const done = await rita.post(`/api/cases/${id}/decisions`, { version: 7, decisions: [{ index: 2, decision: engine[1], guidelines: 'MTUS Acupuncture Treatment 2007', rationale: RATIONALE(2) }] });
    expect(done.json.case).toMatchObject({ state: 'decided', version: 8 });

    // Issuing is the coordinator's, and only of the letter previewed: the preview shows the letter as it would be
    // published and each removal marked in its field; a hash other than the preview's publishes nothing.
    expect((await rita.get(`/api/cases/${id}/issue-preview`)).status).toBe(403);
    const preview = await cora.get(`/api/cases/${id}/issue-preview`);
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ caseNumber, version: 1, previewHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(preview.json.letter).toContain('[INJURED WORKER]');
    expect(preview.json.letter).not.toMatch(/Gonzalez|Whitfield/);
    const marked = preview.json.fields.flatMap((f: { segments: { text: string; removed: string | null }[] }) => f.segments.filter((s) => s.removed));
    expect(marked).toContainEqual(expect.objectContaining({ text: expect.stringMatching(/Gonzalez/), removed: 'worker', replacement: '[INJURED WORKER]' }));
    const summary = preview.json.fields.find((f: { field: string }) => f.field === 'clinicalSummary');
    expect(summary.segments.map((s: { text: string }) => s.text).join('')).toContain('Mr. Gonzalez was seen by Dr. Whitfield');
    expect((await rita.post(`/api/cases/${id}/issue`, { version: 8, previewHash: preview.json.previewHash })).status).toBe(403);
    const unseen = await cora.post(`/api/cases/${id}/issue`, { version: 8 });
    expect(unseen.status).toBe(400);
    expect(unseen.json.issues.map((i: { path: unknown[] }) => i.path.join('.'))).toEqual(['previewHash']);
    const otherHash = await cora.post(`/api/cases/${id}/issue`, { version: 8, previewHash: '0'.repeat(64) });
    expect(otherHash.status).toBe(409);
    expect(otherHash.json.code).toBe('PREVIEW_STALE');
    expect((await (await t.as('pub')).get(`/api/published/${caseNumber}`)).status).toBe(404);
    const issued = await cora.post(`/api/cases/${id}/issue`, { version: 8, previewHash: preview.json.previewHash });
    expect(issued.status).toBe(200);
    expect(issued.json.issued).toMatchObject({ version: 1, issuedBy: 'cora', withdrawn: null });
    expect(issued.json.case.case.state).toBe('issued');

    const pub = await (await t.as('pub')).get(`/api/published/${caseNumber}`);
    expect(pub.status).toBe(200);
    const text = JSON.stringify(pub.json);
    expect(text).not.toMatch(/Gonzalez|Whitfield|Sunrise Packaging|SCIF-05512877/);
    expect(text).toContain('[INJURED WORKER]');
    const internal = await cora.get(`/api/cases/${id}/letter?format=txt&redacted=false`);
    expect(internal.text).toContain('Gonzalez');
    const pdf = await rita.get(`/api/cases/${id}/letter?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    // Every write is in the audit trail under the signed-in user's name.
    const history = await cora.get(`/api/cases/${id}/history?limit=50`);
    expect(history.json.items.map((e: { actor: string; action: string }) => `${e.actor}:${e.action}`)).toEqual([
      'cora:open',
      'cora:check-eligibility',
      'cora:assign-case-number',
      'cora:request-records',
      'cora:receive-records',
      'cora:assign-reviewer',
      'cora:store-draft',
      'rita:decide',
      'rita:decide',
      'cora:issue',
      'cora:issue-determination',
    ]);
    const admin = await t.as('admin');
    const verified = await admin.get('/api/audit/verify');
    expect(verified.json).toMatchObject({ verified: true, error: null });
    // A state edited in the database behind the trail's back is named by the same check.
    const { sql } = await import('kysely');
    const row = await t.store.db.selectFrom('cases').select(['id', 'state', 'case_number']).where('state', '=', 'issued').executeTakeFirstOrThrow();
    await sql`UPDATE cases SET state = 'decided' WHERE id = ${row.id}`.execute(t.store.db);
    try {
      const tampered = await admin.get('/api/audit/verify');
      expect(tampered.json.verified).toBe(false);
      expect(tampered.json.error).toBe(`case ${row.case_number}.state: is "decided" in the database but "issued" by its audit trail`);
    } finally {
      await sql`UPDATE cases SET state = 'issued' WHERE id = ${row.id}`.execute(t.store.db);
    }

    // A correction is published as "Corrected" and replaces version 1 for the public; a withdrawn version is gone.
    const correction = { decisions: [{ index: 1, decision: engine[0], guidelines: 'MTUS Neck and Upper Back Complaints 2004', rationale: `${RATIONALE(1)} (Citation corrected.)` }], reason: 'citation corrected' };
    const correctionPreview = await rita.post(`/api/cases/${id}/corrections/preview`, correction);
    expect(correctionPreview.status).toBe(200);
    expect(correctionPreview.json.letter).toMatch(/^Corrected: version 2, replacing version 1/);
    expect((await rita.post(`/api/cases/${id}/corrections`, { ...correction, version: issued.json.case.case.version })).status).toBe(400);
    expect((await rita.post(`/api/cases/${id}/corrections`, { ...correction, version: issued.json.case.case.version, previewHash: 'a'.repeat(64) })).json.code).toBe('PREVIEW_STALE');
    const corrected = await rita.post(`/api/cases/${id}/corrections`, { ...correction, version: issued.json.case.case.version, previewHash: correctionPreview.json.previewHash });
    expect(corrected.status).toBe(200);
    const pubClient = await t.as('pub');
    const latest = await pubClient.get(`/api/published/${caseNumber}/letter?format=txt`);
    expect(latest.text).toMatch(/^Corrected: version 2, replacing version 1/);
    expect((await pubClient.get(`/api/published/${caseNumber}?version=1`)).status).toBe(404);
    const versions = await cora.get(`/api/cases/${id}/determinations`);
    expect(versions.json.items.map((v: { version: number; withdrawn: { reason: string } | null }) => [v.version, v.withdrawn?.reason ?? null])).toEqual([
      [1, 'replaced by corrected version 2'],
      [2, null],
    ]);
    expect((await rita.post(`/api/cases/${id}/withdraw`, { reason: 'leak' })).status).toBe(403);
    const withdrawn = await cora.post(`/api/cases/${id}/withdraw`, { reason: 'a relative is named in the summary' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json).toMatchObject({ version: 2, withdrawn: { by: 'cora', reason: 'a relative is named in the summary' } });
    expect((await pubClient.get(`/api/published/${caseNumber}`)).status).toBe(404);
    expect((await pubClient.get(`/api/published/${caseNumber}/letter?format=html`)).status).toBe(404);
    expect((await pubClient.get('/api/published?limit=100')).json.items.map((i: { caseNumber: string }) => i.caseNumber)).not.toContain(caseNumber);
    expect((await cora.post(`/api/cases/${id}/withdraw`, { reason: 'again' })).status).toBe(404);
    const trail = await cora.get(`/api/cases/${id}/history?limit=50`);
    expect(trail.json.items.slice(-2).map((e: { actor: string; action: string }) => `${e.actor}:${e.action}`)).toEqual(['rita:withdraw-published', 'cora:withdraw-published']);
  });

  it('shows a reviewer only their own cases: any other answers 404 exactly as a case that does not exist', async () => {
    const mine = await caseInReview(t, cora, 'R-002');
    const theirs = await caseInReview(t, cora, 'R-004');
    const list = await rita.get('/api/cases?limit=200');
    expect(list.status).toBe(200);
    const ids = list.json.items.map((c: { id: number }) => c.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(list.json.items.every((c: { reviewerId: string }) => c.reviewerId === 'R-002')).toBe(true);

    const hidden = await rita.get(`/api/cases/${theirs.id}`);
    const missing = await rita.get('/api/cases/999999');
    expect(hidden.status).toBe(404);
    expect(hidden.json).toEqual({ ...missing.json, error: missing.json.error.replace('999999', String(theirs.id)) });
    for (const path of ['draft', 'history', 'determinations', 'letter']) expect((await rita.get(`/api/cases/${theirs.id}/${path}`)).status).toBe(404);
    const write = await rita.post(`/api/cases/${theirs.caseNumber}/decisions`, { version: theirs.version, decisions: [{ index: 1, decision: 'upheld', rationale: 'x' }] });
    expect(write.status).toBe(404);
    expect((await otto.get(`/api/cases/${theirs.id}`)).status).toBe(200);
  });

  it('refuses case data to analysts and the public by role (403), whatever the case', async () => {
    const ana = await t.as('ana');
    const pub = await t.as('pub');
    for (const c of [ana, pub]) {
      expect((await c.get('/api/cases')).status).toBe(403);
      expect((await c.get('/api/cases/1')).status).toBe(403);
      expect((await c.get('/api/cases/999999')).status).toBe(403);
      expect((await c.get('/api/reviewers')).status).toBe(403);
    }
    expect((await pub.post('/api/engine/assess', {})).status).toBe(403);
  });

  it('does not publish a case that has issued nothing: 404 as for a number never used', async () => {
    const open = await caseInReview(t, cora, 'R-004');
    const pub = await t.as('pub');
    const unissued = await pub.get(`/api/published/${open.caseNumber}`);
    const never = await pub.get('/api/published/CM99-9999999');
    expect(unissued.status).toBe(404);
    expect(never.status).toBe(404);
    expect(unissued.json.code).toBe(never.json.code);
    const listed = await pub.get('/api/published?limit=200');
    expect(listed.json.items.map((i: { caseNumber: string }) => i.caseNumber)).not.toContain(open.caseNumber);
  });

  it('pages case lists the same way as every listing, and validates query fields by name', async () => {
    const page1 = await cora.get('/api/cases?limit=2');
    expect(page1.json).toMatchObject({ limit: 2, offset: 0, totalExact: true });
    expect(page1.json.items).toHaveLength(2);
    expect(page1.json.nextOffset).toBe(2);
    const all = await cora.get(`/api/cases?limit=200`);
    expect(all.json.total).toBe(page1.json.total);
    expect(all.json.nextOffset).toBeNull();
    const inReview = await cora.get('/api/cases?state=in-review,decided');
    expect(inReview.json.items.every((c: { state: string }) => ['in-review', 'decided'].includes(c.state))).toBe(true);
    // A case waiting for its records (requested electronically on 12-05: due 12-19) is at risk on 12-16.
    let r = await cora.post('/api/cases', newCaseBody(t.letter));
    for (const [path, body] of [['eligibility', {}], ['case-number', {}], ['records/request', { electronic: true }]] as const) r = await cora.post(`/api/cases/${r.json.case.id}/${path}`, { version: r.json.case.version, ...body });
    t.setNow('2016-12-16T17:00:00Z');
    const flagged = await cora.get('/api/cases?flagged=true&limit=200');
    t.setNow('2016-12-05T17:00:00Z');
    expect(flagged.json.items.map((c: { id: number }) => c.id)).toContain(r.json.case.id);
    expect(flagged.json.items.length).toBeGreaterThan(0);
    expect(flagged.json.items.every((c: { urgency: string | null }) => c.urgency !== null)).toBe(true);
    const bad = await cora.get('/api/cases?limit=0&state=lost');
    expect(bad.status).toBe(400);
    expect(bad.json.issues.map((i: { path: unknown[] }) => i.path.join('.')).sort()).toEqual(['query.limit', 'query.state']);
  });

  it('validates a new case field by field, and stores nothing of a bad one', async () => {
    const before = await t.store.cases.count();
    const body = newCaseBody(t.letter) as { application: object; file: { items: unknown[] } };
    const res = await cora.post('/api/cases', { ...body, application: { ...body.application, receivedDate: '12/05/2016' }, file: { ...body.file, items: [] } });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('VALIDATION');
    expect(res.json.issues.map((i: { path: unknown[] }) => i.path.join('.')).sort()).toEqual(['application.receivedDate', 'file.items']);
    const notJson = await cora.request('POST', '/api/cases', '{"priority":', {});
    expect(notJson.status).toBe(400);
    expect(notJson.json.error).toMatch(/not valid JSON/);
    expect(await t.store.cases.count()).toBe(before);
  });
});
