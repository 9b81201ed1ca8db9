/**
 * Bad case input through `imr case` and `imr reviewer`: malformed or invalid
 * case JSON and FHIR bundles, unknown references, refused decisions, steps
 * out of order, stale versions and a tampered audit trail. Each is one
 * `error:` line (with a line per bad field where there are several), and
 * changes nothing. Rows of docs/bad-input.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DWC_PDF } from '../../../test/sample-letters.js';
import { runCli, type CliRun } from '../../../test/run-cli.js';
import { parseLetterFile } from '../../letters/index.js';
import { openStore } from '../../store/index.js';
import { caseFromLetter, REVIEWERS } from '../../../test/case-fixtures.js';

let dir: string;
let db: string;
let A: string[];
let caseJson: Record<string, any>;

function json(name: string, value: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
}

/** Cases with their versions and the audit trail's length: what a refused command must leave as it was. */
async function snapshot(): Promise<string> {
  const store = await openStore({ path: db });
  try {
    const cases = await store.db.selectFrom('cases').select(['id', 'state', 'version', 'data']).orderBy('id').execute();
    const reviewers = await store.db.selectFrom('reviewers').select(['id', 'version']).orderBy('id').execute();
    return JSON.stringify({ cases, reviewers, audit: (await store.audit.list()).length });
  } finally {
    await store.close();
  }
}

/** Runs a command that must be refused: exit `code`, first line `message`, no stack trace, nothing changed. Returns its stderr lines. */
async function refused(argv: string[], code: number, message: string | RegExp): Promise<string[]> {
  const before = await snapshot();
  const r: CliRun = await runCli(...argv);
  expect(r.code, r.err).toBe(code);
  const lines = r.err.split('\n').filter((l) => l && !l.startsWith('engine draft') && !l.startsWith('Usage') && !l.startsWith('no engine draft'));
  const first = lines.find((l) => l.startsWith('error: '));
  if (typeof message === 'string') expect(first).toBe(`error: ${message}`);
  else expect(first).toMatch(message);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(await snapshot()).toBe(before);
  return lines;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imr-bad-cases-'));
  db = join(dir, 'cases.db');
  A = ['--db', db, '--actor', 'bad-input-test'];
  const { determination } = await parseLetterFile(join(DWC_PDF, 'CM16-0230548.pdf'));
  caseJson = caseFromLetter(determination) as Record<string, any>;
  json('case.json', caseJson);
  json('reviewers.json', REVIEWERS);
  json('note.txt', 'PR-2: neck strain, right hand contusion; improving with physical therapy.');
  for (const argv of [['reviewer', 'add', join(dir, 'reviewers.json')], ['case', 'import', join(dir, 'case.json')], ['case', 'records', '#1', '--request'], ['case', 'records', '#1', '--receive', join(dir, 'note.txt')], ['case', 'assign', '#1']]) {
    const r = await runCli(...argv, ...A);
    expect(r.code, r.err).toBe(0);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bad case input', () => {
  it('case JSON that is not JSON', async () => {
    const p = json('broken.json', '{"priority": "standard",');
    await refused(['case', 'import', p, ...A], 1, new RegExp(`^error: ${p}: not valid JSON \\(`));
  });

  it('case JSON with missing fields', async () => {
    const { parties, ...rest } = caseJson;
    const lines = await refused(['case', 'import', json('no-parties.json', { ...rest, parties: { ...parties, worker: {} } }), ...A], 1, 'the case is not valid');
    expect(lines).toContain('  - parties.worker.name: Invalid input: expected string, received undefined');
  });

  it('case JSON with fields of the wrong type', async () => {
    const bad = structuredClone(caseJson);
    bad.application.receivedDate = 'yesterday';
    bad.file.patient.age = 'forty';
    bad.application.signed = 'yes';
    const lines = await refused(['case', 'import', json('wrong-types.json', bad), ...A], 1, 'the case is not valid');
    expect(lines).toEqual(
      expect.arrayContaining([
        '  - application.receivedDate: Invalid string: must match pattern /^\\d{4}-\\d{2}-\\d{2}$/',
        '  - application.signed: Invalid input: expected boolean, received string',
        '  - file.patient.age: Invalid input: expected number, received string',
      ]),
    );
  });

  it('a case file that does not exist', async () => {
    const p = join(dir, 'missing.json');
    await refused(['case', 'import', p, ...A], 1, `${p}: cannot read file (ENOENT)`);
  });

  it('an unknown case', async () => {
    await refused(['case', 'show', 'CM99-0000042', '--db', db], 1, 'case CM99-0000042 not found');
    await refused(['case', 'assign', '#404', ...A], 1, 'case #404 not found');
  });

  it('an unknown reviewer', async () => {
    await refused(['case', 'assign', '#1', '--reviewer', 'R-404', ...A], 1, 'reviewer R-404 not found');
  });

  it('a duplicate case number', async () => {
    const store = await openStore({ path: db });
    const taken = (await store.cases.get(1))!.caseNumber!;
    await store.close();
    await refused(['case', 'import', join(dir, 'case.json'), '--case-number', taken, ...A], 1, `case number ${taken} already exists`);
  });

  it('a case number of the wrong form', async () => {
    await refused(['case', 'import', join(dir, 'case.json'), '--case-number', 'CM1-23', ...A], 1, 'case number "CM1-23" is not of the form CMyy-nnnnnnn');
  });

  it('a decision without a rationale', async () => {
    await refused(['case', 'decide', '#1', '--item', '1', '--decision', 'upheld', '--guidelines', 'MTUS', ...A], 1, /^error: decision refused: items\.1\.rationale: a decision needs a rationale/);
  });

  it('a decision on an item the case does not have', async () => {
    await refused(['case', 'decide', '#1', '--item', '9', '--decision', 'upheld', '--guidelines', 'MTUS', '--rationale', 'x', ...A], 1, 'decision refused: items.9: the case has no item 9 (items: 1, 2)');
  });

  it('a decision against the engine draft without a reason', async () => {
    await refused(['case', 'decide', '#1', '--item', '2', '--decision', 'upheld', '--guidelines', 'MTUS', '--rationale', 'Not supported.', ...A], 1, /^error: decision refused: items\.2\.overrideReason: the engine drafted "overturned"; deciding "upheld" needs an override reason/);
  });

  it('a guideline citation that cannot be read', async () => {
    await refused(['case', 'decide', '#1', '--item', '1', '--decision', 'upheld', '--guidelines', '!!!', '--rationale', 'x', ...A], 1, /^error: decision refused: items\.1\.guidelines: no guideline citation could be read from "!!!"/);
  });

  it('a decisions file that is not a list of decisions', async () => {
    const p = json('decisions.json', { decisions: 'all upheld' });
    await refused(['case', 'decide', '#1', '--file', p, ...A], 2, `${p}: expected an array of decisions ({ index, decision, guidelines, rationale, overrideReason? })`);
  });

  it('a step the case is not ready for', async () => {
    await refused(['case', 'issue', '#1', '--confirm', ...A], 1, 'cannot issue a case that is in-review; allowed only when decided');
    await refused(['case', 'records', '#1', '--request', ...A], 1, 'cannot request records a case that is in-review; allowed only when assigned');
  });

  it('a change to a case someone else changed since it was read', async () => {
    await refused(['case', 'decide', '#1', '--item', '1', '--decision', 'upheld', '--guidelines', 'MTUS', '--rationale', 'x', '--expect-version', '1', ...A], 1, /^error: case CM\d{2}-0000001 was changed by someone else \(version \d+, expected 1\); reload and try again$/);
  });

  it('records that are not valid', async () => {
    const imported = await runCli('case', 'import', join(dir, 'case.json'), ...A, '--json');
    const ref = `#${JSON.parse(imported.out).case.id}`;
    expect((await runCli('case', 'records', ref, '--request', ...A)).code).toBe(0);
    const lines = await refused(['case', 'records', ref, '--receive', json('records.json', [{ date: '2017-01-01' }]), ...A], 1, 'the records are not valid');
    expect(lines).toContain('  - documents.0.title: Invalid input: expected string, received undefined');
  });

  it('a FHIR bundle without employer and claims administrator', async () => {
    const p = json('bundle.json', { resourceType: 'Bundle', type: 'collection', entry: [] });
    await refused(['case', 'import', p, ...A], 2, 'a FHIR bundle carries no employer or claims administrator: give --employer and --claims-administrator');
  });

  it('a FHIR bundle with bad resources', async () => {
    const p = json('bad-bundle.json', { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', birthDate: 'nope' } }] });
    const lines = await refused(['case', 'import', p, '--employer', 'E', '--claims-administrator', 'C', '--received', '2016-12-05', '--ur-date', '2016-12-01', ...A], 1, /^error: the FHIR bundle cannot be imported: /);
    expect(lines).toEqual(expect.arrayContaining(['  - entry.0.resource.birthDate: a date YYYY-MM-DD', '  - entry: no MedicationRequest or ServiceRequest: nothing is disputed']));
  });

  it('a reviewer record that is not valid', async () => {
    const p = json('bad-reviewer.json', [{ id: 'bad id!', name: '', boardCertifications: [], licensureStates: ['California'], yearsInPractice: -1, hoursPerWeek: 200 }]);
    const lines = await refused(['reviewer', 'add', p, ...A], 1, 'the reviewer is not valid');
    expect(lines).toEqual(expect.arrayContaining(['  - id: letters, digits, ".", "_" or "-", at most 64', '  - licensureStates.0: a two-letter USPS code', '  - hoursPerWeek: Too big: expected number to be <=168']));
  });

  it('a duplicate reviewer id', async () => {
    await refused(['reviewer', 'add', join(dir, 'reviewers.json'), ...A], 1, 'reviewer R-001 already exists');
  });

  it('HTML, script and SQL in case fields are kept as text, redacted and escaped in the letter', async () => {
    const hostile = structuredClone(caseJson);
    hostile.parties.worker.name = "Robert'); DROP TABLE cases;--";
    hostile.file.clinicalSummary = `<script>alert("x")</script><img src=x onerror=alert(1)> ${caseJson.file.clinicalSummary}`;
    const imported = await runCli('case', 'import', json('hostile.json', hostile), ...A, '--json');
    expect(imported.code, imported.err).toBe(0);
    const ref = `#${JSON.parse(imported.out).case.id}`;
    for (const argv of [['case', 'records', ref, '--request'], ['case', 'records', ref, '--receive', join(dir, 'note.txt')], ['case', 'assign', ref]]) expect((await runCli(...argv, ...A)).code).toBe(0);
    const decisions = json('hostile-decisions.json', [
      { index: 1, decision: 'upheld', guidelines: 'MTUS', rationale: '<b onmouseover=alert(2)>No red flags.</b>', overrideReason: 'test' },
      { index: 2, decision: 'overturned', guidelines: 'MTUS', rationale: 'Within the trial.', overrideReason: 'test' },
    ]);
    expect((await runCli('case', 'decide', ref, '--file', decisions, ...A)).code).toBe(0);
    expect((await runCli('case', 'issue', ref, '--confirm', ...A)).code).toBe(0);
    const html = await runCli('letter', 'render', ref, '--format', 'html', '--db', db);
    expect(html.code, html.err).toBe(0);
    expect(html.out).not.toMatch(/<script|<img|<b onmouseover/);
    expect(html.out).toContain('&lt;script&gt;');
    expect(html.out).not.toContain('DROP TABLE');
    const store = await openStore({ path: db });
    try {
      expect((await store.cases.find(ref)).parties.worker.name).toBe("Robert'); DROP TABLE cases;--");
      expect((await store.cases.list()).length).toBeGreaterThan(2);
    } finally {
      await store.close();
    }
  });

  it('a tampered audit trail', async () => {
    const store = await openStore({ path: db });
    await sql`UPDATE audit_log SET actor = 'mallory' WHERE seq = 5`.execute(store.db);
    await store.close();
    const r = await runCli('case', 'verify-audit', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toBe('error: the audit trail and the database disagree (1 problem)\n  - chain: audit trail does not verify at entry 5: its content does not match its hash (the entry was changed)\n');
    // An export refuses to carry it over silently: the import checks the chain.
    const out = join(dir, 'tampered.jsonl.gz');
    expect((await runCli('export', '--db', db, '--out', out)).code).toBe(0);
    const imp = await runCli('import', out, '--db', join(dir, 'from-tampered.db'));
    expect(imp.code).toBe(1);
    expect(imp.err).toMatch(/: line \d+: audit entry 5 does not verify: its content does not match its hash \(the entry was changed\); nothing was imported\n$/);
  });
});
