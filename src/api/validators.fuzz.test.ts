/**
 * Fuzzing the API's validators: for every operation of the OpenAPI document,
 * a valid request (test/fuzz/api-requests.ts) is mutated (bodies, query
 * strings, path parameters, headers, methods, senders) and sent in-process
 * to the real app over a real SQLite store of the shared letters, on the
 * fuzz sandbox's worker, each within the time bound. The contract: never a
 * 5xx; an error answer always has the one JSON error shape, a validation
 * error names its fields, and its status is one the document lists for that
 * operation (or 404 for a path no operation has); a refused request writes
 * nothing (a failed sign-in only its audit entry). Counts: test/fuzz/config.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newCaseBody, PASSWORD, testApi } from '../../test/api-fixtures.js';
import type { ApiTargetSetup, FuzzRequest, FuzzResponse } from '../../test/fuzz/api-target.js';
import { fixtures, requestArb, type Emphasis, type Fixture } from '../../test/fuzz/api-requests.js';
import { fuzzSettings, fuzzTestTimeout, runFuzz } from '../../test/fuzz/config.js';
import { withSandbox } from '../../test/fuzz/sandbox.js';
import { DWC_DIR, sampleLetters } from '../../test/shared-letters.js';
import { openStore } from '../store/index.js';

type Doc = { paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> };

const ErrorShape = z.strictObject({
  error: z.string().min(1).regex(/^[^\r\n]*$/, 'one line'),
  code: z.string().regex(/^[A-Z_]+$/),
  issues: z.array(z.strictObject({ path: z.array(z.union([z.string(), z.number()])), message: z.string().min(1) })),
});

/** The status each error code answers with (errors.ts), so a code cannot come back under another status. */
const CODE_STATUS: Record<string, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ELIGIBILITY: 422,
  ASSIGNMENT: 422,
  LETTER_PARSE: 422,
  RATE_LIMITED: 429,
};

/** The operation of the document a request reached (HEAD is served as GET), or null for a path none has. */
function operationAt(doc: Doc, method: string, pathname: string): { operationId: string; responses: Record<string, unknown> } | null {
  const m = method === 'HEAD' ? 'get' : method.toLowerCase();
  for (const [template, ops] of Object.entries(doc.paths)) {
    const re = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`);
    if (re.test(pathname) && ops[m]) return ops[m]!;
  }
  return null;
}

function describeCase(req: FuzzRequest, res: FuzzResponse): string {
  const body = req.body === null ? 'none' : 'text' in req.body ? `${req.body.text.length} chars: ${req.body.text.slice(0, 300)}` : `${req.body.bytes.length} bytes`;
  return [
    `${req.method} ${req.path}?${req.query.slice(0, 300)} as ${req.who} (fixture ${req.operationId})`,
    `headers ${JSON.stringify(req.headers).slice(0, 300)}; body ${body}`,
    `-> ${res.status} ${res.contentType} at ${res.pathname.slice(0, 200)}: ${res.preview}`,
    `changed ${JSON.stringify(res.changed)} audited ${JSON.stringify(res.audited)}`,
    res.internal ? `internal: ${res.internal}` : '',
  ].join('\n');
}

/** True for the API's paths; the others are the web UI's. */
function isApi(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/') || pathname === '/openapi.json';
}

/** The contract every request is held to. */
function expectContract(doc: Doc, req: FuzzRequest, res: FuzzResponse): void {
  const what = describeCase(req, res);
  if (!isApi(res.pathname)) {
    // A path the mutation took out of the API is the web UI's: its page (here the one saying it is not built), nothing written.
    expect(res.changed, what).toEqual([]);
    if (req.method === 'GET' || req.method === 'HEAD') expect(res.status, what).toBe(503);
    else expect(res.status, what).toBe(404);
    return;
  }
  expect(res.status, what).toBeLessThan(500);
  if (res.status < 400) return;
  expect(res.contentType, what).toMatch(/^application\/json/);
  const op = operationAt(doc, req.method, res.pathname);
  if (req.method !== 'HEAD') {
    const shape = ErrorShape.safeParse(res.error);
    expect(shape.success, `${what}\n${JSON.stringify(shape.error?.issues)}`).toBe(true);
    const body = shape.data!;
    expect(CODE_STATUS[body.code], what).toBe(res.status);
    // A validation error names what is wrong: a list of issues, each with its path.
    if (body.code === 'VALIDATION') expect(body.issues.length, what).toBeGreaterThan(0);
    // A path no operation has is not found; the checks made before routing (origin and CSRF token, body size) may refuse it first.
    if (!op) expect(['NOT_FOUND', 'CSRF', 'PAYLOAD_TOO_LARGE'], what).toContain(body.code);
  }
  if (op && res.status !== 404) expect(Object.keys(op.responses), `${what}\n${op.operationId} does not document ${res.status}`).toContain(String(res.status));
  // Refused: nothing written, but for the audit entry of a failed sign-in.
  if (op?.operationId === 'login' && res.status === 401) {
    expect(res.changed, what).toEqual(['audit']);
    expect(res.audited, what).toEqual(['login-failed']);
  } else expect(res.changed, what).toEqual([]);
}

describe('API validator fuzzing against the real app and store', () => {
  const bodies = fuzzSettings('api-bodies', 150);
  const requests = fuzzSettings('api-requests', 150);
  let dir: string;
  let setup: ApiTargetSetup;
  let doc: Doc;
  let all: Fixture[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'imr-fuzz-api-'));
    const db = join(dir, 'api.db');
    const t = await testApi({}, { path: db });
    try {
      for (const username of ['target', 'fuzz']) await t.api.services.users.add({ username, role: 'analyst', password: PASSWORD, mustChangePassword: false }, 'setup');
      const decisions = t.letter.items.map((i) => ({ index: i.index, decision: i.decision, guidelines: 'MTUS Chronic Pain Medical Treatment Guidelines', rationale: `Decided as published: ${i.decision}.`, overrideReason: 'as published' }));
      setup = { db, newCase: newCaseBody(t.letter), decisions };
      doc = t.api.document() as Doc;
    } finally {
      await t.close();
    }
    all = fixtures(setup.newCase as never, setup.decisions as never, readFileSync(sampleLetters()[3]!.path, 'utf8'), new Uint8Array(readFileSync(join(DWC_DIR, 'pdf', 'CM17-0009840.pdf'))));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('has a valid request for every operation of the OpenAPI document', () => {
    const documented = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(all.map((f) => f.operationId).sort()).toEqual([...documented].sort());
  });

  const fuzz = (name: string, settings: typeof bodies, emphasis: Emphasis) => async ({ signal }: { signal: AbortSignal }) => {
    const warmUp = { op: 'api-request' as const, input: { setup, request: { operationId: 'health', method: 'GET', path: '/api/health', query: '', headers: [], who: 'anonymous', body: null } satisfies FuzzRequest } };
    const statuses = new Map<number, number>();
    await withSandbox(settings.timeoutMs, warmUp, signal, (sandbox) =>
      runFuzz(name, settings, requestArb(all, emphasis), async (request) => {
        const res = await sandbox.run('api-request', { setup, request });
        expect(res.ok, res.ok ? '' : `the worker threw ${res.error.className}: ${res.error.message}\n${res.error.stack}`).toBe(true);
        const r = (res as { value: FuzzResponse }).value;
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        expectContract(doc, request, r);
      }),
    );
    // The requests reached the handlers and their refusals alike: some succeeded, some were refused.
    const ok = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
    expect(ok, JSON.stringify([...statuses])).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((s) => s >= 400).length, JSON.stringify([...statuses])).toBeGreaterThan(2);
    // After all of it the store is whole and its audit chain verifies.
    const store = await openStore({ path: setup.db });
    try {
      await store.audit.verify();
      await store.determinations.verifyIndex();
    } finally {
      await store.close();
    }
  };

  it(
    'mutated request bodies (wrong types, missing and extra fields, prototype keys, huge strings, deep nesting, odd numbers, invalid JSON, bad uploads) never give a 5xx, answer errors in the documented shape, and a refused request writes nothing',
    fuzz('api-bodies', bodies, { body: 4, request: 0 }),
    fuzzTestTimeout(bodies, 300),
  );

  it(
    'mutated query strings, path parameters, headers, content types, methods and senders never give a 5xx, answer errors in the documented shape, and a refused request writes nothing',
    fuzz('api-requests', requests, { body: 1, request: 4 }),
    fuzzTestTimeout(requests, 300),
  );
});
