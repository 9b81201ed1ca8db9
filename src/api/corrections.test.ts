import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, testApi, type TestApi, type TestClient } from '../../test/api-fixtures.js';

const RECORDS = [{ title: 'PR-2 progress report', date: '2016-11-28', text: 'Neck pain after a fall at work. Exam: tenderness, full strength, intact sensation. Plan: MRI, acupuncture.' }];
const RATIONALE = (n: number) => `Rationale for item ${n}: the guideline criteria were weighed against the records. The request is decided accordingly.`;

describe('corrections of an issued determination over HTTP, each step by its role', () => {
  let t: TestApi;
  let cora: TestClient;
  let rita: TestClient;
  let otto: TestClient;
  let id: number;
  let caseNumber: string;
  let version: number;
  beforeAll(async () => {
    t = await testApi();
    [cora, rita, otto] = await Promise.all([t.as('cora'), t.as('rita'), t.as('otto')]);
    // The real letter CM16-0230548 as a case, decided by rita as the engine drafted it, issued by cora.
    let r = await cora.post('/api/cases', newCaseBody(t.letter));
    id = r.json.case.id;
    const step = async (who: TestClient, path: string, body: object) => {
      r = await who.post(`/api/cases/${id}/${path}`, { version: r.json.case.version, ...body });
      expect(r.status, `${path}: ${r.text}`).toBe(200);
    };
    await step(cora, 'eligibility', {});
    await step(cora, 'case-number', {});
    await step(cora, 'records/request', { electronic: true });
    await step(cora, 'records', { documents: RECORDS });
    await step(cora, 'reviewer', { reviewerId: 'R-002' });
    const draft = (await rita.get(`/api/cases/${id}/draft`)).json.items.map((i: { recommendation: string }) => i.recommendation);
    await step(rita, 'decisions', {
      decisions: [
        { index: 1, decision: draft[0], guidelines: 'MTUS Neck and Upper Back Complaints 2004', rationale: RATIONALE(1) },
        { index: 2, decision: draft[1], guidelines: 'MTUS Acupuncture Treatment 2007', rationale: RATIONALE(2) },
      ],
    });
    const preview = await cora.get(`/api/cases/${id}/issue-preview`);
    await step(cora, 'issue', { previewHash: preview.json.previewHash });
    caseNumber = r.json.case.case.caseNumber;
    version = r.json.case.case.version;
  });
  afterAll(async () => t.close());

  it('a coordinator corrects clerical facts as previewed; a decision is not among them, and a reviewer may not', async () => {
    const before = (await cora.get(`/api/cases/${id}`)).json.case;
    // Parties given without their providers keep the case's providers (the redaction removes them by name).
    const parties = { worker: { ...before.parties.worker, address: '1243 Orchard Lane, Fresno, CA 93721' }, employer: before.parties.employer, claimsAdministrator: before.parties.claimsAdministrator };
    const fix = { correction: { injuryDates: ['2016-10-31'], urDecisionDate: '2016-12-02', parties }, reason: 'injury and UR dates, and the street number, mistyped at intake' };
    expect((await rita.post(`/api/cases/${id}/corrections/clerical/preview`, fix)).status).toBe(403);
    const clinical = await cora.post(`/api/cases/${id}/corrections/clerical/preview`, { correction: { decisions: [{ index: 1, decision: 'overturned' }] }, reason: 'x' });
    expect(clinical.status).toBe(400);
    expect(clinical.json.issues.map((i: { path: unknown[] }) => i.path.join('.'))).toEqual(['correction']);
    expect(clinical.json.issues[0].message).toMatch(/decisions/);
    const badDate = await cora.post(`/api/cases/${id}/corrections/clerical/preview`, { correction: { injuryDates: ['10/31/2016'] }, reason: 'x' });
    expect(badDate.json.issues.map((i: { path: unknown[] }) => i.path.join('.'))).toEqual(['correction.injuryDates.0']);

    const preview = await cora.post(`/api/cases/${id}/corrections/clerical/preview`, fix);
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ caseNumber, version: 2 });
    expect(preview.json.letter).toMatch(/^Corrected: version 2, replacing version 1/);
    expect(preview.json.published.dates).toMatchObject({ injury: ['2016-10-31'], urDenial: '2016-12-02' });
    const stale = await cora.post(`/api/cases/${id}/corrections/clerical`, { ...fix, version, previewHash: 'e'.repeat(64) });
    expect(stale.json.code).toBe('PREVIEW_STALE');
    const done = await cora.post(`/api/cases/${id}/corrections/clerical`, { ...fix, version, previewHash: preview.json.previewHash });
    expect(done.status).toBe(200);
    expect(done.json.issued).toMatchObject({ version: 2, issuedBy: 'cora', reason: 'injury and UR dates, and the street number, mistyped at intake' });
    expect(done.json.case.case.parties).toEqual({ ...before.parties, worker: parties.worker });
    expect(done.json.case.case.parties.providers.length).toBeGreaterThan(0);
    version = done.json.case.case.version;
    const pub = await (await t.as('pub')).get(`/api/published/${caseNumber}`);
    expect(pub.json).toMatchObject({ version: 2, determination: { dates: { injury: ['2016-10-31'] } } });
  });

  it('a coordinator asks the reviewer, whose queue shows the note; the reviewer answers; the coordinator previews and issues it', async () => {
    const note = 'Item 1: the rationale cites the wrong chapter; please correct the citation and rationale.';
    expect((await rita.post(`/api/cases/${id}/corrections/request`, { version, note })).status).toBe(403);
    const asked = await cora.post(`/api/cases/${id}/corrections/request`, { version, note });
    expect(asked.status).toBe(200);
    expect(asked.json.case.correction).toMatchObject({ requestedBy: 'cora', note, made: null });
    expect(asked.json.actions).toEqual(expect.arrayContaining(['correct-clerical', 'cancel-correction']));
    expect(asked.json.actions).not.toContain('request-correction');
    expect(asked.json.actions).not.toContain('issue-correction');
    version = asked.json.case.version;
    expect((await cora.post(`/api/cases/${id}/corrections/request`, { version, note })).json).toMatchObject({ code: 'TRANSITION', error: expect.stringMatching(/already requested by cora/) });

    // In the reviewer's queue, marked; their case page carries the note, and answering is what they may do.
    const queue = await rita.get('/api/cases?limit=50');
    expect(queue.json.items.find((c: { id: number }) => c.id === id)).toMatchObject({ state: 'issued', correction: 'requested' });
    const seen = await rita.get(`/api/cases/${id}`);
    expect(seen.json.case.correction.note).toBe(note);
    expect(seen.json.actions).toEqual(['make-correction']);
    expect((await otto.post(`/api/cases/${id}/corrections/request/answer`, { version, decisions: [{ index: 1, decision: 'upheld', rationale: 'x' }], reason: 'x' })).status).toBe(404);
    expect((await cora.post(`/api/cases/${id}/corrections/request/answer`, { version, decisions: [{ index: 1, decision: 'upheld', rationale: 'x' }], reason: 'x' })).status).toBe(403);
    expect((await cora.get(`/api/cases/${id}/corrections/request/preview`)).json.error).toMatch(/has not been made by the reviewer yet/);

    const decided = seen.json.case.decisions[0];
    const fixed = `${RATIONALE(1)} The chapter is ACOEM Chapter 8.`;
    const answer = { version, decisions: [{ index: 1, decision: decided.decision, guidelines: 'ACOEM Chapter 8 Neck and Upper Back Complaints', rationale: fixed }], reason: 'wrong chapter cited' };
    const noReason = await rita.post(`/api/cases/${id}/corrections/request/answer`, { ...answer, reason: ' ' });
    expect(noReason.json.issues.map((i: { path: unknown[] }) => i.path.join('.'))).toEqual(['reason']);
    const made = await rita.post(`/api/cases/${id}/corrections/request/answer`, answer);
    expect(made.status, made.text).toBe(200);
    expect(made.json.case.correction.made).toMatchObject({ by: 'rita', reason: 'wrong chapter cited' });
    version = made.json.case.version;
    expect((await cora.get('/api/cases?limit=50')).json.items.find((c: { id: number }) => c.id === id).correction).toBe('made');
    expect((await rita.get(`/api/cases/${id}/corrections/request/preview`)).status).toBe(403);
    expect((await rita.post(`/api/cases/${id}/corrections/request/issue`, { version, previewHash: 'a'.repeat(64) })).status).toBe(403);

    const coraView = await cora.get(`/api/cases/${id}`);
    expect(coraView.json.actions).toEqual(expect.arrayContaining(['issue-correction', 'cancel-correction']));
    const preview = await cora.get(`/api/cases/${id}/corrections/request/preview`);
    expect(preview.json.version).toBe(3);
    expect(preview.json.letter).toMatch(/^Corrected: version 3, replacing version 2/);
    expect(preview.json.letter).toContain('The chapter is ACOEM Chapter 8.');
    const issued = await cora.post(`/api/cases/${id}/corrections/request/issue`, { version, previewHash: preview.json.previewHash });
    expect(issued.status).toBe(200);
    expect(issued.json.issued).toMatchObject({ version: 3, issuedBy: 'cora', reason: 'wrong chapter cited' });
    expect(issued.json.case.case.correction).toBeNull();
    expect(issued.json.case.case.decisions[0]).toMatchObject({ rationale: fixed, decidedBy: 'rita' });
    version = issued.json.case.case.version;
    const latest = await (await t.as('pub')).get(`/api/published/${caseNumber}/letter?format=txt`);
    expect(latest.text).toMatch(/^Corrected: version 3, replacing version 2/);

    const history = await cora.get(`/api/cases/${id}/history?limit=50`);
    expect(history.json.items.slice(-8).map((e: { actor: string; action: string }) => `${e.actor}:${e.action}`)).toEqual([
      'cora:correct-clerical',
      'cora:issue-determination',
      'cora:withdraw-published',
      'cora:request-correction',
      'rita:make-correction',
      'cora:issue-correction',
      'cora:issue-determination',
      'cora:withdraw-published',
    ]);
    const verified = await (await t.as('admin')).get('/api/audit/verify');
    expect(verified.json).toMatchObject({ verified: true, error: null });
  });

  it('a coordinator cancels a request: it leaves the queue and nothing is issued', async () => {
    const asked = await cora.post(`/api/cases/${id}/corrections/request`, { version, note: 'Item 2: check the number of visits.' });
    version = asked.json.case.version;
    const cancelled = await cora.post(`/api/cases/${id}/corrections/request/cancel`, { version });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.case.correction).toBeNull();
    version = cancelled.json.case.version;
    expect((await rita.get('/api/cases?limit=50')).json.items.find((c: { id: number }) => c.id === id).correction).toBeNull();
    expect((await cora.get(`/api/cases/${id}/determinations`)).json.items).toHaveLength(3);
    expect((await cora.post(`/api/cases/${id}/corrections/request/cancel`, { version })).status).toBe(409);
  });
});
