/**
 * Crash safety of `imr serve`: the real server, a child process on an SQLite
 * file, takes concurrent writes over HTTP (the case lifecycle from opening to
 * issuing, decisions, users created and changed, a reviewer changed, letters
 * uploaded) and is SIGKILLed, once at a random moment and once while writes
 * are in flight. After each kill the database passes SQLite's integrity,
 * foreign key and full-text checks, the audit chain verifies, every case
 * agrees with its audit trail, every write answered 2xx before the kill is
 * there, and every letter was stored with its audit entry; the server then
 * starts again on the same database, its sessions still valid, and serves
 * and takes writes. Separately, it is stopped inside an upload's and an
 * issue's open transaction (test/crash/pause-hook.ts) and killed there:
 * none of those writes is there after, and both succeed after the restart.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody } from '../../../test/api-fixtures.js';
import { caseProblems, committedRows, corpusProblems, kill, spawnImr, spawnPausable, waitFor, type Child } from '../../../test/crash/harness.js';
import { DWC_PDF, DWC_TXT } from '../../../test/sample-letters.js';
import { parseLetterFile } from '../../letters/index.js';
import { REVIEWERS } from '../../../test/case-fixtures.js';

const ADMIN_PASSWORD = 'an admin password given';
const PASSWORD = 'a long enough password';

let dir: string;
let db: string;
let newCase: unknown;
let decisions: unknown[];
let letterText: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imr-serve-crash-'));
  db = join(dir, 'served.db');
  const { determination } = await parseLetterFile(join(DWC_PDF, 'CM16-0230548.pdf'));
  newCase = newCaseBody(determination);
  decisions = determination.items.map((i) => ({ index: i.index, decision: i.decision, guidelines: 'MTUS Chronic Pain Medical Treatment Guidelines', rationale: `Decided as published: ${i.decision}.`, overrideReason: 'as published' }));
  letterText = readFileSync(join(DWC_TXT, 'CM16-0246487.txt'), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The server was killed (or is not there): the request could not be made or answered. */
class Gone extends Error {}

/** A browser-like client of the running server: its session cookie and CSRF token. */
class Client {
  cookie = '';
  csrf = '';
  constructor(public base: string) {}

  async request(method: string, path: string, body?: unknown, type = 'application/json'): Promise<{ status: number; json: any }> {
    const headers: Record<string, string> = { origin: this.base };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = type;
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
      const text = await res.text();
      return { status: res.status, json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
    } catch (err) {
      throw new Gone(`${method} ${path}: ${(err as Error).message}`);
    }
  }

  async login(username: string, password: string): Promise<void> {
    const res = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: this.base }, body: JSON.stringify({ username, password }) });
    if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
    this.cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }
}

/** Writes the server answered with 2xx: each must be in the database after any kill. */
interface Ledger {
  /** Case id: its version after the last acknowledged write, and the audit actions of the acknowledged writes. */
  cases: Map<number, { version: number; actions: string[] }>;
  letters: Map<number, string>;
  users: Map<string, number>;
  reviewerChanges: number;
}

/** Requests sent and not yet answered. */
let inFlight = 0;
let acks = 0;

async function send(c: Client, method: string, path: string, body?: unknown, type?: string) {
  inFlight++;
  try {
    return await c.request(method, path, body, type);
  } finally {
    inFlight--;
  }
}

function expectOk(res: { status: number; json: any }, what: string): void {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.json)}`);
  acks++;
}

interface Clients {
  admin: Client;
  cora: Client;
  rita: Client;
}

let fresh = 0;

/** Writes of every kind, concurrently, until the server is gone. Resolves once every loop has stopped. */
async function load(c: Clients, ledger: Ledger, run: number): Promise<void> {
  const until = async (loop: () => Promise<void>) => {
    try {
      for (;;) await loop();
    } catch (err) {
      if (!(err instanceof Gone)) throw err;
    }
  };
  const caseLoop = async () => {
    const opened = await send(c.cora, 'POST', '/api/cases', newCase);
    expectOk(opened, 'open');
    const id = opened.json.case.id as number;
    const entry = { version: opened.json.case.version as number, actions: ['open'] };
    ledger.cases.set(id, entry);
    const steps: [Client, string, object, string][] = [
      [c.cora, 'eligibility', {}, 'check-eligibility'],
      [c.cora, 'case-number', {}, 'assign-case-number'],
      [c.cora, 'records/request', { electronic: true }, 'request-records'],
      [c.cora, 'records', { documents: [{ title: 'PR-2', date: '2016-11-28', text: 'Neck pain after a fall at work.' }] }, 'receive-records'],
      [c.cora, 'reviewer', { reviewerId: 'R-002' }, 'assign-reviewer'],
      [c.rita, 'decisions', { decisions }, 'decide'],
      [c.cora, 'issue', {}, 'issue'],
    ];
    for (const [who, path, body, action] of steps) {
      // Issuing publishes only the letter previewed.
      const extra = path === 'issue' ? { previewHash: (await send(who, 'GET', `/api/cases/${id}/issue-preview`)).json.previewHash } : {};
      const res = await send(who, 'POST', `/api/cases/${id}/${path}`, { version: entry.version, ...body, ...extra });
      expectOk(res, `${path} of case ${id}`);
      entry.version = (res.json.case.case ?? res.json.case).version;
      entry.actions.push(action);
    }
  };
  const uploadLoop = async () => {
    const number = `CM97-${String(run * 100_000 + ++fresh).padStart(7, '0')}`;
    const res = await send(c.cora, 'POST', `/api/letters?name=${number}.txt`, letterText.replaceAll('CM16-0246487', number), 'text/plain');
    expectOk(res, `upload ${number}`);
    ledger.letters.set(res.json.id, number);
  };
  const userLoop = async () => {
    const username = `user-${run}-${++fresh}`;
    const made = await send(c.admin, 'POST', '/api/users', { username, role: 'analyst', password: PASSWORD, mustChangePassword: false });
    expectOk(made, `create ${username}`);
    ledger.users.set(username, made.json.version);
    const changed = await send(c.admin, 'PATCH', `/api/users/${made.json.id}`, { version: made.json.version, displayName: `User ${username}` });
    expectOk(changed, `change ${username}`);
    ledger.users.set(username, changed.json.version);
  };
  const reviewerLoop = async () => {
    const res = await send(c.cora, 'PATCH', '/api/reviewers/R-003', { hoursPerWeek: 5 + (++fresh % 30) });
    expectOk(res, 'change R-003');
    ledger.reviewerChanges++;
  };
  await Promise.all([until(caseLoop), until(caseLoop), until(uploadLoop), until(userLoop), until(reviewerLoop)]);
}

/**
 * `imr serve` on `file` (default the test database), on a free port;
 * resolves once it is serving. With `pauseAfter` (TABLE:N) it runs with the
 * crash tests' transaction pause (test/crash/pause-hook.ts).
 */
async function serve(file = db, pauseAfter?: string): Promise<{ child: Child; url: string }> {
  const args = ['serve', '--api-only', '--no-samples', '--db', file, '--port', '0', '--host', '127.0.0.1', '--admin-password', ADMIN_PASSWORD];
  const child = pauseAfter ? spawnPausable(args, { IMR_CRASH_PAUSE_AFTER: pauseAfter }) : spawnImr(args);
  const url = await waitFor('the server to listen', () => {
    if (child.process.exitCode !== null) throw new Error(`imr serve ended: ${child.stderr()}`);
    return child.lines.map((l) => /serving .* at (http:\/\/[\d.:]+)\//.exec(l)?.[1]).find(Boolean);
  });
  return { child, url };
}

/** Every check after a kill: the database whole, the audit chain and cases consistent, every acknowledged write there. */
function expectIntact(ledger: Ledger): void {
  const { cases, actions, problems } = caseProblems(db);
  expect(problems).toEqual([]);
  const corpus = corpusProblems(db);
  expect(corpus.problems).toEqual([]);
  for (const [id, acked] of ledger.cases) {
    const stored = cases.find((c) => c.id === id);
    expect(stored, `case ${id}`).toBeDefined();
    expect(stored!.version, `case ${id}`).toBeGreaterThanOrEqual(acked.version);
    for (const action of acked.actions) expect(actions.get(id), `case ${id}`).toContain(action);
  }
  const conn = new Database(db, { readonly: true });
  try {
    const letters = new Map(corpus.letters.map((l) => [l.id, l.source]));
    for (const [id, number] of ledger.letters) expect(letters.get(id), `letter ${id}`).toBe(`${number}.txt`);
    // Every letter came by upload: it and its audit entry were committed together, or neither was.
    const audited = (conn.prepare(`SELECT after_state FROM audit_log WHERE action = 'ingest-letter'`).all() as { after_state: string }[]).map((r) => JSON.parse(r.after_state).letterId as number);
    expect([...audited].sort((a, b) => a - b)).toEqual([...letters.keys()].sort((a, b) => a - b));
    const users = new Map((conn.prepare('SELECT username, version FROM users').all() as { username: string; version: number }[]).map((u) => [u.username, u.version]));
    for (const [username, version] of ledger.users) expect(users.get(username), username).toBeGreaterThanOrEqual(version);
    const addUsers = (conn.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'add-user'`).get() as { n: number }).n;
    expect(addUsers).toBe(users.size);
    const reviewer = conn.prepare(`SELECT version FROM reviewers WHERE id = 'R-003'`).get() as { version: number };
    const reviewerEntries = (conn.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'update-reviewer'`).get() as { n: number }).n;
    expect(reviewer.version - 1).toBe(reviewerEntries);
    expect(reviewerEntries).toBeGreaterThanOrEqual(ledger.reviewerChanges);
  } finally {
    conn.close();
  }
}

describe('imr serve killed while it takes writes', () => {
  it(
    'SIGKILLed at a random moment and while writes are in flight, then restarted on the same database: whole, audit chain verified, cases agreeing with it, every acknowledged write there, and serving again',
    async () => {
      const ledger: Ledger = { cases: new Map(), letters: new Map(), users: new Map(), reviewerChanges: 0 };
      let { child, url } = await serve();
      const admin = new Client(url);
      await admin.login('admin', ADMIN_PASSWORD);
      for (const r of REVIEWERS) expectOk(await send(admin, 'POST', '/api/reviewers', r), `reviewer ${r.id}`);
      for (const [username, role, reviewerId] of [['cora', 'coordinator'], ['rita', 'reviewer', 'R-002']] as const) {
        expectOk(await send(admin, 'POST', '/api/users', { username, role, password: PASSWORD, mustChangePassword: false, ...(reviewerId ? { reviewerId } : {}) }), username);
      }
      const clients: Clients = { admin, cora: new Client(url), rita: new Client(url) };
      await clients.cora.login('cora', PASSWORD);
      await clients.rita.login('rita', PASSWORD);

      for (let run = 1; run <= 2; run++) {
        acks = 0;
        const running = load(clients, ledger, run);
        if (run === 1) {
          // A random moment: wherever the writes are when it comes.
          await new Promise((r) => setTimeout(r, 1500 + Math.random() * 3000));
        } else {
          // While writes are in flight, after a random number of them were answered (and some of every kind, over both runs).
          const after = 10 + Math.floor(Math.random() * 30);
          const everyKind = () => ledger.cases.size > 0 && ledger.letters.size > 0 && ledger.users.size > 0 && ledger.reviewerChanges > 0;
          await waitFor('writes answered and more in flight', () => (acks >= after && everyKind() && inFlight > 0 ? true : undefined), 120_000, 1);
          expect(inFlight).toBeGreaterThan(0);
        }
        await kill(child);
        await running;
        expectIntact(ledger);

        ({ child, url } = await serve());
        // The sessions were committed before the kill: the same cookies still sign the clients in.
        for (const c of Object.values(clients)) {
          c.base = url;
          expect((await c.request('GET', '/api/auth/session')).status).toBe(200);
        }
      }
      expect(ledger.cases.size).toBeGreaterThan(0);
      expect(ledger.letters.size).toBeGreaterThan(0);
      expect(ledger.users.size).toBeGreaterThan(0);

      // Serving again: reads and writes, and the audit chain as the server itself verifies it.
      expect((await clients.admin.request('GET', '/api/health')).status).toBe(200);
      const opened = await clients.cora.request('POST', '/api/cases', newCase);
      expect(opened.status).toBe(201);
      const uploaded = await clients.cora.request('POST', '/api/letters?name=after.txt', letterText.replaceAll('CM16-0246487', 'CM97-9999999'), 'text/plain');
      expect(uploaded.status).toBe(201);
      expect((await clients.admin.request('GET', '/api/audit/verify')).json).toMatchObject({ verified: true, error: null });
      child.process.kill('SIGTERM');
      expect((await child.exited).code).toBe(0);
      expectIntact(ledger);
    },
    600_000,
  );

  it(
    'SIGKILLed inside a write transaction (an upload, then an issue: every row and audit entry written, none committed): none of it is there, the rest verifies, and the same writes succeed after the restart',
    async () => {
      const file = join(dir, 'paused.db');
      const paused = (child: Child) => waitFor('the paused transaction', () => (child.lines.some((l) => l.startsWith('PAUSED')) ? true : child.process.exitCode !== null ? false : undefined));
      // The first transaction that stores a letter stops before its commit.
      let { child, url } = await serve(file, 'letters:0');
      const admin = new Client(url);
      await admin.login('admin', ADMIN_PASSWORD);
      const letter = letterText.replaceAll('CM16-0246487', 'CM97-0000001');
      const upload = admin.request('POST', '/api/letters?name=paused.txt', letter, 'text/plain').catch((err: unknown) => err);
      expect(await paused(child), child.stderr()).toBe(true);
      await kill(child);
      expect(await upload).toBeInstanceOf(Gone);
      expect(committedRows(file, 'letters')).toBe(0);
      const conn = new Database(file, { readonly: true });
      expect(conn.prepare('SELECT action FROM audit_log ORDER BY seq').all()).toEqual([{ action: 'add-user' }, { action: 'login' }]);
      conn.close();
      expect(corpusProblems(file).problems).toEqual([]);
      expect(caseProblems(file).problems).toEqual([]);

      // Then the first transaction that issues a determination, with a case taken there over HTTP.
      ({ child, url } = await serve(file, 'case_determinations:0'));
      admin.base = url;
      expect((await admin.request('POST', '/api/letters?name=paused.txt', letter, 'text/plain')).status).toBe(201);
      for (const r of REVIEWERS) expectOk(await admin.request('POST', '/api/reviewers', r), r.id);
      expectOk(await admin.request('POST', '/api/users', { username: 'rita', role: 'reviewer', reviewerId: 'R-002', password: PASSWORD, mustChangePassword: false }), 'rita');
      const rita = new Client(url);
      await rita.login('rita', PASSWORD);
      let res = await admin.request('POST', '/api/cases', newCase);
      const id = res.json.case.id as number;
      for (const [who, path, body] of [[admin, 'eligibility', {}], [admin, 'case-number', {}], [admin, 'records/request', {}], [admin, 'records', { documents: [{ title: 'PR-2', text: 'Neck pain.' }] }], [admin, 'reviewer', { reviewerId: 'R-002' }], [rita, 'decisions', { decisions }]] as const) {
        res = await who.request('POST', `/api/cases/${id}/${path}`, { version: res.json.case.version, ...body });
        expectOk(res, path);
      }
      const version = res.json.case.version as number;
      const previewHash = (await admin.request('GET', `/api/cases/${id}/issue-preview`)).json.previewHash as string;
      const issue = admin.request('POST', `/api/cases/${id}/issue`, { version, previewHash }).catch((err: unknown) => err);
      expect(await paused(child), child.stderr()).toBe(true);
      await kill(child);
      expect(await issue).toBeInstanceOf(Gone);
      const { cases, actions, problems } = caseProblems(file);
      expect(problems).toEqual([]);
      expect(cases).toEqual([expect.objectContaining({ id, state: 'decided', version, issuedVersion: 0 })]);
      expect(actions.get(id)).not.toContain('issue');
      expect(committedRows(file, 'case_determinations')).toBe(0);

      ({ child, url } = await serve(file));
      admin.base = url;
      const issued = await admin.request('POST', `/api/cases/${id}/issue`, { version, previewHash });
      expect(issued.status).toBe(200);
      expect(issued.json.issued.version).toBe(1);
      child.process.kill('SIGTERM');
      expect((await child.exited).code).toBe(0);
      expect(caseProblems(file).problems).toEqual([]);
    },
    600_000,
  );
});
