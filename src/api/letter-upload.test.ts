import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi, type TestClient } from '../../test/api-fixtures.js';
import { DWC_PDF, DWC_TXT } from '../../test/sample-letters.js';

/** A real letter under a case number the corpus does not have: new content. */
function freshLetter(number: string): string {
  return readFileSync(join(DWC_TXT, 'CM16-0246487.txt'), 'utf8').replaceAll('CM16-0246487', number);
}

describe('uploading a letter (POST /api/letters)', () => {
  let t: TestApi;
  let cora: TestClient;
  beforeAll(async () => {
    t = await testApi();
    cora = await t.as('cora');
  });
  afterAll(async () => t.close());

  it('stores a new letter (201 with Location), parsed as imr ingest parses it, and audits who uploaded it', async () => {
    const before = await t.store.determinations.count();
    const res = await cora.upload('CM99-0000101.txt', freshLetter('CM99-0000101'));
    expect(res.status, res.text).toBe(201);
    expect(res.json).toEqual({ status: 'ingested', id: expect.any(Number), caseNumber: 'CM99-0000101', source: 'CM99-0000101.txt', originalFormat: 'txt', href: `/api/letters/${res.json.id}` });
    expect(res.headers.get('location')).toBe(`/api/letters/${res.json.id}`);
    expect(await t.store.determinations.count()).toBe(before + 1);

    const stored = await cora.get(res.json.href);
    expect(stored.status).toBe(200);
    expect(stored.json.determination).toMatchObject({ caseNumber: 'CM99-0000101', source: 'CM99-0000101.txt' });
    expect((await cora.get('/api/corpus/search?q=CM99-0000101')).json.items.map((h: { id: number }) => h.id)).toContain(res.json.id);

    const audit = await (await t.as('admin')).get('/api/audit?limit=200');
    const entry = audit.json.items.find((e: { action: string }) => e.action === 'ingest-letter');
    expect(entry).toMatchObject({ actor: 'cora', caseId: null, after: { letterId: res.json.id, source: 'CM99-0000101.txt', format: 'txt', caseNumber: 'CM99-0000101' } });
    expect((await (await t.as('admin')).get('/api/audit/verify')).json.verified).toBe(true);
  });

  it('answers a letter already stored with 200 naming it, writing nothing, whatever its name or declared type', async () => {
    const first = await cora.upload('CM99-0000102.txt', freshLetter('CM99-0000102'));
    expect(first.status).toBe(201);
    const letters = await t.store.determinations.count();
    const entries = (await t.store.audit.list()).length;
    for (const [name, type] of [['CM99-0000102.txt', 'text/plain'], ['another name.md', 'text/markdown'], ['x.html', 'text/html; charset=utf-8']] as const) {
      const again = await cora.upload(name, freshLetter('CM99-0000102'), type);
      expect(again.status, again.text).toBe(200);
      expect(again.json).toMatchObject({ status: 'duplicate', id: first.json.id, source: 'CM99-0000102.txt', href: first.json.href });
      expect(again.headers.get('location')).toBeNull();
    }
    // A letter of the shared corpus, stored by the fixture, is a duplicate too.
    const known = await cora.upload('CM16-0246487.txt', readFileSync(join(DWC_TXT, 'CM16-0246487.txt')));
    expect(known.json).toMatchObject({ status: 'duplicate', caseNumber: 'CM16-0246487' });
    expect(await t.store.determinations.count()).toBe(letters);
    expect((await t.store.audit.list()).length).toBe(entries);
  });

  it('reads a published PDF uploaded as application/pdf, and a letter uploaded by an admin', async () => {
    const pdf = new Uint8Array(readFileSync(join(DWC_PDF, 'CM16-0230548.pdf')));
    const res = await cora.upload('CM16-0230548.pdf', pdf, 'application/pdf');
    // The fixture stored this letter from its text version; the text of its PDF is other content.
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ caseNumber: 'CM16-0230548', originalFormat: 'pdf', source: 'CM16-0230548.pdf' });
    expect((await cora.get(`${res.json.href}/original`)).headers.get('x-original-format')).toBe('pdf');
    const again = await cora.upload('again.pdf', pdf, 'application/pdf');
    expect(again.json).toMatchObject({ status: 'duplicate', id: res.json.id });
    const admin = await t.as('admin');
    const byAdmin = await admin.upload('CM99-0000103.md', freshLetter('CM99-0000103'), 'text/markdown');
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.json.originalFormat).toBe('md');
  });

  it('is documented as an upload: the file types it takes, its limit, and the answers it gives', async () => {
    const doc = (await t.anonymous().get('/openapi.json')).json;
    const op = doc.paths['/api/letters'].post;
    expect(Object.keys(op.requestBody.content).sort()).toEqual(['application/pdf', 'text/html', 'text/markdown', 'text/plain']);
    expect(op['x-max-bytes']).toBe(10 * 1024 * 1024);
    expect(op['x-roles']).toEqual(['admin', 'coordinator']);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(['name', 'X-CSRF-Token']);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '201', '401', '403', '413', '415', '422', '400', '503', '421'].sort());
  });
});
