/**
 * Crash safety of the case workflow: a process running a sequence of
 * `imr case` commands (import, records, assign, decide, issue, for several
 * cases) is SIGKILLed at a random point and, separately, inside a write's
 * open transaction. After each kill the database passes SQLite's checks, the
 * audit chain verifies, every case agrees with its audit trail, and every
 * command that completed before the kill is there; the sequence is then
 * resumed from the state the database shows, and finishes with every case
 * issued.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DWC_PDF } from '../../../test/sample-letters.js';
import { caseProblems, committedRows, kill, spawnSequence, waitFor, type Child, type StoredCase } from '../../../test/crash/harness.js';
import { parseLetterFile } from '../../letters/index.js';
import { caseFromLetter, REVIEWERS } from '../../../test/case-fixtures.js';

const CASES = 6;

let dir: string;
let files: { caseJson: string; reviewers: string; note: string; decisions: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imr-case-crash-'));
  const { determination } = await parseLetterFile(join(DWC_PDF, 'CM16-0230548.pdf'));
  files = { caseJson: join(dir, 'case.json'), reviewers: join(dir, 'reviewers.json'), note: join(dir, 'note.txt'), decisions: join(dir, 'decisions.json') };
  writeFileSync(files.caseJson, JSON.stringify(caseFromLetter(determination)));
  writeFileSync(files.reviewers, JSON.stringify(REVIEWERS));
  writeFileSync(files.note, 'PR-2: neck strain, right hand contusion; improving with physical therapy.');
  writeFileSync(
    files.decisions,
    JSON.stringify(
      determination.items.map((i) => ({ index: i.index, decision: i.decision, guidelines: 'MTUS Chronic Pain Medical Treatment Guidelines', rationale: `Decided as in the published letter: ${i.decision}.`, overrideReason: 'as published' })),
    ),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The audit actions a completed command leaves for its case. */
const ACTIONS: Record<string, string[]> = {
  import: ['open', 'check-eligibility', 'assign-case-number'],
  intake: ['assign-case-number'],
  request: ['request-records'],
  receive: ['receive-records'],
  assign: ['assign-reviewer', 'store-draft'],
  decide: ['decide'],
  issue: ['issue', 'issue-determination'],
};

interface Step {
  kind: keyof typeof ACTIONS;
  /** Internal id of the case it acts on. */
  caseId: number;
  argv: string[];
}

/** The commands still to run for case `id`, given its state (or none: not yet opened). */
function remaining(db: string, id: number, state: string | null): Step[] {
  const A = ['--db', db, '--actor', 'crash-test'];
  const ref = `#${id}`;
  const all: Step[] = [
    { kind: 'import', caseId: id, argv: ['case', 'import', files.caseJson, ...A] },
    { kind: 'request', caseId: id, argv: ['case', 'records', ref, '--request', ...A] },
    { kind: 'receive', caseId: id, argv: ['case', 'records', ref, '--receive', files.note, ...A] },
    { kind: 'assign', caseId: id, argv: ['case', 'assign', ref, ...A] },
    { kind: 'decide', caseId: id, argv: ['case', 'decide', ref, '--file', files.decisions, ...A] },
    { kind: 'issue', caseId: id, argv: ['case', 'issue', ref, '--confirm', ...A] },
  ];
  const intake: Step = { kind: 'intake', caseId: id, argv: ['case', 'intake', ref, ...A] };
  switch (state) {
    case null:
      return all;
    case 'received':
    case 'eligible':
      return [intake, ...all.slice(1)];
    case 'assigned':
      return all.slice(1);
    case 'records-requested':
      return all.slice(2);
    case 'records-received':
      return all.slice(3);
    case 'in-review':
      return all.slice(4);
    case 'decided':
      return all.slice(5);
    case 'issued':
      return [];
    default:
      throw new Error(`unexpected state ${state}`);
  }
}

/** The rest of the whole sequence, from what the database shows (cases are numbered 1, 2, ... as opened). */
function plan(db: string, cases: StoredCase[], withReviewers: boolean): Step[] {
  const steps: Step[] = [];
  for (let id = 1; id <= CASES; id++) steps.push(...remaining(db, id, cases.find((c) => c.id === id)?.state ?? null));
  return withReviewers ? [{ kind: 'intake', caseId: 0, argv: ['reviewer', 'add', files.reviewers, '--db', db, '--actor', 'crash-test'] }, ...steps] : steps;
}

/** The checks after a kill: integrity, audit chain, cases agreeing with it, and every acknowledged command there. */
function checkAfterCrash(db: string, child: Child, steps: Step[]): StoredCase[] {
  const { cases, actions, problems } = caseProblems(db);
  expect(problems).toEqual([]);
  const acked = child.lines.filter((l) => l.startsWith('ACK ')).map((l) => l.split(' ').map(Number).slice(1) as [number, number]);
  for (const [n, code] of acked) {
    const step = steps[n]!;
    expect(code, `${step.argv.join(' ')}: ${child.stderr()}`).toBe(0);
    if (step.caseId === 0) continue;
    for (const action of ACTIONS[step.kind]!) expect(actions.get(step.caseId), `${step.argv.join(' ')}: ${action}`).toContain(action);
  }
  return cases;
}

describe('imr case commands killed mid-sequence', () => {
  it('SIGKILLed at a random point, then resumed from what the database shows: cases and audit chain verify and agree, nothing acknowledged is lost', async () => {
    const db = join(dir, 'random.db');
    const steps = plan(db, [], true);
    const child = spawnSequence(dir, steps.map((s) => s.argv));
    // Some commands in; the kill lands wherever the sequence is.
    await waitFor('a dozen audited writes', () => (committedRows(db, 'audit_log') >= 12 ? true : undefined));
    await kill(child);
    const cases = checkAfterCrash(db, child, steps);
    expect(cases.filter((c) => c.state === 'issued').length).toBeLessThan(CASES);

    const rest = plan(db, cases, false);
    const resumed = spawnSequence(dir, rest.map((s) => s.argv));
    await resumed.exited;
    expect(resumed.lines, resumed.stderr()).toContain('DONE');
    const final = checkAfterCrash(db, resumed, rest);
    expect(final.map((c) => c.state)).toEqual(Array(CASES).fill('issued'));
    expect(final.map((c) => c.issuedVersion)).toEqual(Array(CASES).fill(1));
  });

  it('SIGKILLed inside a write transaction (case, audit entry and issued version written, not committed): none of it is there, the rest verifies, and the sequence resumes', async () => {
    const db = join(dir, 'paused.db');
    const steps = plan(db, [], true);
    // The first transaction that brings the audit trail past 21 entries stops before COMMIT.
    const child = spawnSequence(dir, steps.map((s) => s.argv), { IMR_CRASH_PAUSE_AFTER: 'audit_log:21' });
    await waitFor('the paused transaction', () => (child.lines.some((l) => l.startsWith('PAUSED')) ? true : child.process.exitCode !== null ? false : undefined));
    const paused = Number(child.lines.find((l) => l.startsWith('PAUSED'))?.split(' ')[1]);
    expect(paused, child.stderr()).toBeGreaterThan(21);
    await kill(child);
    const cases = checkAfterCrash(db, child, steps);
    // 3 reviewers, then 10 entries a case (the assignment stores the draft
    // with its own entry): the paused transaction issued case 2 (its case
    // row, issued version and two audit entries). None of it is there.
    expect(paused).toBe(23);
    expect(committedRows(db, 'audit_log')).toBe(21);
    expect(cases.map((c) => c.state)).toEqual(['issued', 'decided']);
    expect(committedRows(db, 'case_determinations')).toBe(1);

    const rest = plan(db, cases, false);
    const resumed = spawnSequence(dir, rest.map((s) => s.argv));
    await resumed.exited;
    expect(resumed.lines, resumed.stderr()).toContain('DONE');
    expect(checkAfterCrash(db, resumed, rest).map((c) => c.state)).toEqual(Array(CASES).fill('issued'));
  });
});
