/**
 * Fuzzing the API's validators: for every operation of the OpenAPI document,
 * a valid request (test/fuzz/api-requests.ts) is mutated (bodies, query
 * strings, path parameters, headers, methods, senders) and sent in-process
 * to the real app over a real SQLite store of the shared letters, on the
 * fuzz sandbox's worker, each within the time bound. The contract
 * (test/fuzz/api-fuzz.ts): never a 5xx; an error answer always has the one
 * JSON error shape, a validation error names its fields, and its status is
 * one the document lists for that operation (or 404 for a path no operation
 * has); a refused request writes nothing (a failed sign-in only its audit
 * entry). Counts: test/fuzz/config.ts. The same runs on PostgreSQL are in
 * postgres.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzApi, prepareApiFuzz, unmatchedOperations, type ApiFuzzTarget } from '../../test/fuzz/api-fuzz.js';
import { fuzzSettings, fuzzTestTimeout } from '../../test/fuzz/config.js';

describe('API validator fuzzing against the real app and store', () => {
  const bodies = fuzzSettings('api-bodies', 150);
  const requests = fuzzSettings('api-requests', 150);
  let dir: string;
  let target: ApiFuzzTarget;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'imr-fuzz-api-'));
    target = await prepareApiFuzz(join(dir, 'api.db'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('has a valid request for every operation of the OpenAPI document', () => {
    expect(unmatchedOperations(target)).toEqual({ undocumented: [], unfuzzed: [] });
  });

  it(
    'mutated request bodies (wrong types, missing and extra fields, prototype keys, huge strings, deep nesting, odd numbers, invalid JSON, bad uploads) never give a 5xx, answer errors in the documented shape, and a refused request writes nothing',
    ({ signal }) => fuzzApi('api-bodies', bodies, { body: 4, request: 0 }, target, signal),
    fuzzTestTimeout(bodies, 300),
  );

  it(
    'mutated query strings, path parameters, headers, content types, methods and senders never give a 5xx, answer errors in the documented shape, and a refused request writes nothing',
    ({ signal }) => fuzzApi('api-requests', requests, { body: 1, request: 4 }, target, signal),
    fuzzTestTimeout(requests, 300),
  );
});
