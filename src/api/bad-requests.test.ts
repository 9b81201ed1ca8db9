/**
 * Bad requests to the HTTP API, as a client (or an attacker) sends them:
 * each is answered with the one JSON error shape, `{ error, code, issues }`,
 * its message on one line and a validation error naming each bad field, and
 * a refused request writes nothing. Rows of docs/bad-input.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody, testApi, type TestApi, type TestClient, type TestResponse } from '../../test/api-fixtures.js';

describe('bad requests to the API', () => {
  let t: TestApi;
  let admin: TestClient;
  let cora: TestClient;
  let ana: TestClient;
  /** What a write changes: audit entries, cases and their versions, users, reviewers, letters. */
  let stored: () => Promise<unknown>;
  beforeAll(async () => {
    t = await testApi();
    [admin, cora, ana] = await Promise.all([t.as('admin'), t.as('cora'), t.as('ana')]);
    stored = async () => {
      const cases = await t.store.db.selectFrom('cases').select(['id', 'version', 'state']).orderBy('id').execute();
      const users = await t.store.db.selectFrom('users').select(['id', 'version']).orderBy('id').execute();
      const reviewers = await t.store.db.selectFrom('reviewers').select(['id', 'version']).orderBy('id').execute();
      return { audit: (await t.store.audit.list()).length, letters: await t.store.determinations.count(), cases, users, reviewers };
    };
  });
  afterAll(async () => t.close());

  /** Refused with `status` and `code` in the error shape, one line, and nothing written. */
  async function refused(send: () => Promise<TestResponse>, status: number, code: string): Promise<TestResponse> {
    const before = await stored();
    const res = await send();
    expect(res.status, res.text).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(res.json).sort()).toEqual(['code', 'error', 'issues']);
    expect(res.json.code).toBe(code);
    expect(res.json.error).not.toMatch(/[\r\n]/);
    if (code === 'VALIDATION') expect(res.json.issues.length).toBeGreaterThan(0);
    expect(await stored()).toEqual(before);
    return res;
  }

  const fields = (res: TestResponse) => res.json.issues.map((i: { path: unknown[] }) => i.path.join('.')).sort();

  it('a request body that is not valid JSON (cut short, text, empty, with a line break): 400 on one line, without the body quoted back', async () => {
    for (const body of ['{"username": "ana", "passw', 'username=ana&password=x', 'n\nul\u001bl', '{"a":1}{"a":2}', '']) {
      const res = await refused(() => admin.request('POST', '/api/users', body), 400, 'VALIDATION');
      expect(res.json.error).toMatch(/^the request body (is not valid JSON( \(at character \d+\))?|is empty: send a JSON object)$/);
      expect(res.json.issues).toEqual([{ path: [], message: expect.any(String) }]);
    }
  });

  it('a JSON body that is not an object (null, an array, a string, a number too large for a double)', async () => {
    for (const body of ['null', '[]', '"a string"', '1e309', 'true']) {
      const res = await refused(() => cora.request('POST', '/api/cases', body), 400, 'VALIDATION');
      expect(res.json.issues).toEqual([{ path: [], message: expect.stringMatching(/^Invalid input: expected object, received/) }]);
    }
  });

  it('fields of the wrong type, out of range or missing (a version as text, zero, 1e309 or -0; a limit of 0)', async () => {
    const c = await cora.post('/api/cases', newCaseBody(t.letter));
    for (const version of ['"1"', '0', '1e309', '-0', '1.5', 'null']) {
      const res = await refused(() => cora.request('POST', `/api/cases/${c.json.case.id}/eligibility`, `{"version": ${version}}`), 400, 'VALIDATION');
      expect(fields(res)).toEqual(['version']);
    }
    const user = await refused(() => admin.post('/api/users', { username: 7, role: 'root', password: ['x'] }), 400, 'VALIDATION');
    expect([...new Set(fields(user))]).toEqual(['password', 'role', 'username']);
    const missing = await refused(() => admin.post('/api/users', {}), 400, 'VALIDATION');
    expect(fields(missing)).toEqual(['password', 'role', 'username']);
    const query = await refused(() => cora.get('/api/cases?limit=0&offset=-1&flagged=yes'), 400, 'VALIDATION');
    expect(fields(query)).toEqual(['query.flagged', 'query.limit', 'query.offset']);
  });

  it('unknown fields and prototype keys in a body (state, id, version, __proto__, constructor): ignored, never stored or applied', async () => {
    const body = JSON.parse(JSON.stringify(newCaseBody(t.letter)));
    Object.assign(body, { id: 1, state: 'issued', version: 99, reviewerId: 'R-002', issuedVersion: 3, decisions: [{ index: 1, decision: 'overturned' }] });
    const text = JSON.stringify(body).replace(/^\{/, '{"__proto__": {"state": "issued", "isAdmin": true}, "constructor": {"prototype": {"polluted": true}},');
    const res = await cora.request('POST', '/api/cases', text);
    expect(res.status, res.text).toBe(201);
    expect(res.json.case).toMatchObject({ state: 'received', version: 1, reviewerId: null, issuedVersion: 0, decisions: [] });
    expect(res.json.case.id).not.toBe(1);
    const raw = await t.store.db.selectFrom('cases').select('data').where('id', '=', res.json.case.id).executeTakeFirstOrThrow();
    expect(raw.data).not.toMatch(/isAdmin|polluted|__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    // An analyst's account patched with a role hidden behind __proto__ keeps its role.
    const anaUser = (await admin.get('/api/users?limit=200')).json.items.find((u: { username: string }) => u.username === 'ana');
    const patched = await admin.request('PATCH', `/api/users/${anaUser.id}`, `{"version": ${anaUser.version}, "__proto__": {"role": "admin"}, "displayName": "Ana"}`);
    expect(patched.json).toMatchObject({ role: 'analyst', displayName: 'Ana' });
  });

  it('a JSON body over the 8 MB limit: 413, the rest of it never read', async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"clinicalSummary":"'));
        sent += chunk.length;
        if (sent > 50 * 1024 * 1024) return controller.close();
        controller.enqueue(chunk);
      },
    });
    const res = await refused(() => ana.request('POST', '/api/engine/assess', stream), 413, 'PAYLOAD_TOO_LARGE');
    expect(res.json.error).toBe('the request body is larger than 8 MB, the most this server accepts');
    expect(sent).toBeLessThanOrEqual(8 * 1024 * 1024 + 3 * chunk.length);
    const declared = await refused(() => admin.request('POST', '/api/users', '{}', { 'content-length': String(9 * 1024 * 1024) }), 413, 'PAYLOAD_TOO_LARGE');
    expect(declared.json.error).toMatch(/larger than 8 MB/);
  });

  it('a body sent as a form, as text or with no type: 415 (a foreign page can send those without asking)', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', '']) {
      const res = await refused(() => admin.request('POST', '/api/users', '{"username":"form","role":"admin","password":"a long enough password"}', { 'content-type': type }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(res.json.error).toMatch(/^send the body as application\/json/);
    }
  });

  it('SQL metacharacters in query strings and bodies: searched and stored as text, the tables untouched', async () => {
    const hostile = ["'; DROP TABLE letters; --", '" OR 1=1 --', "x' OR '1'='1", '%', '_'];
    const letters = await t.store.determinations.count();
    for (const q of hostile) {
      const search = await ana.get(`/api/corpus/search?q=${encodeURIComponent(q)}&drug=${encodeURIComponent(q)}&guideline=${encodeURIComponent(q)}`);
      expect(search.status, search.text).toBe(200);
      expect(search.json.total).toBe(0);
      expect((await ana.get(`/api/corpus/stats?by=drug&specialty=${encodeURIComponent(q)}`)).json.rows).toEqual([]);
    }
    const reviewer = await cora.post('/api/reviewers', { id: 'R-200', name: hostile[0], boardCertifications: [hostile[1]], licensureStates: ['CA'], yearsInPractice: 3, hoursPerWeek: 10 });
    expect(reviewer.status, reviewer.text).toBe(201);
    expect((await cora.get('/api/reviewers/R-200')).json).toMatchObject({ name: hostile[0], boardCertifications: [hostile[1]] });
    expect(await t.store.determinations.count()).toBe(letters);
    expect((await ana.get('/api/corpus/search?q=baclofen')).json.total).toBeGreaterThan(0);
  });

  it('unknown routes and methods (PUT /api/cases, DELETE /api/users/1, POST /openapi.json, a trailing slash): 404 in the error shape', async () => {
    for (const [method, path] of [['PUT', '/api/cases'], ['DELETE', '/api/users/1'], ['GET', '/api/nope'], ['GET', '/api/cases/'], ['OPTIONS', '/api/health'], ['POST', '/openapi.json'], ['DELETE', '/openapi.json'], ['GET', '/api']] as const) {
      const res = await refused(() => admin.request(method, path), 404, 'NOT_FOUND');
      expect(res.json.error).toBe(`no such endpoint: ${method} ${path} (see /openapi.json)`);
    }
    const broken = await refused(() => admin.get('/api/%0A%1B[2J'), 404, 'NOT_FOUND');
    expect(broken.json.error).toBe('no such endpoint: GET /api/\\n\\u001b[2J (see /openapi.json)');
  });

  it('path parameters that are not ids or case numbers (broken escapes, 20 digits, hex and exponents, line breaks): 400 or 404, on one line', async () => {
    for (const [path, status] of [['/api/cases/%ZZ', 400], ['/api/letters/99999999999999999999', 400], ['/api/users/1e309', 400], ['/api/published/CM16-0000000', 404], ['/api/cases/999999999999', 404]] as const) {
      await refused(() => admin.get(path), status, status === 400 ? 'VALIDATION' : 'NOT_FOUND');
    }
    // Ids are decimal digits only, as on the command line: not hex, exponents, spaces or nothing, each of which once named another user.
    for (const id of ['0x10', '1e1', '%201', '1.0']) {
      const res = await refused(() => admin.get(`/api/users/${id}`), 400, 'VALIDATION');
      expect(res.json.issues).toEqual([{ path: ['path', 'id'], message: 'not a whole number' }]);
    }
    const broken = await refused(() => cora.get('/api/reviewers/R-%0D%0A1%1B%5B31m'), 404, 'NOT_FOUND');
    expect(broken.json.error).toBe('reviewer R-\\r\\n1\\u001b[31m not found');
    const state = await refused(() => cora.get('/api/cases?state=lost%0Aline'), 400, 'VALIDATION');
    expect(state.json.issues[0].message).toMatch(/^"lost\\nline" is not a case state/);
  });

  it('query values that are not numbers, repeated keys, broken percent-encoding: 400 naming the field, the last of a repeated key, the escape taken literally', async () => {
    const bad = await refused(() => ana.get('/api/corpus/search?limit=ten&offset=1e3&decision=denied'), 400, 'VALIDATION');
    expect(fields(bad)).toEqual(['query.decision', 'query.limit', 'query.offset']);
    for (const limit of ['0x10', '1e1', '', '+5', '5.0']) expect((await ana.get(`/api/corpus/search?limit=${limit}`)).status, limit).toBe(400);
    const repeated = await ana.get('/api/corpus/search?q=baclofen&limit=500&limit=2');
    expect(repeated.json).toMatchObject({ limit: 2 });
    const escape = await ana.get('/api/corpus/search?q=%ZZ%E0%A4%A&drug=%');
    expect(escape.status).toBe(200);
    const long = await refused(() => ana.get(`/api/corpus/search?q=${'x'.repeat(501)}`), 400, 'VALIDATION');
    expect(fields(long)).toEqual(['query.q']);
  });

  it('a session cookie that is forged, malformed or of a disabled account: 401 and the cookie cleared', async () => {
    for (const cookie of ['imr_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'imr_session=%ZZ', 'imr_session="x"; imr_session=y', `imr_session=${'A'.repeat(4000)}`]) {
      const c = t.anonymous();
      c.cookie = cookie;
      const res = await refused(() => c.get('/api/cases'), 401, 'UNAUTHENTICATED');
      expect(res.headers.get('www-authenticate')).toBe('Cookie realm="openimr"');
    }
    const otto = await t.as('otto');
    const user = (await admin.get('/api/users?limit=200')).json.items.find((u: { username: string }) => u.username === 'otto');
    expect((await admin.patch(`/api/users/${user.id}`, { version: user.version, disabled: true })).status).toBe(200);
    const res = await refused(() => otto.get('/api/cases'), 401, 'UNAUTHENTICATED');
    expect(res.headers.get('set-cookie')).toMatch(/imr_session=;.*Max-Age=0/);
  });

  it('a write naming a version the record no longer has (a case, a user): 409, nothing changed', async () => {
    const c = await cora.post('/api/cases', newCaseBody(t.letter));
    const id = c.json.case.id;
    expect((await cora.post(`/api/cases/${id}/eligibility`, { version: 1 })).status).toBe(200);
    const stale = await refused(() => cora.post(`/api/cases/${id}/case-number`, { version: 1 }), 409, 'CONFLICT');
    expect(stale.json.error).toMatch(/was changed by someone else \(version 2, expected 1\)/);
    const user = (await admin.get('/api/users?limit=200')).json.items.find((u: { username: string }) => u.username === 'pub');
    await refused(() => admin.patch(`/api/users/${user.id}`, { version: user.version + 5, displayName: 'Stale' }), 409, 'CONFLICT');
    // A step the case is not in the state for is a conflict with its state.
    await refused(() => cora.post(`/api/cases/${id}/issue`, { version: 2, previewHash: 'ab'.repeat(32) }), 409, 'TRANSITION');
    await refused(() => cora.get(`/api/cases/${id}/issue-preview`), 409, 'TRANSITION');
  });
});
