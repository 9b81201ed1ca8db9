import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi, type TestClient } from '../../test/api-fixtures.js';

type Doc = { openapi: string; paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };

describe('the OpenAPI document', () => {
  let t: TestApi;
  let doc: Doc;
  beforeAll(async () => {
    t = await testApi();
    const res = await t.anonymous().get('/openapi.json');
    expect(res.status).toBe(200);
    doc = res.json;
  });
  afterAll(async () => t.close());

  it('documents every route the server answers, and nothing it does not', () => {
    const served = t.api.app.routes
      .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/') || r.path === '/openapi.json') && !r.path.includes('*'))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(served.length).toBeGreaterThan(40);
    expect(new Set(served).size).toBe(served.length);
    expect([...documented].sort()).toEqual([...served].sort());
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resolves every schema reference, and gives each operation its roles and error shape', () => {
    expect(doc.openapi).toBe('3.1.0');
    const refs = new Set<string>();
    JSON.stringify(doc, (k, v) => {
      if (k === '$ref') refs.add(v);
      return v;
    });
    for (const r of refs) expect(doc.components.schemas[r.replace('#/components/schemas/', '')], r).toBeDefined();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op['x-roles'], `${method} ${path}`).toBeInstanceOf(Array);
        if (op.security.length) expect(op.responses['401'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
      }
    }
    expect(doc.components.schemas.Error.required).toEqual(['error', 'code', 'issues']);
  });

  it('documents the error answers the operations give: a failed sign-in (401), an upload refused (413, 415, 422)', () => {
    expect(Object.keys(doc.paths['/api/auth/login']!.post.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '429']));
    expect(Object.keys(doc.paths['/api/letters']!.post.responses)).toEqual(expect.arrayContaining(['401', '403', '413', '415', '422']));
  });

  it('describes query parameters as the validators read them', () => {
    const params = doc.paths['/api/corpus/search']!.get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['q', 'decision', 'drug', 'category', 'from', 'to', 'limit', 'offset']));
    const limit = doc.paths['/api/corpus/search']!.get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200, default: 20 });
    const decide = doc.paths['/api/cases/{ref}/decisions']!.post;
    expect(decide.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['path:ref', 'header:X-CSRF-Token']);
    expect(decide.responses['409']).toBeDefined();
  });

  it('lists as required exactly the body fields the server refuses to go without', async () => {
    const clients: Record<string, TestClient> = {};
    const clientFor = async (roles: string[]) => {
      const who = roles.includes('any signed-in user') || roles.includes('anyone') ? 'ana' : roles.includes('coordinator') ? 'cora' : roles.includes('admin') ? 'admin' : roles.includes('reviewer') ? 'rita' : 'ana';
      return (clients[who] ??= await t.as(who));
    };
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const ref = op.requestBody?.content['application/json']?.schema.$ref as string | undefined;
        if (!ref) continue;
        const schema = doc.components.schemas[ref.replace('#/components/schemas/', '')];
        const required: string[] = schema.required ?? [];
        const url = path.replace('{ref}', '1').replace('{id}', '1').replace('{caseNumber}', 'CM16-0000001');
        const res = await (await clientFor(op['x-roles'])).request(method.toUpperCase(), url, {});
        if (required.length === 0) continue;
        expect(res.status, `${method} ${path}: ${res.text}`).toBe(400);
        const missing = new Set(res.json.issues.map((i: { path: unknown[] }) => String(i.path[0])));
        expect([...missing].sort(), `${method} ${path}`).toEqual([...required].sort());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });
});
