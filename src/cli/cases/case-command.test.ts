import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { DWC_PDF } from '../../../test/sample-letters.js';
import { parseLetterFile, parseLetterText, readLetterBytes } from '../../letters/index.js';
import { openStore } from '../../store/index.js';
import { CaseService } from '../../workflow/cases/index.js';
import { caseFromLetter, REVIEWERS } from '../../../test/case-fixtures.js';
import { runCli as run } from '../../../test/run-cli.js';


const dir = mkdtempSync(join(tmpdir(), 'imr-case-cli-'));
const db = join(dir, 'cases.db');
const A = ['--db', db, '--actor', 'cli-test'];

/** Rows and audit entries, to prove a refused command wrote nothing. */
async function snapshot(): Promise<string> {
  const store = await openStore({ path: db });
  try {
    const cases = await store.db.selectFrom('cases').select(['id', 'state', 'version']).execute();
    const audit = await store.audit.list();
    return JSON.stringify({ cases, audit: audit.length });
  } finally {
    await store.close();
  }
}

describe('imr case / reviewer / letter', () => {
  let caseNumber = '';
  beforeAll(async () => {
    const { determination } = await parseLetterFile(join(DWC_PDF, 'CM16-0230548.pdf'));
    writeFileSync(join(dir, 'case.json'), JSON.stringify(caseFromLetter(determination)));
    writeFileSync(join(dir, 'reviewers.json'), JSON.stringify(REVIEWERS));
    writeFileSync(join(dir, 'note.txt'), 'PR-2: neck strain, right hand contusion; improving with physical therapy.');
    writeFileSync(join(dir, 'bad.json'), '{"priority": "standard",');
  });

  it('runs a case from import to a rendered PDF letter', async () => {
    expect((await run('reviewer', 'add', join(dir, 'reviewers.json'), ...A)).code).toBe(0);
    const imported = await run('case', 'import', join(dir, 'case.json'), ...A, '--json');
    expect(imported.code).toBe(0);
    caseNumber = JSON.parse(imported.out).case.caseNumber;
    expect(caseNumber).toMatch(/^CM\d{2}-0000001$/);
    expect((await run('case', 'records', caseNumber, '--request', '--electronic', ...A)).code).toBe(0);
    expect((await run('case', 'records', caseNumber, '--receive', join(dir, 'note.txt'), ...A)).code).toBe(0);
    const assigned = await run('case', 'assign', caseNumber, ...A);
    expect(assigned.out).toContain('assigned reviewer R-002');
    const d1 = await run('case', 'decide', caseNumber, '--item', '1', '--decision', 'upheld', '--guidelines', 'MTUS Neck and Upper Back Complaints 2004', '--rationale', 'No red flags. The request is not medically necessary.', ...A);
    // The engine's draft is shown; the reviewer agrees on item 1.
    expect(d1.err).toMatch(/engine draft 1: upheld, overturn probability \d+%.*; the record lacks: Document [^\n]*\[openimr-engine [^;\n]+; overturn-lr\/1 /);
    expect(d1.code).toBe(0);
    // Disagreeing with the draft on item 2 (overturned) needs a reason, and changes nothing without one.
    const refused = await run('case', 'decide', caseNumber, '--item', '2', '--decision', 'upheld', '--guidelines', 'MTUS Acupuncture Treatment 2007', '--rationale', 'Not supported.', ...A);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/override/i);
    expect((await run('case', 'decide', caseNumber, '--item', '2', '--decision', 'overturned', '--guidelines', 'MTUS Acupuncture Treatment 2007', '--rationale', 'Within the trial. The request is medically necessary.', ...A)).code).toBe(0);
    expect((await run('case', 'issue', caseNumber, '--confirm', ...A)).code).toBe(0);
    const pdfPath = join(dir, 'letter.pdf');
    expect((await run('letter', 'render', caseNumber, '--format', 'pdf', '--out', pdfPath, '--db', db)).code).toBe(0);
    const back = parseLetterText((await readLetterBytes(new Uint8Array(readFileSync(pdfPath)), pdfPath)).text, pdfPath);
    expect(back.caseNumber).toBe(caseNumber);
    expect(back.items.map((i) => i.decision)).toEqual(['upheld', 'overturned']);
    const html = await run('letter', 'render', caseNumber, '--format', 'html', '--db', db);
    expect(html.out).toContain('<h2>IMR ISSUES, DECISIONS AND RATIONALES</h2>');
    expect(html.out).not.toMatch(/Gonzalez|Whitfield|Sunrise/);
    const show = await run('case', 'show', caseNumber, '--db', db);
    expect(show.out).toContain('determination issued, version 1');
    expect(show.out).toContain('cli-test  issue');
    expect((await run('case', 'verify-audit', '--db', db)).out).toMatch(/audit trail verifies: \d+ entries/);
  });

  it('answers bad input with one clear line and changes nothing', async () => {
    const before = await snapshot();
    const cases: [string[], RegExp, number][] = [
      [['case', 'assign', caseNumber, '--reviewer', 'R-404', ...A], /^error: reviewer R-404 not found$/m, 1],
      [['case', 'decide', caseNumber, '--item', '1', '--decision', 'upheld', ...A], /cannot decide a case that is issued/, 1],
      [['case', 'import', join(dir, 'bad.json'), ...A], /^error: .*bad\.json: not valid JSON/m, 1],
      [['case', 'import', join(dir, 'missing.json'), ...A], /^error: .*missing\.json: cannot read file \(ENOENT\)$/m, 1],
      [['case', 'import', join(dir, 'case.json'), '--case-number', caseNumber, ...A], new RegExp(`^error: case number ${caseNumber} already exists$`, 'm'), 1],
      [['case', 'show', 'CM99-0000042', '--db', db], /^error: case CM99-0000042 not found$/m, 1],
      [['case', 'decide', caseNumber, '--item', '1', '--decision', 'maybe', ...A], /argument 'maybe' is invalid/, 2],
      [['letter', 'render', caseNumber, '--format', 'docx', '--db', db], /argument 'docx' is invalid/, 2],
    ];
    for (const [argv, message, code] of cases) {
      const r = await run(...argv);
      expect(r.err, argv.join(' ')).toMatch(message);
      expect(r.code, argv.join(' ')).toBe(code);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect(await snapshot()).toBe(before);
  });

  it('renders an earlier version with letter render --version N and withdraws one with case withdraw --version N: the subcommands\' option, not the program\'s --version', async () => {
    const corrected = await run('case', 'correct', caseNumber, '--item', '1', '--decision', 'upheld', '--guidelines', 'MTUS Neck and Upper Back Complaints 2004', '--rationale', 'Corrected: no red flags and no neurological deficit. The request is not medically necessary.', '--reason', 'rationale clarified', '--confirm', ...A);
    expect(corrected.out, corrected.err).toContain('corrected determination issued as version 2');
    // Version 1 was withdrawn from publication by the correction: only its internal letter renders.
    const v1Published = await run('letter', 'render', caseNumber, '--format', 'md', '--version', '1', '--db', db);
    expect(v1Published.err).toMatch(/^error: .*version 1 was withdrawn/m);
    const v1 = await run('letter', 'render', caseNumber, '--format', 'md', '--version', '1', '--unredacted', '--db', db);
    const v2 = await run('letter', 'render', caseNumber, '--format', 'md', '--version', '2', '--db', db);
    const latest = await run('letter', 'render', caseNumber, '--format', 'md', '--db', db);
    expect(v1.code, v1.err).toBe(0);
    expect(v1.out).toContain('No red flags. The request is not medically necessary.');
    expect(v1.out).not.toContain('Corrected:');
    expect(v2.out).toContain('Corrected: no red flags');
    expect(latest.out).toBe(v2.out);
    // The program's own --version still answers before a subcommand.
    expect((await run('--version')).out).toBe('0.1.0\n');
    const missing = await run('letter', 'render', caseNumber, '--format', 'md', '--version', '3', '--db', db);
    expect(missing.err).toMatch(/^error: .*version 3 of the determination/m);
    // case withdraw's --version names the version to withdraw.
    const withdrawn = await run('case', 'withdraw', caseNumber, '--version', '2', '--reason', 'a relative is named', ...A);
    expect(withdrawn.out, withdrawn.err).toBe(`${caseNumber}: version 2 withdrawn from publication (a relative is named)\n`);
    expect((await run('letter', 'render', caseNumber, '--format', 'md', '--db', db)).code).not.toBe(0);
  });

  it('refuses a decision without rationale and reports a tampered audit entry', async () => {
    const imported = await run('case', 'import', join(dir, 'case.json'), ...A, '--json');
    const ref = JSON.parse(imported.out).case.caseNumber;
    await run('case', 'records', ref, '--request', ...A);
    await run('case', 'records', ref, '--receive', join(dir, 'note.txt'), ...A);
    await run('case', 'assign', ref, ...A);
    const before = await snapshot();
    const r = await run('case', 'decide', ref, '--item', '1', '--decision', 'upheld', '--guidelines', 'MTUS', ...A);
    expect(r.code).toBe(1);
    expect(r.err).toContain('error: decision refused: items.1.rationale: a decision needs a rationale');
    expect(await snapshot()).toBe(before);

    const store = await openStore({ path: db });
    await sql`UPDATE audit_log SET after_state = '{"state":"issued"}' WHERE seq = 3`.execute(store.db);
    await store.close();
    const v = await run('case', 'verify-audit', '--db', db);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/^error: the audit trail and the database disagree \(\d+ problems?\)\n/);
    expect(v.err).toContain('\n  - chain: audit trail does not verify at entry 3: its content does not match its hash (the entry was changed)\n');
  });

  it('continues an interrupted intake: a case left received gets its eligibility checked and its number with imr case intake', async () => {
    const db2 = join(dir, 'intake.db');
    const store = await openStore({ path: db2 });
    const service = new CaseService(store);
    // What an import killed after its first step leaves: the case opened, nothing more.
    const opened = await service.open(JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')), 'cli-test');
    await store.close();
    const r = await run('case', 'intake', `#${opened.id}`, '--db', db2, '--actor', 'cli-test', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).case).toMatchObject({ state: 'assigned', caseNumber: expect.stringMatching(/^CM\d{2}-0000001$/) });
    const again = await run('case', 'intake', `#${opened.id}`, '--db', db2);
    expect(again.code).toBe(1);
    expect(again.err).toBe('error: cannot continue the intake of a case that is assigned; allowed only when received or eligible\n');
  });
});
