/**
 * Child processes for the crash tests, and the checks run on a database
 * after one was killed: SQLite's own integrity and foreign key checks, the
 * full-text index against its content, and every letter or case complete
 * and consistent with the audit trail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { auditHash, GENESIS_HASH, type Determination } from '../../src/domain/index.js';
import { SIDE_ENTRIES } from '../../src/workflow/cases/index.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** A child process with its output lines collected as they arrive. */
export interface Child {
  process: ChildProcess;
  lines: string[];
  stderr: () => string;
  /** Resolves with the exit code and signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function track(proc: ChildProcess): Child {
  const lines: string[] = [];
  let partial = '';
  let err = '';
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    proc.on('exit', (code, signal) => {
      if (partial) lines.push(partial);
      res({ code, signal });
    }),
  );
  return { process: proc, lines, stderr: () => err, exited };
}

/** `imr ARGS...` through bin/imr.mjs, as a user runs it. */
export function spawnImr(args: string[], env: NodeJS.ProcessEnv = {}): Child {
  return track(spawn(process.execPath, [join(ROOT, 'bin', 'imr.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** A sequence of `imr` commands in one process (test/crash/imr-sequence.ts). */
export function spawnSequence(dir: string, commands: string[][], env: NodeJS.ProcessEnv = {}): Child {
  const file = join(dir, `commands-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(commands));
  const script = join(ROOT, 'test', 'crash', 'imr-sequence.ts');
  return track(spawn(process.execPath, ['--import', 'tsx', script, file], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** `imr ARGS...` through the CLI's entry point with the crash tests' transaction pause (test/crash/imr-main.ts). */
export function spawnPausable(args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const script = join(ROOT, 'test', 'crash', 'imr-main.ts');
  return track(spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** Polls `probe` until it returns a value other than undefined; throws after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000, everyMs = 10): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** SIGKILLs the child and waits for it to be gone; the kill must be what ended it. */
export async function kill(child: Child): Promise<void> {
  child.process.kill('SIGKILL');
  const { signal } = await child.exited;
  if (signal !== 'SIGKILL') throw new Error(`the child ended by itself before it was killed (${signal ?? 'exit'}): ${child.stderr()}`);
}

/** Rows in a table as another connection sees them (committed only), or 0 before the table exists. */
export function committedRows(db: string, table: string): number {
  let conn: Database.Database | null = null;
  try {
    conn = new Database(db, { readonly: true, fileMustExist: true });
    return Number((conn.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
  } catch {
    return 0;
  } finally {
    conn?.close();
  }
}

/** SQLite's own checks: page structure and foreign keys. Returns what is wrong. */
export function sqliteProblems(conn: Database.Database): string[] {
  const problems: string[] = [];
  const integrity = conn.pragma('integrity_check') as { integrity_check: string }[];
  if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') problems.push(`integrity_check: ${JSON.stringify(integrity)}`);
  const fk = conn.pragma('foreign_key_check') as unknown[];
  if (fk.length) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);
  try {
    // FTS5 compares its index with the content view (rank = 1).
    conn.prepare(`INSERT INTO letters_fts (letters_fts, rank) VALUES ('integrity-check', 1)`).run();
  } catch (err) {
    problems.push(`full-text index: ${(err as Error).message}`);
  }
  return problems;
}

/** What a stored letter must have, from its parse: items with rationales, citations and drugs. */
function expectedRows(parsed: Omit<Determination, 'clinicalSummary'>): { items: number; citations: number; drugs: number } {
  let citations = 0;
  let drugs = 0;
  for (const it of parsed.items) {
    citations += it.imrGuidelines.length + it.claimsAdministratorGuidelines.length;
    if (it.treatment.kind === 'medication') drugs += new Set(it.treatment.generic.map((g) => g.toLowerCase())).size;
  }
  return { items: parsed.items.length, citations, drugs };
}

/**
 * Every letter in the corpus complete: its text row, and as many items,
 * rationales, citations and drug rows as its stored parse says. Returns the
 * stored letters (id, source, original text) and what is wrong.
 */
export function corpusProblems(db: string): { letters: { id: number; source: string; text: string }[]; problems: string[] } {
  const conn = new Database(db);
  try {
    const problems = sqliteProblems(conn);
    const rows = conn
      .prepare(
        `SELECT l.id, l.source, t.original_text AS text, t.parsed,
          (SELECT count(*) FROM items i WHERE i.letter_id = l.id) AS items,
          (SELECT count(*) FROM items i JOIN item_texts x ON x.item_id = i.id WHERE i.letter_id = l.id) AS rationales,
          (SELECT count(*) FROM items i JOIN citations c ON c.item_id = i.id WHERE i.letter_id = l.id) AS citations,
          (SELECT count(*) FROM items i JOIN item_drugs d ON d.item_id = i.id WHERE i.letter_id = l.id) AS drugs
        FROM letters l LEFT JOIN letter_texts t ON t.letter_id = l.id ORDER BY l.id`,
      )
      .all() as { id: number; source: string; text: string | null; parsed: string | null; items: number; rationales: number; citations: number; drugs: number }[];
    for (const r of rows) {
      if (r.parsed === null || r.text === null) {
        problems.push(`letter ${r.id} (${r.source}) has no text row`);
        continue;
      }
      const want = expectedRows(JSON.parse(r.parsed));
      if (r.items !== want.items || r.rationales !== want.items || r.citations !== want.citations || r.drugs !== want.drugs) {
        problems.push(`letter ${r.id} (${r.source}) is incomplete: ${JSON.stringify({ items: r.items, rationales: r.rationales, citations: r.citations, drugs: r.drugs })}, expected ${JSON.stringify(want)}`);
      }
    }
    const orphans = conn.prepare(`SELECT (SELECT count(*) FROM letter_texts WHERE letter_id NOT IN (SELECT id FROM letters)) + (SELECT count(*) FROM items WHERE letter_id NOT IN (SELECT id FROM letters)) AS n`).get() as { n: number };
    if (orphans.n) problems.push(`${orphans.n} text or item rows without their letter`);
    return { letters: rows.map((r) => ({ id: r.id, source: r.source, text: r.text ?? '' })), problems };
  } finally {
    conn.close();
  }
}

/** One stored case, as the case table has it. */
export interface StoredCase {
  id: number;
  caseNumber: string | null;
  state: string;
  version: number;
  reviewerId: string | null;
  issuedVersion: number;
  decisions: number;
}

/**
 * The case tables and the audit trail agree: the chain verifies; each case's
 * state, number, reviewer, decisions and issued version are what replaying
 * its audit entries gives; its version counts its writes; every issued
 * version has its determination row and audit entry. Returns the cases, the
 * audit actions per case and what is wrong.
 */
export function caseProblems(db: string): { cases: StoredCase[]; actions: Map<number, string[]>; problems: string[] } {
  const conn = new Database(db);
  try {
    const problems = sqliteProblems(conn);
    const audit = conn.prepare('SELECT * FROM audit_log ORDER BY seq').all() as { seq: number; case_id: number | null; actor: string; at: string; action: string; before_state: string | null; after_state: string | null; prev_hash: string; hash: string }[];
    let prev = GENESIS_HASH;
    for (const e of audit) {
      const event = { actor: e.actor, at: e.at, caseId: e.case_id, action: e.action, before: e.before_state === null ? null : JSON.parse(e.before_state), after: e.after_state === null ? null : JSON.parse(e.after_state) };
      if (e.prev_hash !== prev || auditHash(prev, event) !== e.hash) problems.push(`audit entry ${e.seq} does not verify`);
      prev = e.hash;
    }
    const rows = conn.prepare('SELECT id, case_number, state, version, reviewer_id, data FROM cases ORDER BY id').all() as { id: number; case_number: string | null; state: string; version: number; reviewer_id: string | null; data: string }[];
    const cases: StoredCase[] = [];
    const actions = new Map<number, string[]>();
    for (const r of rows) {
      const data = JSON.parse(r.data) as { issuedVersion: number; decisions: unknown[] };
      const c: StoredCase = { id: r.id, caseNumber: r.case_number, state: r.state, version: r.version, reviewerId: r.reviewer_id, issuedVersion: data.issuedVersion, decisions: data.decisions.length };
      cases.push(c);
      const entries = audit.filter((e) => e.case_id === r.id);
      actions.set(r.id, entries.map((e) => e.action));
      // Replay: the open entry holds the whole case, later ones what changed.
      const replayed: Record<string, unknown> = {};
      for (const e of entries) if (!SIDE_ENTRIES.has(e.action) && e.after_state) Object.assign(replayed, JSON.parse(e.after_state));
      const writes = entries.filter((e) => !SIDE_ENTRIES.has(e.action)).length;
      const want = { caseNumber: c.caseNumber, state: c.state, reviewerId: c.reviewerId, issuedVersion: c.issuedVersion, decisions: c.decisions, version: c.version };
      const got = { caseNumber: replayed.caseNumber ?? null, state: replayed.state, reviewerId: replayed.reviewerId ?? null, issuedVersion: replayed.issuedVersion, decisions: (replayed.decisions as unknown[] | undefined)?.length ?? 0, version: writes };
      if (JSON.stringify(want) !== JSON.stringify(got)) problems.push(`case ${r.id}: stored ${JSON.stringify(want)} but its audit trail gives ${JSON.stringify(got)}`);
      const issued = conn.prepare('SELECT version FROM case_determinations WHERE case_id = ? ORDER BY version').all(r.id) as { version: number }[];
      const issuedAudit = entries.filter((e) => e.action === 'issue-determination').length;
      if (issued.length !== c.issuedVersion || issuedAudit !== c.issuedVersion) problems.push(`case ${r.id}: issued version ${c.issuedVersion}, ${issued.length} determination rows, ${issuedAudit} issue entries`);
    }
    const stray = audit.filter((e) => e.case_id !== null && !rows.some((r) => r.id === e.case_id));
    if (stray.length) problems.push(`${stray.length} audit entries for cases that do not exist`);
    return { cases, actions, problems };
  } finally {
    conn.close();
  }
}
