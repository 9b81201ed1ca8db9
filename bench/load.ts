/**
 * Load test of `imr serve` on loopback: the real command in a child process
 * on a temporary SQLite database (sample letters ingested on first run),
 * reviewers and cases set up over the API, then C concurrent clients for
 * S seconds, each signed in as a reviewer, mixing corpus searches, reads and
 * decisions on their cases (several sessions per reviewer race on the same
 * cases, and some writes deliberately name an old version). Afterwards the
 * database proves no acknowledged write was lost and every 409 was a real
 * conflict (load-verify.ts). Baseline: the same clients on /api/health.
 *
 *   npm run bench -- --only load [--seconds 60] [--clients 50]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Determination } from '../src/domain/index.js';
import { caseFromLetter } from '../test/case-fixtures.js';
import { seededRandom } from '../src/domain/index.js';
import { HttpClient, percentile, type Sample } from './load-client.js';
import { verifyWrites, type WriteRecord } from './load-verify.js';
import { scaleCorpus } from './scale-corpus.js';
import { copyPostgresCorpus, scalePostgresCorpus, type BenchCluster } from './scale-corpus-pg.js';

const ROOT = join(import.meta.dirname, '..');
const ADMIN_PASSWORD = 'load test admin password';
const PASSWORD = 'load test user password';
const REVIEWERS = 10;
const CASES_PER_REVIEWER = 3;
const QUERIES = ['baclofen', 'physical therapy', 'MRI', '"functional improvement"', 'opioid OR tramadol', 'acupuncture', 'epidural injection', 'knee arthroscopy', 'muscle relaxants -baclofen', 'chiropractic'];

/** Starts `imr serve` on a free loopback port; resolves with its URL once it listens. */
function startServer(db: string, synchronous: 'full' | 'normal'): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'imr.mjs'), 'serve', '--db', db, '--port', '0', '--host', '127.0.0.1', '--admin-password', ADMIN_PASSWORD, '--synchronous', synchronous], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const fail = (why: string) => reject(new Error(`imr serve: ${why}\n${out}`));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving .* at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => fail(`exited with ${code}`));
  });
}

/** Registers reviewers and their users, and takes cases made from real multi-item letters through intake to each reviewer. */
async function setUp(url: string): Promise<{ reviewerCases: Map<string, number[]>; startVersions: Map<number, number>; items: Map<number, number>; letterIds: number[] }> {
  const admin = new HttpClient(url);
  await admin.login('admin', ADMIN_PASSWORD);
  await admin.must('/api/users', { username: 'coord', role: 'coordinator', password: PASSWORD, mustChangePassword: false });
  const cora = new HttpClient(url);
  await cora.login('coord', PASSWORD);
  for (let r = 1; r <= REVIEWERS; r++) {
    const id = `R-L${String(r).padStart(2, '0')}`;
    await cora.must('/api/reviewers', { id, name: `Dr. Load ${r}`, boardCertifications: ['Physical Medicine and Rehabilitation'], licensureStates: ['CA'], yearsInPractice: 10, hoursPerWeek: 40 });
    await admin.must('/api/users', { username: `rev${r}`, role: 'reviewer', reviewerId: id, password: PASSWORD, mustChangePassword: false });
  }
  // Letters with several items, from the newest decisions on (a large corpus's newest are a few letters' variants: read further pages until enough).
  const letterIds: number[] = [];
  const multi: number[] = [];
  // Newest first, then the newest before each of a series of dates, so that a large corpus gives letters of many kinds.
  const before = ['', ...Array.from({ length: 24 }, (_, k) => `&to=${2018 - Math.floor(k / 4)}-${['12-31', '09-30', '06-30', '03-31'][k % 4]}`)];
  for (const to of before) {
    if (multi.length >= REVIEWERS * CASES_PER_REVIEWER * 2) break;
    const listed = await cora.get(`/api/corpus/search?limit=200${to}`);
    letterIds.push(...listed.json.items.map((h: { id: number }) => h.id));
    multi.push(...listed.json.items.filter((h: { items: unknown[] }) => h.items.length >= 2).map((h: { id: number }) => h.id));
  }
  const reviewerCases = new Map<string, number[]>();
  const startVersions = new Map<number, number>();
  const items = new Map<number, number>();
  let k = 0;
  for (const letterId of multi) {
    if (k >= REVIEWERS * CASES_PER_REVIEWER) break;
    const det = (await cora.get(`/api/letters/${letterId}`)).json.determination as Determination;
    let r = await cora.post('/api/cases', caseFromLetter(det));
    if (r.status !== 201) {
      if (process.env.IMR_DEBUG) console.error(`letter ${letterId}: case not opened: HTTP ${r.status} ${JSON.stringify(r.json)}`);
      continue;
    }
    const id = r.json.case.id;
    r = await cora.post(`/api/cases/${id}/eligibility`, { version: r.json.case.version });
    if (r.json.case.state !== 'eligible') {
      if (process.env.IMR_DEBUG) console.error(`letter ${letterId}: case ${id} not eligible: ${JSON.stringify(r.json).slice(0, 300)}`);
      continue;
    }
    const reviewer = `R-L${String((k % REVIEWERS) + 1).padStart(2, '0')}`;
    for (const [path, body] of [['case-number', {}], ['records/request', { electronic: true }], ['records', { documents: [{ title: 'records', text: det.clinicalSummary }] }], ['reviewer', { reviewerId: reviewer }]] as const) {
      r = await cora.post(`/api/cases/${id}/${path}`, { version: r.json.case.version, ...body });
      if (r.status !== 200) throw new Error(`case ${id} ${path}: HTTP ${r.status} ${JSON.stringify(r.json)}`);
    }
    reviewerCases.set(reviewer, [...(reviewerCases.get(reviewer) ?? []), id]);
    startVersions.set(id, r.json.case.version);
    items.set(id, det.items.length);
    k++;
  }
  if (k < REVIEWERS) throw new Error(`only ${k} cases could be set up`);
  return { reviewerCases, startVersions, items, letterIds };
}

interface Run {
  samples: Sample[];
  writes: WriteRecord[];
  seconds: number;
}

/** Runs `clients` loops of `step` until `seconds` have passed. */
async function runClients(clients: HttpClient[], seconds: number, step: (c: HttpClient, k: number, out: Run) => Promise<void>): Promise<Run> {
  const out: Run = { samples: [], writes: [], seconds };
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(clients.map(async (c, k) => {
    while (performance.now() < end) await step(c, k, out);
  }));
  out.seconds = (performance.now() - t0) / 1000;
  return out;
}

function stats(samples: readonly Sample[]) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return { n: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

const f = (ms: number) => `${ms.toFixed(1)} ms`;

/** The load test; prints its figures and sets a failing exit code when a write was lost or the server erred. */
/** The server process's resident memory now and at its peak, in MB (Linux: /proc), or null elsewhere. */
function memoryOf(pid: number | undefined): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

export async function benchLoad(options: { seconds?: number; clients?: number; baselineSeconds?: number; synchronous?: 'full' | 'normal'; corpusLetters?: number; corpusPath?: string; postgres?: BenchCluster } = {}): Promise<{ p95: number; rate: number; ok: boolean }> {
  const seconds = options.seconds ?? 60;
  const nClients = options.clients ?? 50;
  const dir = mkdtempSync(join(tmpdir(), 'imr-load-'));
  // `corpusPath`: the bench's corpus of `corpusLetters`, served as it is (the last part run on it: the test's writes stay in it).
  let db = options.corpusPath ?? join(dir, 'load.db');
  let dropCopy: (() => Promise<void>) | null = null;
  if (options.corpusPath) console.log(`  load test on the corpus of ${options.corpusLetters ?? '?'} letters`);
  // On PostgreSQL: a copy of the corpus database (scale-corpus-pg.ts), served by `imr serve --db postgres://...`.
  else if (options.postgres && options.corpusLetters) {
    await scalePostgresCorpus(options.postgres, options.corpusLetters, console.log);
    const copy = await copyPostgresCorpus(options.postgres, options.corpusLetters);
    db = copy.url;
    dropCopy = copy.drop;
    console.log(`  load test on a PostgreSQL corpus of ${options.corpusLetters} letters`);
  } else if (options.corpusLetters) {
    // A large corpus (--letters N) served instead of the 70 sample letters: a copy, since the test writes to it.
    const corpus = await scaleCorpus(options.corpusLetters, console.log);
    copyFileSync(corpus.path, db);
    corpus.dispose();
    console.log(`  load test on a corpus of ${options.corpusLetters} letters`);
  }
  let server: { url: string; child: ChildProcess } | null = null;
  try {
    server = await startServer(db, options.synchronous ?? 'full');
    const { url } = server;
    const setup = await setUp(url);
    const reviewers = [...setup.reviewerCases.keys()];
    const clients: HttpClient[] = [];
    for (let k = 0; k < nClients; k++) {
      const c = new HttpClient(url);
      await c.login(`rev${Number(reviewers[k % reviewers.length]!.slice(3))}`, PASSWORD);
      clients.push(c);
    }

    // Baseline: the same clients asking the trivial health endpoint.
    const baseline = await runClients(clients, options.baselineSeconds ?? Math.min(10, seconds), async (c, _k, out) => {
      const r = await c.get('/api/health', false);
      out.samples.push({ op: 'health', ms: r.ms, status: r.status });
    });

    let counter = 0;
    const random = seededRandom(20_240_501);
    const mixed = await runClients(clients, seconds, async (c, k, out) => {
      const own = setup.reviewerCases.get(reviewers[k % reviewers.length]!)!;
      const x = random();
      if (x < 0.45) {
        const q = QUERIES[Math.floor(random() * QUERIES.length)]!;
        const filter = random() < 0.3 ? '&decision=upheld' : '';
        const r = await c.get(`/api/corpus/search?q=${encodeURIComponent(q)}${filter}&limit=20`, false);
        out.samples.push({ op: 'search', ms: r.ms, status: r.status });
      } else if (x < 0.75) {
        const y = random();
        const path = y < 0.4 ? `/api/cases/${own[Math.floor(random() * own.length)]}` : y < 0.7 ? `/api/letters/${setup.letterIds[Math.floor(random() * setup.letterIds.length)]}` : y < 0.85 ? '/api/cases?limit=20' : '/api/corpus/stats?by=category';
        const r = await c.get(path, false);
        out.samples.push({ op: 'read', ms: r.ms, status: r.status });
      } else {
        const caseId = own[Math.floor(random() * own.length)]!;
        const read = await c.get(`/api/cases/${caseId}`);
        out.samples.push({ op: 'read', ms: read.ms, status: read.status });
        if (read.status !== 200) return;
        const current = read.json.case.version as number;
        const deliberate = random() < 0.1 && current > setup.startVersions.get(caseId)!;
        const sentVersion = deliberate ? current - 1 : current;
        const item = 1 + Math.floor(random() * (setup.items.get(caseId)! - 1));
        const decision = random() < 0.5 ? 'upheld' : 'overturned';
        const token = `load-${k}-${counter++}`;
        const r = await c.post(`/api/cases/${caseId}/decisions`, { version: sentVersion, decisions: [{ index: item, decision, rationale: `Decided under load (${token}).`, overrideReason: 'load test alternates its decisions' }] });
        out.samples.push({ op: 'decide', ms: r.ms, status: r.status });
        out.writes.push({ caseId, sentVersion, deliberate, item, decision, token, status: r.status, newVersion: r.status === 200 ? r.json.case.version : null, answeredAt: Date.now() });
      }
    });

    const memory = memoryOf(server.child.pid);
    // Graceful stop: requests in flight finish and the database is closed before it is read.
    await new Promise<void>((resolve) => {
      server!.child.once('exit', () => resolve());
      server!.child.kill('SIGTERM');
    });
    server = null;
    const v = await verifyWrites(db, mixed.writes, setup.startVersions);

    const all = stats(mixed.samples);
    const base = stats(baseline.samples);
    const rate = mixed.samples.length / mixed.seconds;
    const baseRate = baseline.samples.length / baseline.seconds;
    const errors = new Map<number, number>();
    // 409 is the answer a stale write should get; anything else not 2xx is an error (0: the connection failed).
    for (const s of [...baseline.samples, ...mixed.samples]) if ((s.status === 0 || s.status >= 400) && s.status !== 409) errors.set(s.status, (errors.get(s.status) ?? 0) + 1);
    const ok = v.problems.length === 0 && errors.size === 0;
    const label = `load ${nClients} clients x ${Math.round(mixed.seconds)} s (${options.postgres ? 'postgres' : `synchronous=${(options.synchronous ?? 'full').toUpperCase()}`})`;
    console.log(`${label.padEnd(34)} ${`p50 ${f(all.p50)}, p95 ${f(all.p95)}`.padEnd(26)} baseline ${`p50 ${f(base.p50)}, p95 ${f(base.p95)}`.padEnd(24)} ratio ${(all.p95 / base.p95).toFixed(2).padStart(6)}x  target no lost write, no error${ok ? '  [meets target]' : '  [BELOW TARGET]'}`);
    console.log(`  throughput ${rate.toFixed(0)} req/s (baseline /api/health ${baseRate.toFixed(0)} req/s), ${mixed.samples.length} requests`);
    for (const op of ['search', 'read', 'decide']) {
      const s = stats(mixed.samples.filter((x) => x.op === op));
      console.log(`  ${op.padEnd(7)} ${String(s.n).padStart(6)} requests  p50 ${f(s.p50)}  p95 ${f(s.p95)}`);
    }
    const deliberate = mixed.writes.filter((w) => w.deliberate).length;
    console.log(`  writes: ${v.acknowledged} acknowledged, ${v.conflicts} refused with 409 (${deliberate} deliberately stale, the rest lost races), all verified in the database; audit chain of ${v.auditEntries} entries verifies`);
    console.log(`  server memory: ${memory ? `${memory.rss.toFixed(0)} MB resident at the end, ${memory.peak.toFixed(0)} MB at its peak` : 'not measured (no /proc)'}`);
    console.log(`  errors: ${errors.size === 0 ? 'none' : [...errors].map(([s, n]) => `${n} x HTTP ${s || 'connection'}`).join(', ')}`);
    for (const p of v.problems.slice(0, 20)) console.log(`  LOST OR WRONG: ${p}`);
    if (!ok) process.exitCode = 1;
    return { p95: all.p95, rate, ok };
  } finally {
    if (server) server.child.kill('SIGKILL');
    await dropCopy?.();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && /load\.ts$/.test(process.argv[1])) await benchLoad();
