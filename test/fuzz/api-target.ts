/**
 * The API under fuzzing, on the fuzz sandbox's worker thread: the real app
 * over a real SQLite store file, clients signed in per role, the cases and
 * users the requests name (a case in the state a step is taken from is made
 * when none is left), and a snapshot of everything a write changes, taken
 * just before and just after each request, so the test can tell whether a
 * refused request wrote anything.
 */
import { sql } from 'kysely';
import { createApp, type ApiApp } from '../../src/api/app.js';
import { csrfTokenFor } from '../../src/api/middleware/session.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { ImrCase } from '../../src/domain/index.js';
import { PASSWORD, TEST_PASSWORD_COST } from '../api-fixtures.js';

/** What the worker needs besides the database: bodies to open and decide the cases it makes. */
export interface ApiTargetSetup {
  db: string;
  newCase: unknown;
  decisions: unknown[];
}

/** Who sends a request: a signed-in user, nobody, or a cookie that is no session. */
export type Who = 'admin' | 'cora' | 'rita' | 'ana' | 'pub' | 'anonymous' | 'bogus';

/**
 * One request, as generated. `path` may hold tokens the worker resolves:
 * `{case:STATE}` (a case in that state, R-002's once it has a reviewer),
 * `{case-number:STATE}`, `{user:NAME}` and `{letter}`; the JSON string
 * "$version" in the body becomes the version of the case or user the path
 * names, and CM99-FRESH00 in a body becomes a number never used (a new
 * letter's case number, a new username or reviewer id).
 */
export interface FuzzRequest {
  operationId: string;
  method: string;
  path: string;
  /** The query string, without `?`, exactly as sent. */
  query: string;
  /** Headers to set; null removes one the client would send (cookie, x-csrf-token, content-type). */
  headers: [string, string | null][];
  who: Who;
  body: { text: string } | { bytes: Uint8Array } | null;
}

/** What came back, and what the request changed in the database. */
export interface FuzzResponse {
  status: number;
  contentType: string | null;
  /** The path the request reached, as the server saw it. */
  pathname: string;
  /** The body as JSON, for error answers (null when it is not JSON). */
  error: unknown;
  /** The first characters of the body, for reports. */
  preview: string;
  /** Snapshot parts that differ after the request (audit, cases, users, ...). */
  changed: string[];
  /** Actions of the audit entries the request added. */
  audited: string[];
  /** The unexpected failure the app reported, for a 500. */
  internal: string | null;
}

const CLIENTS: Record<Exclude<Who, 'anonymous' | 'bogus'>, string> = { admin: 'admin', cora: 'cora', rita: 'rita', ana: 'ana', pub: 'pub' };
const SETUP_ACTOR = 'fuzz-setup';

interface Target {
  store: Store;
  api: ApiApp;
  setup: ApiTargetSetup;
  sessions: Map<string, { token: string; csrf: string }>;
  baseline: Map<string, Record<string, unknown>>;
  lastInternal: string | null;
  fresh: number;
}

let target: Promise<Target> | null = null;

async function open(setup: ApiTargetSetup): Promise<Target> {
  const store = await openStore({ path: setup.db });
  const t: Target = { store, api: null as unknown as ApiApp, setup, sessions: new Map(), baseline: new Map(), lastInternal: null, fresh: 0 };
  t.api = createApp({
    store,
    clock: { now: () => new Date('2016-12-05T17:00:00Z') },
    passwordCost: TEST_PASSWORD_COST,
    sessionTtlMs: 30 * 86_400_000,
    validateResponses: true,
    // Sign-in throttling has tests of its own; here it would only lock the fuzzer's own accounts.
    loginThrottle: { perAccount: { max: 1e9, windowMs: 1000 }, perAddress: { max: 1e9, windowMs: 1000 }, accountSlowdown: { free: 1e9, baseDelayMs: 0, maxDelayMs: 0, windowMs: 1000 }, passwordChange: { max: 1e9, windowMs: 1000 } },
    publicRateLimit: null,
    onInternalError: (err) => {
      t.lastInternal = (err as Error)?.stack ?? String(err);
    },
  });
  for (const username of Object.values(CLIENTS)) {
    t.baseline.set(username, (await store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow()) as Record<string, unknown>);
  }
  return t;
}

/** The client's session, signed in again when a request ended it (a sign-out, a password change). */
async function session(t: Target, username: string): Promise<{ token: string; csrf: string }> {
  const held = t.sessions.get(username);
  if (held && (await t.api.services.users.session(held.token))) return held;
  const s = await t.api.services.users.login(username, PASSWORD);
  const fresh = { token: s.token, csrf: csrfTokenFor(s.token) };
  t.sessions.set(username, fresh);
  return fresh;
}

/** Puts the fuzzer's own accounts back as they were when a request changed one (role, password, disabled). */
async function restoreClients(t: Target): Promise<void> {
  for (const [username, row] of t.baseline) {
    const now = await t.store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    if (now && JSON.stringify(now) === JSON.stringify(row)) continue;
    const { id, ...rest } = row as { id: number } & Record<string, unknown>;
    await t.store.db.updateTable('users').set(rest as never).where('id', '=', id).execute();
    await t.store.db.deleteFrom('sessions').where('user_id', '=', id).execute();
    t.sessions.delete(username);
  }
}

const ORDER = ['received', 'eligible', 'assigned', 'records-requested', 'records-received', 'in-review', 'decided', 'issued'] as const;

/** A case in `state` (R-002's from in-review on), made through the services when none is left. */
async function caseIn(t: Target, state: string): Promise<ImrCase> {
  const reviewed = ORDER.indexOf(state as (typeof ORDER)[number]) >= ORDER.indexOf('in-review');
  let q = t.store.db.selectFrom('cases').select('id').where('state', '=', state);
  if (reviewed) q = q.where('reviewer_id', '=', 'R-002');
  const found = await q.orderBy('id', 'desc').limit(1).executeTakeFirst();
  const cases = t.api.services.cases;
  if (found) return (await cases.view(String(found.id))).case;
  let c = await cases.open(t.setup.newCase, SETUP_ACTOR);
  const ref = String(c.id);
  for (const next of ORDER.slice(1, ORDER.indexOf(state as (typeof ORDER)[number]) + 1)) {
    if (next === 'eligible') c = await cases.checkEligibility(ref, SETUP_ACTOR);
    else if (next === 'assigned') c = await cases.assignCaseNumber(ref, SETUP_ACTOR);
    else if (next === 'records-requested') c = await cases.requestRecords(ref, SETUP_ACTOR, { electronic: true });
    else if (next === 'records-received') c = await cases.receiveRecords(ref, SETUP_ACTOR, [{ title: 'PR-2 progress report', date: '2016-11-28', text: 'Neck pain after a fall at work.' }]);
    else if (next === 'in-review') c = (await cases.assignReviewer(ref, SETUP_ACTOR, 'R-002')).case;
    else if (next === 'decided') c = await cases.decide(ref, SETUP_ACTOR, t.setup.decisions as never);
    else if (next === 'issued') c = (await cases.issue(ref, SETUP_ACTOR)).case;
  }
  if (c.state !== state) throw new Error(`could not bring a case to ${state} (it is ${c.state})`);
  return c;
}

/** Resolves the request's tokens; returns the path and the version the body's "$version" stands for. */
async function resolve(t: Target, path: string): Promise<{ path: string; version: number }> {
  let version = 1;
  const parts: string[] = [];
  for (const segment of path.split('/')) {
    const m = /^\{(case|case-number|user|letter)(?::([\w-]+))?\}$/.exec(segment);
    if (!m) {
      parts.push(segment);
      continue;
    }
    if (m[1] === 'case' || m[1] === 'case-number') {
      const c = await caseIn(t, m[2]!);
      version = c.version;
      parts.push(m[1] === 'case' ? String(c.id) : c.caseNumber!);
    } else if (m[1] === 'user') {
      const u = await t.store.db.selectFrom('users').select(['id', 'version']).where('username', '=', m[2]!).executeTakeFirstOrThrow();
      version = u.version;
      parts.push(String(u.id));
    } else parts.push('1');
  }
  return { path: parts.join('/'), version };
}

/** Everything a write changes, in a few numbers. */
async function snapshot(store: Store): Promise<Record<string, string>> {
  const { rows } = await sql<Record<string, string>>`SELECT
    (SELECT count(*) || ':' || coalesce(max(seq), 0) FROM audit_log) AS audit,
    (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM cases) AS cases,
    (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM users) AS users,
    (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM reviewers) AS reviewers,
    (SELECT count(*) || ':' || coalesce(max(id), 0) FROM letters) AS letters,
    (SELECT count(*) FROM case_determinations) AS issued,
    (SELECT count(*) || ':' || coalesce(max(id), 0) FROM sessions) AS sessions,
    (SELECT coalesce(sum(last_value), 0) FROM case_number_sequences) AS numbers`.execute(store.db);
  return rows[0]!;
}

/** Sends one request to the app and reports what came back and what it changed. */
export async function apiRequest(input: { setup: ApiTargetSetup; request: FuzzRequest }): Promise<FuzzResponse> {
  target ??= open(input.setup);
  const t = await target;
  const r = input.request;
  await restoreClients(t);
  const { path, version } = await resolve(t, r.path);
  const headers = new Headers();
  const username = (CLIENTS as Record<string, string>)[r.who];
  if (username) {
    const s = await session(t, username);
    headers.set('cookie', `imr_session=${s.token}`);
    headers.set('x-csrf-token', s.csrf);
  } else if (r.who === 'bogus') headers.set('cookie', 'imr_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  let body: string | Uint8Array | undefined;
  if (r.body && r.method !== 'GET' && r.method !== 'HEAD') {
    if ('text' in r.body) {
      body = r.body.text.replaceAll('"$version"', String(version)).replaceAll('CM99-FRESH00', () => `CM98-${String(++t.fresh).padStart(7, '0')}`);
      headers.set('content-type', 'application/json');
    } else {
      const text = Buffer.from(r.body.bytes).toString('latin1');
      body = text.includes('CM99-FRESH00') ? new Uint8Array(Buffer.from(text.replaceAll('CM99-FRESH00', () => `CM97-${String(++t.fresh).padStart(7, '0')}`), 'latin1')) : r.body.bytes;
    }
  }
  for (const [name, value] of r.headers) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  const url = `http://localhost${path}${r.query ? `?${r.query}` : ''}`;
  const before = await snapshot(t.store);
  t.lastInternal = null;
  const req = new Request(url, { method: r.method, headers, ...(body !== undefined ? { body: body as BodyInit } : {}) });
  const res = await t.api.app.request(req);
  const contentType = res.headers.get('content-type');
  const text = contentType?.startsWith('application/pdf') ? '' : await res.text();
  const after = await snapshot(t.store);
  const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
  const audited = changed.includes('audit')
    ? (await t.store.db.selectFrom('audit_log').select('action').where('seq', '>', Number(before.audit!.split(':')[1])).orderBy('seq').execute()).map((e) => e.action)
    : [];
  let error: unknown = null;
  if (res.status >= 400 && contentType?.startsWith('application/json')) {
    try {
      error = JSON.parse(text);
    } catch {
      error = null;
    }
  }
  return { status: res.status, contentType, pathname: new URL(req.url).pathname, error, preview: text.slice(0, 300), changed, audited, internal: t.lastInternal };
}
