import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, testApi, type TestApi, type TestClient } from '../../test/api-fixtures.js';

type Entry = { seq: number; actor: string; action: string; at: string; caseId: number | null };

describe('the audit trail filtered and paged by the server', () => {
  let t: TestApi;
  let admin: TestClient;
  let cora: TestClient;
  let first: { id: number; caseNumber: string };
  let second: { id: number };
  beforeAll(async () => {
    t = await testApi();
    [admin, cora] = await Promise.all([t.as('admin'), t.as('cora')]);
    // Two cases from the real letter on two days, a reviewer registered on a third, by two people.
    t.setNow('2016-12-05T17:00:00Z');
    let r = await cora.post('/api/cases', newCaseBody(t.letter));
    const id1 = r.json.case.id as number;
    r = await cora.post(`/api/cases/${id1}/eligibility`, { version: 1 });
    r = await cora.post(`/api/cases/${id1}/case-number`, { version: 2 });
    first = { id: id1, caseNumber: r.json.case.caseNumber };
    t.setNow('2016-12-06T09:30:00Z');
    r = await admin.post('/api/cases', newCaseBody(t.letter, ' Second case.'));
    second = { id: r.json.case.id };
    await admin.post(`/api/cases/${second.id}/eligibility`, { version: 1 });
    t.setNow('2016-12-07T23:59:59Z');
    await admin.post('/api/reviewers', { id: 'R-200', name: 'Dr. Late', boardCertifications: ['Neurology'], licensureStates: ['CA'], yearsInPractice: 8, hoursPerWeek: 30 });
  });
  afterAll(async () => t.close());

  const items = async (query: string): Promise<{ total: number; items: Entry[]; nextOffset: number | null }> => {
    const r = await admin.get(`/api/audit?${query}`);
    expect(r.status, r.text).toBe(200);
    return r.json;
  };

  it('keeps the entries of one case, given by its number or its id', async () => {
    const byNumber = await items(`caseNumber=${first.caseNumber.toLowerCase()}&limit=50`);
    expect(byNumber.items.map((e) => e.action)).toEqual(['open', 'check-eligibility', 'assign-case-number']);
    expect(byNumber.items.every((e) => e.caseId === first.id)).toBe(true);
    expect((await items(`caseId=${first.id}&limit=50`)).items).toEqual(byNumber.items);
    const unknown = await admin.get('/api/audit?caseNumber=CM16-9999999');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toBe('case CM16-9999999 not found');
  });

  it('keeps an actor by any part of the name, an action exactly, and UTC days with both ends included', async () => {
    const byAdmin = await items('actor=ADM&limit=200');
    // The setup's own entries are by "setup"; the admin's sign-in and writes of this test remain.
    expect(byAdmin.items.map((e) => `${e.actor}:${e.action}`)).toEqual(['admin:login', 'admin:open', 'admin:check-eligibility', 'admin:add-reviewer']);
    const eligibility = await items('action=check-eligibility&limit=200');
    expect(eligibility.items.map((e) => e.caseId)).toEqual([first.id, second.id]);
    expect((await items('action=check-eligibility&actor=cora')).items.map((e) => e.caseId)).toEqual([first.id]);
    const day = await items('from=2016-12-06&to=2016-12-06&limit=200');
    expect(day.items.map((e) => e.action)).toEqual(['open', 'check-eligibility']);
    expect(day.items.every((e) => e.at.startsWith('2016-12-06'))).toBe(true);
    // The last second of a day is on that day.
    expect((await items('from=2016-12-07&to=2016-12-07')).items.map((e) => e.action)).toEqual(['add-reviewer']);
    expect((await items('to=2016-12-04')).total).toBe(0);
  });

  it('pages what the filters keep, newest first on request, counting all of it', async () => {
    const all = await items('actor=a&limit=200');
    expect(all.total).toBeGreaterThanOrEqual(6);
    const page1 = await items('actor=a&order=desc&limit=2');
    const page2 = await items('actor=a&order=desc&limit=2&offset=2');
    expect(page1.total).toBe(all.total);
    expect(page1.nextOffset).toBe(2);
    const newestFirst = [...all.items].reverse().map((e) => e.seq);
    expect([...page1.items, ...page2.items].map((e) => e.seq)).toEqual(newestFirst.slice(0, 4));
  });

  it('refuses bad filters by field name, and keeps the trail to admins', async () => {
    const bad = await admin.get('/api/audit?from=16-12-01&action=Issue%20it&caseNumber=CM16&order=up');
    expect(bad.status).toBe(400);
    expect(bad.json.issues.map((i: { path: unknown[] }) => i.path.join('.')).sort()).toEqual(['query.action', 'query.caseNumber', 'query.from', 'query.order']);
    const reversed = await admin.get('/api/audit?from=2016-12-07&to=2016-12-05');
    expect(reversed.status).toBe(400);
    expect(reversed.json).toMatchObject({ error: expect.stringMatching(/reversed: from 2016-12-07 is after to 2016-12-05/), issues: [{ path: ['to'] }] });
    const both = await admin.get(`/api/audit?caseId=${first.id}&caseNumber=${first.caseNumber}`);
    expect(both.status).toBe(400);
    expect((await cora.get('/api/audit?actor=cora')).status).toBe(403);
  });
});
