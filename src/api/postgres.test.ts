/**
 * The API over a PostgreSQL store (the postgres test project's cluster):
 * text PostgreSQL cannot hold (U+0000) is refused at the door rather than
 * failing in the database, and the API fuzzers run here too, against the
 * same contract as on SQLite (validators.fuzz.test.ts), with fewer cases.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi, type TestClient } from '../../test/api-fixtures.js';
import { fuzzApi, prepareApiFuzz, type ApiFuzzTarget } from '../../test/fuzz/api-fuzz.js';
import { fuzzSettings, fuzzTestTimeout } from '../../test/fuzz/config.js';
import { DWC_TXT } from '../../test/sample-letters.js';
import { tempDatabase, type TestDatabase } from '../../test/test-databases.js';

describe('the API on PostgreSQL', () => {
  let db: TestDatabase;
  let t: TestApi;
  let admin: TestClient;
  beforeAll(async () => {
    db = await tempDatabase();
    t = await testApi({}, { path: db.target });
    admin = await t.as('admin');
  });
  afterAll(async () => {
    await t.close();
    await db.dispose();
  });

  it('refuses the NUL character in bodies, queries and paths with 400 naming the field (PostgreSQL cannot store or compare it), never a 500', async () => {
    const before = (await t.store.audit.list()).length;
    const cases: [string, string, unknown, string[]][] = [
      ['POST', '/api/auth/login', { username: 'ana\u0000', password: 'x' }, ['username']],
      ['GET', '/api/reviewers/R-%00', undefined, ['path.id']],
      ['GET', '/api/corpus/search?q=pain&drug=a%00b&guideline=%00', undefined, ['query.drug', 'query.guideline']],
      ['GET', '/api/corpus/stats?by=drug&specialty=%00', undefined, ['query.specialty']],
      // (A name with NUL is refused by the name's own rule, one line without control characters: src/domain/primitives/label.test.ts.)
      ['POST', '/api/reviewers', { id: 'R-500', name: 'Dr. Ada Park', boardCertifications: ['x\u0000', 'y\u0000'], licensureStates: ['CA'], yearsInPractice: 1, hoursPerWeek: 1 }, ['boardCertifications.0', 'boardCertifications.1']],
      ['POST', '/api/engine/assess', { patient: { age: 40, sex: 'male' }, clinicalSummary: 'x', facts: { 'a\u0000': true }, items: [{ index: 1, request: 'MRI' }] }, ['facts.a\u0000']],
    ];
    for (const [method, path, body, fields] of cases) {
      const res = await admin.request(method, path, body);
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(400);
      expect(res.json.issues.map((i: { path: unknown[] }) => i.path.join('.')).sort()).toEqual(fields);
      expect(res.json.issues[0].message).toBe('contains the NUL character (U+0000), which no text may');
    }
    expect((await t.store.audit.list()).length).toBe(before);
  });

  it('answers 404 for ids and versions of 2^31 and above, which PostgreSQL integers cannot hold, as for any id not there', async () => {
    const big = [2 ** 31, 2 ** 31 + 5, 999_999_999_999];
    for (const n of big) {
      for (const path of [`/api/cases/${n}`, `/api/cases/${n}/history`, `/api/letters/${n}`, `/api/letters/${n}/similar`, `/api/letters/${n}/letter?format=md`, `/api/users/${n}`]) {
        const res = await admin.get(path);
        expect(res.status, `${path}: ${res.text}`).toBe(404);
        expect(res.json.code).toBe('NOT_FOUND');
      }
      const audit = await admin.get(`/api/audit?caseId=${n}`);
      expect(audit.status).toBe(200);
      expect(audit.json.total).toBe(0);
    }
    const version = await admin.get('/api/published/CM16-0230548?version=4000000000');
    expect(version.status).toBe(404);
  });

  it('stores a letter uploaded with NUL bytes in its text, without them', async () => {
    const text = readFileSync(join(DWC_TXT, 'CM16-0246487.txt'), 'utf8').replaceAll('CM16-0246487', 'CM99-0000777');
    const res = await admin.upload('nul\u0000.txt', text.replace('CLINICAL CASE SUMMARY', 'CLINICAL CASE SUMMARY\u0000'));
    expect(res.status, res.text).toBe(201);
    expect(res.json.source).toBe('nul.txt');
    expect((await admin.get(`${res.json.href}/original`)).text).not.toContain('\u0000');
  });
});

describe('API validator fuzzing on PostgreSQL', () => {
  const bodies = fuzzSettings('api-bodies-pg', 40);
  const requests = fuzzSettings('api-requests-pg', 40);
  let db: TestDatabase;
  let target: ApiFuzzTarget;
  beforeAll(async () => {
    db = await tempDatabase();
    target = await prepareApiFuzz(db.target);
  });
  afterAll(async () => db.dispose());

  it(
    'mutated request bodies never give a 5xx, answer errors in the documented shape, and a refused request writes nothing',
    ({ signal }) => fuzzApi('api-bodies-pg', bodies, { body: 4, request: 0 }, target, signal),
    fuzzTestTimeout(bodies, 1000),
  );

  it(
    'mutated query strings, path parameters, headers, methods and senders never give a 5xx, answer errors in the documented shape, and a refused request writes nothing',
    ({ signal }) => fuzzApi('api-requests-pg', requests, { body: 1, request: 4 }, target, signal),
    fuzzTestTimeout(requests, 1000),
  );
});
