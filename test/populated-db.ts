/**
 * A database with something of everything, for the export, import and
 * backup tests: real letters (text, Markdown and PDF), the reviewer
 * registry, and cases in several states: issued and corrected (two
 * versions), decided, in review, ineligible, and one opened with a case
 * number of its own; users of the HTTP API (a reviewer, and an analyst who must still choose a password).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DWC_PDF, sampleLetters } from './sample-letters.js';
import { parseLetterFile } from '../src/letters/index.js';
import { caseFromLetter, REVIEWERS } from './case-fixtures.js';
import { runCli } from './run-cli.js';
import { openStore } from '../src/store/index.js';
import { UserService } from '../src/workflow/accounts/index.js';
import { TEST_PASSWORD_COST } from './api-fixtures.js';

/** Runs the CLI in-process; throws with what it printed if a command fails. */
async function imr(...argv: string[]): Promise<void> {
  const r = await runCli(...argv);
  if (r.code !== 0) throw new Error(`imr ${argv.join(' ')} failed (${r.code}): ${r.err}`);
}

/** The password of the users populate() adds. */
export const POPULATED_PASSWORD = 'populated password 1';

/** Builds the database at `db` (an SQLite path or a PostgreSQL URL), with its input files under `dir`. */
export async function populate(dir: string, db: string): Promise<void> {
  const letters = join(dir, 'letters');
  mkdirSync(letters, { recursive: true });
  for (const s of sampleLetters()) copyFileSync(s.path, join(letters, s.file));
  for (const f of ['CM16-0246487', 'CM17-0009840', 'CM17-0019120', 'CM16-0230548']) copyFileSync(join(DWC_PDF, `${f}.pdf`), join(letters, `${f}.pdf`));
  await imr('ingest', letters, '--db', db, '--quiet');

  const { determination } = await parseLetterFile(join(DWC_PDF, 'CM16-0230548.pdf'));
  const caseJson = join(dir, 'case.json');
  writeFileSync(caseJson, JSON.stringify(caseFromLetter(determination)));
  writeFileSync(join(dir, 'late.json'), JSON.stringify(caseFromLetter(determination, { receivedDate: '2017-06-30', urDecisionDate: '2016-12-01' })));
  writeFileSync(join(dir, 'reviewers.json'), JSON.stringify(REVIEWERS));
  writeFileSync(join(dir, 'note.txt'), 'PR-2: neck strain, right hand contusion; improving with physical therapy.');
  writeFileSync(
    join(dir, 'decisions.json'),
    JSON.stringify(determination.items.map((i) => ({ index: i.index, decision: i.decision, guidelines: 'MTUS Chronic Pain Medical Treatment Guidelines', rationale: `As published: ${i.decision}.`, overrideReason: 'as published' }))),
  );
  const A = ['--db', db, '--actor', 'export-test'];
  await imr('reviewer', 'add', join(dir, 'reviewers.json'), ...A);
  await imr('reviewer', 'set', 'R-003', '--unavailable', ...A);

  const toReview = async (ref: string) => {
    await imr('case', 'records', ref, '--request', ...A);
    await imr('case', 'records', ref, '--receive', join(dir, 'note.txt'), ...A);
    await imr('case', 'assign', ref, ...A);
  };
  // #1 issued, then corrected: two versions, the first withdrawn by the correction.
  await imr('case', 'import', caseJson, ...A);
  await toReview('#1');
  await imr('case', 'decide', '#1', '--file', join(dir, 'decisions.json'), ...A);
  await imr('case', 'issue', '#1', '--confirm', ...A);
  await imr('case', 'correct', '#1', '--confirm', '--item', '1', '--decision', 'upheld', '--guidelines', 'MTUS ACOEM Neck and Upper Back Complaints', '--rationale', 'Corrected citation.', '--override-reason', 'as published', '--reason', 'wrong guideline cited', ...A);
  // #2 decided, #3 in review with one item decided, #4 records requested.
  await imr('case', 'import', caseJson, ...A);
  await toReview('#2');
  await imr('case', 'decide', '#2', '--file', join(dir, 'decisions.json'), ...A);
  await imr('case', 'import', caseJson, ...A);
  await toReview('#3');
  await imr('case', 'decide', '#3', '--item', '1', '--decision', 'upheld', '--guidelines', 'MTUS', '--rationale', 'Not supported.', '--override-reason', 'as published', ...A);
  await imr('case', 'import', caseJson, ...A);
  await imr('case', 'records', '#4', '--request', '--electronic', ...A);
  // #5 ineligible (filed too late), #6 with a case number of its own.
  try {
    await imr('case', 'import', join(dir, 'late.json'), ...A);
  } catch {
    // An ineligible case exits 1: it is stored all the same.
  }
  await imr('case', 'import', caseJson, '--case-number', 'CM15-0001234', ...A);
  const store = await openStore({ path: db });
  try {
    const users = new UserService(store, { passwordCost: TEST_PASSWORD_COST });
    await users.add({ username: 'rita', role: 'reviewer', reviewerId: 'R-002', password: POPULATED_PASSWORD, mustChangePassword: false }, 'export-test');
    await users.add({ username: 'ana', role: 'analyst', password: POPULATED_PASSWORD }, 'export-test');
  } finally {
    await store.close();
  }
}
