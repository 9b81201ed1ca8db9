/**
 * An API over a store holding real letters, with one user per role and the
 * workflow tests' reviewers, and a small client that signs in and keeps its
 * session cookie and CSRF token as a browser page would.
 */

import { join } from 'node:path';
import { DWC_PDF, realLetterPaths } from './sample-letters.js';
import type { Determination, Role } from '../src/domain/index.js';
import { parseLetterFile } from '../src/letters/index.js';
import { openStore, type Store } from '../src/store/index.js';
import type { Clock } from '../src/workflow/deadlines/index.js';
import { caseFromLetter, REVIEWERS } from './case-fixtures.js';
import { createApp, type ApiApp, type AppOptions } from '../src/api/app.js';

/** A lighter scrypt cost than production, so that the many sign-ins of the tests stay quick. */
export const TEST_PASSWORD_COST = { N: 2 ** 14, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery staple';

/** One user per role; the reviewers act as registry entries, both free to take the fixture's cases. */
export const USERS: { username: string; role: Role; reviewerId?: string }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'cora', role: 'coordinator' },
  { username: 'rita', role: 'reviewer', reviewerId: 'R-002' },
  { username: 'otto', role: 'reviewer', reviewerId: 'R-004' },
  { username: 'ana', role: 'analyst' },
  { username: 'pub', role: 'public' },
];

/** A second reviewer in full practice, with no ties to the fixture's parties. */
const SECOND_REVIEWER = { id: 'R-004', name: 'Dr. Dana Spine', boardCertifications: ['Orthopedic Surgery'], licensureStates: ['CA'], yearsInPractice: 15, hoursPerWeek: 40 };

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** A signed-in browser: sends the session cookie, and the CSRF token on writes. */
export class TestClient {
  cookie: string | null = null;
  csrf: string | null = null;

  constructor(private readonly api: ApiApp) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] ??= this.csrf;
    if (body !== undefined) h['content-type'] ??= 'application/json';
    // Strings, bytes and streams are sent as they are (uploads, bodies that are not JSON); anything else as JSON.
    const raw = typeof body === 'string' || body instanceof Uint8Array || body instanceof ReadableStream;
    const init: RequestInit & { duplex?: 'half' } = { method, headers: h };
    if (body !== undefined) init.body = raw ? (body as BodyInit) : JSON.stringify(body);
    if (body instanceof ReadableStream) init.duplex = 'half';
    const res = await this.api.app.request(path, init);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /imr_session=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] && !/Max-Age=0/i.test(setCookie) ? `imr_session=${m[1]}` : null;
    }
    const text = res.headers.get('content-type')?.startsWith('application/pdf') ? '' : await res.text();
    let json: any = null;
    if (res.headers.get('content-type')?.includes('application/json')) json = JSON.parse(text);
    return { status: res.status, headers: res.headers, text, json };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers);
  }
  post(path: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request('POST', path, body, headers);
  }
  patch(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', path, body, headers);
  }
  put(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PUT', path, body, headers);
  }

  /** Uploads a letter file: the bytes (or a stream of them) as the body, the name in ?name=. */
  upload(name: string | null, body: string | Uint8Array | ReadableStream<Uint8Array>, contentType = 'text/plain', headers: Record<string, string> = {}) {
    const query = name === null ? '' : `?name=${encodeURIComponent(name)}`;
    return this.request('POST', `/api/letters${query}`, body, { 'content-type': contentType, ...headers });
  }

  async login(username: string, password = PASSWORD): Promise<TestResponse> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status === 200) this.csrf = res.json.csrfToken;
    return res;
  }
}

export interface TestApi {
  api: ApiApp;
  store: Store;
  /** Moves the clock the services read. */
  setNow(iso: string): void;
  /** A new client signed in as `username` (any of USERS). */
  as(username: string): Promise<TestClient>;
  anonymous(): TestClient;
  /** The real letter the test cases are made from (CM16-0230548: MRI and acupuncture). */
  letter: Determination;
  close(): Promise<void>;
}

/**
 * The API over an in-memory store (or the SQLite file at `where.path`) with
 * the shared letters ingested (the five sample letters and the 65 DWC
 * letters as text), USERS (password PASSWORD, nothing to change) and the
 * workflow tests' reviewers.
 */
export async function testApi(options: Partial<AppOptions> = {}, where: { path?: string } = {}): Promise<TestApi> {
  const store = await openStore({ path: where.path ?? ':memory:' });
  let now = '2016-12-05T17:00:00Z';
  const clock: Clock = { now: () => new Date(now) };
  // Sessions of a month: tests move the clock across statutory deadlines without signing in again.
  const api = createApp({ store, clock, passwordCost: TEST_PASSWORD_COST, sessionTtlMs: 30 * 86_400_000, validateResponses: true, onInternalError: () => {}, ...options });
  const files = realLetterPaths();
  for (const path of files) {
    const { file, determination } = await parseLetterFile(path);
    await store.determinations.insertDetermination(determination, { text: file.text, format: file.format });
  }
  for (const r of [...REVIEWERS, SECOND_REVIEWER]) await api.services.cases.addReviewer(r, 'setup');
  for (const u of USERS) await api.services.users.add({ ...u, password: PASSWORD, mustChangePassword: false }, 'setup');
  const letter = (await parseLetterFile(join(DWC_PDF, 'CM16-0230548.pdf'))).determination;
  return {
    api,
    store,
    setNow: (iso) => {
      now = iso;
    },
    as: async (username) => {
      const client = new TestClient(api);
      const res = await client.login(username);
      if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.text}`);
      return client;
    },
    anonymous: () => new TestClient(api),
    letter,
    close: async () => {
      await api.close();
      await store.close();
    },
  };
}

/** A new case made from the fixture letter, as the body of POST /api/cases. */
export function newCaseBody(letter: Determination, summaryExtra = ''): unknown {
  const c = caseFromLetter(letter) as { file: { clinicalSummary: string } };
  return { ...c, file: { ...c.file, clinicalSummary: c.file.clinicalSummary + summaryExtra } };
}
