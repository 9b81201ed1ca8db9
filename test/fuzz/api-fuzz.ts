/**
 * The API fuzzers' shared parts: a store prepared for them (the shared
 * letters, users per role, the fixture case's bodies), the contract every
 * answer is held to, and the run itself on the fuzz sandbox's worker. Used
 * on SQLite (src/api/validators.fuzz.test.ts) and on PostgreSQL
 * (src/api/postgres.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { z } from 'zod';
import { ERROR_STATUS } from '../../src/api/errors.js';
import type { ErrorCode } from '../../src/domain/index.js';
import { openStore } from '../../src/store/index.js';
import { newCaseBody, PASSWORD, testApi } from '../api-fixtures.js';
import { DWC_PDF, sampleLetters } from '../sample-letters.js';
import { requestArb, type Emphasis } from './api-requests.js';
import { fixtures, type Fixture } from './api-valid-requests.js';
import type { ApiTargetSetup, FuzzRequest, FuzzResponse } from './api-target.js';
import { runFuzz, type FuzzSettings } from './config.js';
import { withSandbox } from './sandbox.js';

/** The parts of the OpenAPI document the contract reads. */
export type Doc = { paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> };

const ErrorShape = z.strictObject({
  error: z.string().min(1).regex(/^[^\r\n]*$/, 'one line'),
  code: z.string().regex(/^[A-Z_]+$/),
  issues: z.array(z.strictObject({ path: z.array(z.union([z.string(), z.number()])), message: z.string().min(1) })),
});

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
export function expectContract(doc: Doc, req: FuzzRequest, res: FuzzResponse): void {
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
    expect(ERROR_STATUS[body.code as ErrorCode], what).toBe(res.status);
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

/** What a fuzz run needs: the worker's setup, the OpenAPI document, and a valid request per operation. */
export interface ApiFuzzTarget {
  setup: ApiTargetSetup;
  doc: Doc;
  fixtures: Fixture[];
}

/** Fills the store at `db` (an SQLite file or a PostgreSQL URL) for the fuzzers. */
export async function prepareApiFuzz(db: string): Promise<ApiFuzzTarget> {
  const t = await testApi({}, { path: db });
  try {
    for (const username of ['target', 'fuzz']) await t.api.services.users.add({ username, role: 'analyst', password: PASSWORD, mustChangePassword: false }, 'setup');
    const decisions = t.letter.items.map((i) => ({ index: i.index, decision: i.decision, guidelines: 'MTUS Chronic Pain Medical Treatment Guidelines', rationale: `Decided as published: ${i.decision}.`, overrideReason: 'as published' }));
    const setup = { db, newCase: newCaseBody(t.letter), decisions };
    const letter = readFileSync(sampleLetters()[3]!.path, 'utf8');
    const pdf = new Uint8Array(readFileSync(join(DWC_PDF, 'CM17-0009840.pdf')));
    return { setup, doc: t.api.document() as Doc, fixtures: fixtures(setup.newCase as never, setup.decisions as never, letter, pdf) };
  } finally {
    await t.close();
  }
}

/** The operation ids of the document without a fixture, and the fixtures of no operation (both should be empty). */
export function unmatchedOperations(target: ApiFuzzTarget): { undocumented: string[]; unfuzzed: string[] } {
  const documented = Object.values(target.doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
  const fuzzed = target.fixtures.map((f) => f.operationId);
  return { undocumented: fuzzed.filter((id) => !documented.includes(id)), unfuzzed: documented.filter((id) => !fuzzed.includes(id)) };
}

/**
 * Runs fuzzer `name`: mutated requests sent one by one on the sandbox's
 * worker, each held to the contract; then the store must still be whole.
 */
export async function fuzzApi(name: string, settings: FuzzSettings, emphasis: Emphasis, target: ApiFuzzTarget, signal: AbortSignal): Promise<void> {
  const { setup, doc } = target;
  const warmUp = { op: 'api-request' as const, input: { setup, request: { operationId: 'health', method: 'GET', path: '/api/health', query: '', headers: [], who: 'anonymous', body: null } satisfies FuzzRequest } };
  const statuses = new Map<number, number>();
  await withSandbox(settings.timeoutMs, warmUp, signal, (sandbox) =>
    runFuzz(name, settings, requestArb(target.fixtures, emphasis), async (request) => {
      const res = await sandbox.run('api-request', { setup, request });
      expect(res.ok, res.ok ? '' : `the worker threw ${res.error.className}: ${res.error.message}\n${res.error.stack}`).toBe(true);
      const r = (res as { value: FuzzResponse }).value;
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      expectContract(doc, request, r);
    }),
  );
  if (process.env.IMR_FUZZ_ONLY && process.env.IMR_FUZZ_ONLY !== name) return;
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
}
