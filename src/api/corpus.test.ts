import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi, type TestClient } from '../../test/api-fixtures.js';

describe('corpus, letters and engine over HTTP', () => {
  let t: TestApi;
  let pub: TestClient;
  let ana: TestClient;
  beforeAll(async () => {
    t = await testApi();
    [pub, ana] = await Promise.all([t.as('pub'), t.as('ana')]);
  });
  afterAll(async () => t.close());

  it('searches the real letters with filters and pages, the same answer as the store gives', async () => {
    const res = await pub.get('/api/corpus/search?q=baclofen&limit=2');
    expect(res.status).toBe(200);
    const direct = await t.store.determinations.search('baclofen', { limit: 2 });
    expect(res.json.total).toBe(direct.total);
    expect(res.json.items.map((h: { id: number }) => h.id)).toEqual(direct.hits.map((h) => h.id));
    expect(res.json.items[0].snippet).toMatch(/«baclofen»/i);
    expect(res.json.nextOffset).toBe(direct.total > 2 ? 2 : null);
    const next = await pub.get('/api/corpus/search?q=baclofen&limit=2&offset=2');
    expect(next.json.items.map((h: { id: number }) => h.id)).not.toEqual(res.json.items.map((h: { id: number }) => h.id));
    const overturnedMri = await pub.get('/api/corpus/search?q=MRI&decision=overturned&limit=50');
    expect(overturnedMri.json.items.length).toBeGreaterThan(0);
    for (const hit of overturnedMri.json.items) expect(hit.items.some((i: { decision: string; matchesFilters: boolean }) => i.matchesFilters && i.decision === 'overturned')).toBe(true);
  });

  it('refuses bad filters by field', async () => {
    const res = await pub.get('/api/corpus/search?decision=denied&from=2017-01-01&to=2016-01-01&limit=500');
    expect(res.status).toBe(400);
    expect(res.json.issues.map((i: { path: unknown[] }) => i.path.join('.')).sort()).toEqual(['query.decision', 'query.limit']);
    const order = await pub.get('/api/corpus/search?from=2017-01-01&to=2016-01-01');
    expect(order.status).toBe(400);
    expect(order.json.issues[0].path).toEqual(['query', 'from']);
  });

  it('reads whole numbers in queries and paths as decimal digits only, as the command line does (not hex, exponents, signs or nothing)', async () => {
    for (const limit of ['0x10', '1e1', '', '+5', '5.0', '%205']) {
      const res = await pub.get(`/api/corpus/search?q=mri&limit=${limit}`);
      expect(res.status, limit).toBe(400);
      expect(res.json.issues).toEqual([{ path: ['query', 'limit'], message: 'not a whole number' }]);
    }
    expect((await pub.get('/api/corpus/search?q=mri&limit=7')).json.limit).toBe(7);
    const admin = await t.as('admin');
    expect((await admin.get('/api/users/1')).status).toBe(200);
    for (const id of ['0x1', '1e0', '%201', '01.0']) expect((await admin.get(`/api/users/${id}`)).status, id).toBe(400);
  });

  it('gives outcome statistics that add up to the items stored', async () => {
    const res = await ana.get('/api/corpus/stats?by=decision');
    expect(res.status).toBe(200);
    const items = res.json.rows.reduce((s: number, r: { items: number }) => s + r.items, 0);
    const stored = Number((await t.store.db.selectFrom('items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(items).toBe(stored);
    const byCategory = await ana.get('/api/corpus/stats?by=category&q=acupuncture');
    expect(byCategory.json.rows.map((r: { key: string }) => r.key)).toContain('physical-medicine');
  });

  it('gives outcome counts per guideline section cited, each under its document, with a date range cutting months', async () => {
    const res = await ana.get('/api/corpus/stats?by=section&from=2016-11-17&to=2017-02-03');
    expect(res.status).toBe(200);
    const rows = res.json.rows as { key: string; items: number }[];
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) expect(r.key).toMatch(/^.+ § .+$/);
    const direct = await t.store.determinations.stats('section', { from: '2016-11-17', to: '2017-02-03' });
    expect(rows.map((r) => [r.key, r.items])).toEqual(direct.map((r) => [r.key, r.items]));
    expect((await ana.get('/api/corpus/stats?by=chapter')).status).toBe(400);
  });

  it('serves a letter parsed, as received, and rendered, by id or case number', async () => {
    const byNumber = await pub.get('/api/letters/CM16-0230548');
    expect(byNumber.status).toBe(200);
    expect(byNumber.json.determination.caseNumber).toBe('CM16-0230548');
    const byId = await pub.get(`/api/letters/${byNumber.json.id}`);
    expect(byId.json).toEqual(byNumber.json);
    const original = await pub.get(`/api/letters/${byNumber.json.id}/original`);
    expect(original.text).toContain('CM16-0230548');
    const txt = await pub.get('/api/letters/CM16-0230548/letter?format=txt');
    expect(txt.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(txt.text).toContain('CM16-0230548');
    expect((await pub.get('/api/letters/999999')).status).toBe(404);
    expect((await pub.get('/api/letters/not-a-ref')).status).toBe(400);
  });

  it('gives outcome counts per month of decision, matching the letters stored', async () => {
    const res = await ana.get('/api/corpus/stats?by=month');
    expect(res.status).toBe(200);
    const rows = res.json.rows as { key: string | null; items: number }[];
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) expect(r.key === null || /^\d{4}-\d{2}$/.test(r.key)).toBe(true);
    const dec2016 = rows.find((r) => r.key === '2016-12');
    const stored = await t.store.db.selectFrom('items as i').innerJoin('letters as l', 'l.id', 'i.letter_id').select((eb) => eb.fn.countAll().as('n')).where('l.date_decision', 'like', '2016-12-%').executeTakeFirstOrThrow();
    expect(dec2016?.items ?? 0).toBe(Number(stored.n));
  });

  it('finds precedents of a real letter: letters deciding the same treatments, those sharing the guideline first', async () => {
    const letter = (await pub.get('/api/letters/CM16-0230548')).json;
    const treatments = new Set((letter.determination.items as { treatment: { kind: string; name?: string; generic?: string[] } }[]).map((i) => (i.treatment.kind === 'medication' ? i.treatment.generic!.join(' + ') : i.treatment.name)));
    const res = await pub.get('/api/letters/CM16-0230548/similar?limit=8');
    expect(res.status).toBe(200);
    const found = res.json.items as { id: number; sharedTreatments: string[]; sharedGuidelines: string[]; similarity: number; items: { shared: boolean }[] }[];
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((f) => f.id)).not.toContain(letter.id);
    for (const f of found) {
      expect(f.items.some((i) => i.shared)).toBe(true);
      for (const t of f.sharedTreatments) expect(treatments.has(t)).toBe(true);
    }
    const tier = (f: (typeof found)[number]) => (f.sharedTreatments.length ? (f.sharedGuidelines.length ? 2 : 1) : 0);
    for (let i = 1; i < found.length; i++) expect(tier(found[i - 1]!)).toBeGreaterThanOrEqual(tier(found[i]!));
    expect((await pub.get('/api/letters/999999/similar')).status).toBe(404);
    expect((await pub.get('/api/letters/CM16-0230548/similar?limit=500')).status).toBe(400);
  });

  it('drafts a determination from a posted case file, and validates the file by field', async () => {
    const file = { patient: { age: 48, sex: 'male' }, injuryDates: ['2016-10-13'], clinicalSummary: t.letter.clinicalSummary, items: t.letter.items.map((i) => ({ index: i.index, request: i.request })) };
    const res = await ana.post('/api/engine/assess', file);
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(t.letter.items.length);
    expect(res.json.engineVersion).toEqual(expect.any(String));
    // The model's fields beside the rules' (the draft JSON keeps every earlier field).
    expect(res.json.modelVersion).toMatch(/^overturn-lr\/1 /);
    for (const it of res.json.items) {
      expect(it).toHaveProperty('decision');
      expect(it).toHaveProperty('confidence');
      expect(it.probability).toBeGreaterThanOrEqual(0);
      expect(it.probability).toBeLessThanOrEqual(1);
      expect(typeof it.judgmentNeeded).toBe('boolean');
      expect(Array.isArray(it.missingDocumentation)).toBe(true);
    }
    const bad = await ana.post('/api/engine/assess', { ...file, patient: { age: 300, sex: 'x' }, items: [] });
    expect(bad.status).toBe(400);
    expect(bad.json.issues.map((i: { path: unknown[] }) => i.path.join('.')).sort()).toEqual(['items', 'patient.age', 'patient.sex']);
  });

  it('lets anonymous requests act as the public only when the server allows it', async () => {
    expect((await t.anonymous().get('/api/corpus/search?q=mri')).status).toBe(401);
    const open = await testApi({ publicAccess: true });
    try {
      const anon = open.anonymous();
      expect((await anon.get('/api/corpus/search?q=mri')).status).toBe(200);
      expect((await anon.get('/api/published')).status).toBe(200);
      expect((await anon.get('/api/cases')).status).toBe(403);
      expect((await anon.get('/api/auth/session')).status).toBe(401);
    } finally {
      await open.close();
    }
  });
});
