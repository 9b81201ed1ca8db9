import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleLetters } from '../../test/sample-letters.js';
import { parseLetterText } from '../letters/index.js';
import { readFileSync } from 'node:fs';
import { newCaseBody, testApi, type TestApi, type TestClient } from '../../test/api-fixtures.js';

const SCRIPT = '<script>alert("x")</script>';
const IMG = '<img src=x onerror=alert(1)>';

describe('letter text is inert in a browser', () => {
  let t: TestApi;
  let ana: TestClient;
  let letterId: number;
  beforeAll(async () => {
    t = await testApi();
    ana = await t.as('ana');
    // A real letter in its Markdown/HTML layout, with markup planted in its clinical summary.
    const sample = sampleLetters().find((l) => readFileSync(l.path, 'utf8').includes('<b>Case Number:</b>'))!;
    const text = readFileSync(sample.path, 'utf8').replace('According to the records made available for review,', `According to the records ${SCRIPT} ${IMG} made available for review,`);
    expect(text).toContain(SCRIPT);
    const parsed = parseLetterText(text, 'hostile.html');
    // The Markdown/HTML reader drops tags; text from the other layouts keeps a literal "<", so the parse is given some too.
    const det = { ...parsed, caseNumber: 'CM99-0000001', clinicalSummary: `${parsed.clinicalSummary} ${SCRIPT}`, items: parsed.items.map((i) => ({ ...i, rationale: `${i.rationale} ${IMG}` })) };
    const res = await t.store.determinations.insertDetermination(det, { text, format: 'html' });
    letterId = res.id;
  });
  afterAll(async () => t.close());

  it('serves a stored HTML letter as plain text, never as a page', async () => {
    const res = await ana.get(`/api/letters/${letterId}/original`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-original-format')).toBe('html');
    expect(res.text).toContain(SCRIPT);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });

  it('escapes letter text in rendered HTML and Markdown letters, and sandboxes the HTML page', async () => {
    const html = await ana.get(`/api/letters/${letterId}/letter?format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.text).not.toContain('<script');
    expect(html.text).not.toContain('<img');
    expect(html.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox");
    const md = await ana.get(`/api/letters/${letterId}/letter?format=md`);
    expect(md.text).not.toContain('<script');
    expect(md.text).toContain('&lt;script&gt;');
  });

  it('returns letter text in JSON only as JSON strings', async () => {
    const res = await ana.get(`/api/letters/${letterId}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.json.determination.clinicalSummary).toContain(SCRIPT);
    expect(res.json.originalFormat).toBe('html');
  });

  it("escapes markup in a case's own text in its issued letter", async () => {
    const cora = await t.as('cora');
    const rita = await t.as('rita');
    let r = await cora.post('/api/cases', newCaseBody(t.letter, ` ${SCRIPT}`));
    const id = r.json.case.id;
    for (const [path, body] of [['eligibility', {}], ['case-number', {}], ['records/request', {}], ['records', { documents: [{ title: 'note', text: IMG }] }], ['reviewer', { reviewerId: 'R-002' }]] as const) {
      r = await cora.post(`/api/cases/${id}/${path}`, { version: r.json.case.version, ...body });
      expect(r.status, r.text).toBe(200);
    }
    const draft = (await rita.get(`/api/cases/${id}/draft`)).json;
    r = await rita.post(`/api/cases/${id}/decisions`, {
      version: r.json.case.version,
      decisions: draft.items.map((i: { index: number; decision: string | null }) => ({ index: i.index, decision: i.decision ?? 'upheld', rationale: `${IMG} The request is decided per the guideline.` })),
    });
    expect(r.json.case.state).toBe('decided');
    const preview = await cora.get(`/api/cases/${id}/issue-preview`);
    expect(preview.json.letter).toContain('<img src=x onerror=alert(1)>');
    expect((await cora.post(`/api/cases/${id}/issue`, { version: r.json.case.version, previewHash: preview.json.previewHash })).status).toBe(200);
    for (const redacted of ['true', 'false']) {
      const letter = await cora.get(`/api/cases/${id}/letter?format=html&redacted=${redacted}`);
      expect(letter.text).not.toMatch(/<script|<img/);
      expect(letter.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
  });

  it('sends the security headers on API answers and keeps case data out of caches', async () => {
    const res = await ana.get('/api/corpus/search?q=baclofen');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('keeps error messages on one line: input they quote has its line breaks and control characters escaped, and a body that is not JSON is not quoted back', async () => {
    const admin = await t.as('admin');
    const path = await admin.get('/api/%0A%1B[2J');
    expect(path.json.error).toBe('no such endpoint: GET /api/\\n\\u001b[2J (see /openapi.json)');
    const reviewer = await admin.get('/api/reviewers/R-%0D%0A1');
    expect(reviewer.json.error).toBe('reviewer R-\\r\\n1 not found');
    const state = await admin.get('/api/cases?state=lost%0Aline');
    expect(state.json.issues[0].message).toMatch(/^"lost\\nline" is not a case state/);
    const body = await admin.request('POST', '/api/users', 'n\nul\u001bl');
    expect(body.json.error).toBe('the request body is not valid JSON');
    const cut = await admin.request('POST', '/api/users', '{"username": "x", ');
    expect(cut.json.error).toMatch(/^the request body is not valid JSON( \(at character \d+\))?$/);
    expect((await admin.request('POST', '/api/users', '  ')).json.error).toBe('the request body is empty: send a JSON object');
  });

  it("answers other methods on the OpenAPI document as unknown endpoints, in the error shape (not with the web UI's plain text)", async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await ana.request(method, '/openapi.json', method === 'DELETE' ? undefined : {});
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: `no such endpoint: ${method} /openapi.json (see /openapi.json)`, code: 'NOT_FOUND', issues: [] });
    }
  });

  it('answers unknown API paths and unexpected failures with the error shape and no internals', async () => {
    const missing = await ana.get('/api/nope');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ code: 'NOT_FOUND', issues: [] });
    const broken = await testApi({ assessor: () => { throw new Error('SELECT secret FROM internals'); } });
    try {
      const res = await (await broken.as('ana')).post('/api/engine/assess', { patient: { age: 40, sex: 'male' }, clinicalSummary: 'x', items: [{ index: 1, request: 'MRI' }] });
      expect(res.status).toBe(500);
      expect(res.json).toEqual({ error: 'internal error', code: 'INTERNAL', issues: [] });
      expect(res.text).not.toContain('SELECT');
    } finally {
      await broken.close();
    }
  });
});
