/**
 * Corrections through the CLI, on a real letter's case: the coordinator's
 * clerical correction previewed and issued, a correction asked of the
 * reviewer, made by them and issued by the coordinator, each step audited
 * and the trail replaying to what the database holds; bad input refused on
 * one line.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DWC_PDF } from '../../../test/sample-letters.js';
import { runCli as run } from '../../../test/run-cli.js';
import { parseLetterFile } from '../../letters/index.js';
import { caseFromLetter, REVIEWERS } from '../../../test/case-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'imr-corrections-'));
const db = join(dir, 'cases.db');
const CORA = ['--db', db, '--actor', 'cora'];
const RITA = ['--db', db, '--actor', 'rita'];

describe('corrections of an issued determination through the CLI', () => {
  let caseNumber = '';
  beforeAll(async () => {
    const { determination } = await parseLetterFile(join(DWC_PDF, 'CM16-0230548.pdf'));
    writeFileSync(join(dir, 'case.json'), JSON.stringify(caseFromLetter(determination)));
    writeFileSync(join(dir, 'reviewers.json'), JSON.stringify(REVIEWERS));
    writeFileSync(join(dir, 'note.txt'), 'PR-2: neck strain after a fall at work; full strength, intact sensation.');
    expect((await run('reviewer', 'add', join(dir, 'reviewers.json'), ...CORA)).code).toBe(0);
    const imported = await run('case', 'import', join(dir, 'case.json'), ...CORA, '--json');
    caseNumber = JSON.parse(imported.out).case.caseNumber;
    expect((await run('case', 'records', caseNumber, '--request', ...CORA)).code).toBe(0);
    expect((await run('case', 'records', caseNumber, '--receive', join(dir, 'note.txt'), ...CORA)).code).toBe(0);
    expect((await run('case', 'assign', caseNumber, '--reviewer', 'R-002', ...CORA)).code).toBe(0);
    for (const [item, decision] of [['1', 'upheld'], ['2', 'overturned']] as const) {
      const d = await run('case', 'decide', caseNumber, '--item', item, '--decision', decision, '--guidelines', 'MTUS Neck and Upper Back Complaints 2004', '--rationale', `Item ${item} weighed against the guideline criteria and the records.`, '--override-reason', 'as the records show', ...RITA);
      expect(d.code, d.err).toBe(0);
    }
    expect((await run('case', 'issue', caseNumber, '--confirm', ...CORA)).code).toBe(0);
  });

  it('previews a clerical correction, issues it only with --confirm, and refuses one that is not one', async () => {
    const args = ['case', 'correct-clerical', caseNumber, '--injury', '2016-10-31', '--worker', 'Mario Elías González', '--reason', 'injury date and name mistyped at intake', ...CORA];
    const shown = await run(...args);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toMatch(/^PREVIEW of CM\d\d-\d{7}, version 2/);
    expect(shown.out).toContain('Corrected: version 2, replacing version 1');
    expect(shown.out).toContain('Date of Injury: 10/31/2016');
    expect(shown.out).toMatch(/--confirm --preview-hash [0-9a-f]{64}/);
    const hash = /preview ([0-9a-f]{64})/.exec(shown.out)![1]!;
    const done = await run(...args, '--confirm', '--preview-hash', hash);
    expect(done.code, done.err).toBe(0);
    expect(done.out).toBe(`${caseNumber}: corrected determination issued as version 2; earlier versions withdrawn from publication\n`);

    const nothing = await run('case', 'correct-clerical', caseNumber, '--reason', 'x', ...CORA);
    expect(nothing).toMatchObject({ code: 1, err: 'error: a clerical correction needs at least one field to correct\n  - correction: nothing to correct\n' });
    const same = await run('case', 'correct-clerical', caseNumber, '--injury', '2016-10-31', '--reason', 'x', ...CORA);
    expect(same.code).toBe(1);
    expect(same.err).toBe(`error: the clerical correction changes nothing of case ${caseNumber}\n  - correction: every field given is as the case already has it\n`);
    const notTypo = await run('case', 'correct-clerical', caseNumber, '--request', '1=Physical therapy 2 times a week for 6 weeks', '--reason', 'x', ...CORA);
    expect(notTypo.code).toBe(1);
    expect(notTypo.err).toMatch(/^error: the clerical correction is not valid: changes \d+ characters of item 1's request, more than a typo/);
    const notPair = await run('case', 'correct-clerical', caseNumber, '--request', 'MRI', '--reason', 'x', ...CORA);
    expect(notPair.code).toBe(2);
    expect(notPair.err).toMatch(/^error: --request "MRI" is not N=TEXT/);
    const badDate = await run('case', 'correct-clerical', caseNumber, '--injury', '31/10/2016', '--reason', 'x', ...CORA);
    expect(badDate.code).toBe(2);
    expect(badDate.err).toMatch(/^error: --injury: "31\/10\/2016" is not a date \(use YYYY-MM-DD\)/);
  });

  it('asks the reviewer, who makes the correction; the coordinator previews and issues it; the trail replays', async () => {
    const early = await run('case', 'make-correction', caseNumber, '--item', '1', '--decision', 'upheld', '--guidelines', 'MTUS', '--rationale', 'x', '--reason', 'r', ...RITA);
    expect(early).toMatchObject({ code: 1, err: `error: no correction of case ${caseNumber} has been requested\n` });
    const asked = await run('case', 'request-correction', caseNumber, '--note', 'Item 1: name the records reviewed.', ...CORA);
    expect(asked.code, asked.err).toBe(0);
    expect(asked.out).toBe(`${caseNumber}: correction requested of reviewer R-002\n`);
    expect((await run('case', 'show', caseNumber, '--db', db)).out).toContain('correction requested by cora');
    // The open request is part of the case: an export carries it, the import's replay agrees with it, and
    // a note edited in the database behind the trail is named by verify-audit.
    const exported = join(dir, 'open.jsonl.gz');
    expect((await run('export', '--out', exported, '--db', db)).code).toBe(0);
    const restored = await run('import', exported, '--db', join(dir, 'restored.db'));
    expect(restored.code, restored.err).toBe(0);
    expect((await run('case', 'show', caseNumber, '--db', join(dir, 'restored.db'))).out).toContain('correction requested by cora');
    expect((await run('case', 'verify-audit', '--db', join(dir, 'restored.db'))).code).toBe(0);
    const edited = join(dir, 'edited.db');
    for (const ending of ['', '.audit-key', '.audit-checkpoint']) copyFileSync(db + ending, edited + ending);
    const conn = new Database(edited);
    const row = conn.prepare('SELECT id, data FROM cases').get() as { id: number; data: string };
    const data = JSON.parse(row.data);
    conn.prepare('UPDATE cases SET data = ? WHERE id = ?').run(JSON.stringify({ ...data, correction: { ...data.correction, note: 'Item 2 instead.' } }), row.id);
    conn.close();
    const tampered = await run('case', 'verify-audit', '--db', edited);
    expect(tampered.code).toBe(1);
    expect(tampered.err).toContain(`- case ${caseNumber}.correction.note: is "Item 2 instead." in the database but "Item 1: name the records reviewed." by its audit trail`);
    const notMade = await run('case', 'issue-correction', caseNumber, ...CORA);
    expect(notMade.code).toBe(1);
    expect(notMade.err).toMatch(/has not been made by the reviewer yet/);

    const made = await run('case', 'make-correction', caseNumber, '--item', '1', '--decision', 'upheld', '--guidelines', 'MTUS Neck and Upper Back Complaints 2004', '--rationale', 'Item 1 weighed against the guideline criteria and the PR-2 progress report.', '--override-reason', 'as the records show', '--reason', 'records reviewed not named', ...RITA);
    expect(made.code, made.err).toBe(0);
    const shown = await run('case', 'issue-correction', caseNumber, ...CORA);
    expect(shown.out).toMatch(/^PREVIEW of CM\d\d-\d{7}, version 3/);
    expect(shown.out).toContain('Corrected: version 3, replacing version 2');
    const issued = await run('case', 'issue-correction', caseNumber, '--confirm', ...CORA, '--json');
    expect(issued.code, issued.err).toBe(0);
    expect(JSON.parse(issued.out)).toMatchObject({ caseNumber, version: 3, reason: 'records reviewed not named', issued: true });
    const history = JSON.parse((await run('case', 'show', caseNumber, '--db', db, '--json')).out).history.map((e: { actor: string; action: string }) => `${e.actor}:${e.action}`);
    expect(history.slice(-8)).toEqual(['cora:correct-clerical', 'cora:issue-determination', 'cora:withdraw-published', 'cora:request-correction', 'rita:make-correction', 'cora:issue-correction', 'cora:issue-determination', 'cora:withdraw-published']);
    const verified = await run('case', 'verify-audit', '--db', db);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toMatch(/^audit trail verifies: \d+ entries, .*; 1 cases and 0 users agree with it/);
    expect(await run('case', 'cancel-correction', caseNumber, ...CORA)).toMatchObject({ code: 1, err: `error: no correction of case ${caseNumber} has been requested\n` });
  });
  it('lists the audit trail newest first, filtered by case, actor, action and dates', async () => {
    const issues = await run('case', 'audit', '--case', caseNumber, '--action', 'issue-determination', '--db', db, '--json');
    expect(issues.code, issues.err).toBe(0);
    const page = JSON.parse(issues.out) as { total: number; items: { seq: number; action: string; after: { version: number } }[] };
    expect(page.total).toBe(3);
    expect(page.items.map((e) => e.after.version)).toEqual([3, 2, 1]);
    const rita = JSON.parse((await run('case', 'audit', '--actor', 'RIT', '--db', db, '--json')).out) as { items: { actor: string; action: string }[] };
    expect(rita.items.map((e) => e.action)).toEqual(['make-correction', 'decide', 'decide']);
    const table = await run('case', 'audit', '--case', caseNumber, '--limit', '2', '--offset', '1', '--db', db);
    expect(table.out).toMatch(/issue-determination[^\n]*\n[^\n]*issue-correction/);
    expect(table.out).toMatch(/2-3 of \d+ entries, newest first\n$/);
    const today = new Date().toISOString().slice(0, 10);
    expect((await run('case', 'audit', '--from', '2999-01-01', '--db', db)).out).toMatch(/none of 0 entries/);
    expect(JSON.parse((await run('case', 'audit', '--from', today, '--to', today, '--db', db, '--json')).out).total).toBeGreaterThan(10);
    const reversed = await run('case', 'audit', '--from', '2017-01-02', '--to', '2017-01-01', '--db', db);
    expect(reversed.code).toBe(2);
    expect(reversed.err).toMatch(/^error: --from 2017-01-02 is after --to 2017-01-01/);
    const notDate = await run('case', 'audit', '--from', 'x', '--db', db);
    expect(notDate.code).toBe(2);
    expect(notDate.err).toMatch(/^error: --from: "x" is not a date \(use YYYY-MM-DD\)/);
  });
});
