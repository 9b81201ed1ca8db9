/**
 * Publication safety end to end through the CLI: a real letter's case with
 * identifiers written into every field the published letter is made of
 * (summary, requests, UR's guidelines, the reviewer's guidelines and
 * rationale) and in every form the issue names, taken from intake to issue.
 * Issuing shows the letter first and publishes only with --confirm; the
 * published Markdown, text and HTML hold none of the identifiers; a
 * correction says "Corrected" and replaces the older version; a withdrawn
 * version is no longer rendered as published.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DWC_PDF } from '../../../test/sample-letters.js';
import { runCli as run } from '../../../test/run-cli.js';
import { parseLetterFile } from '../../letters/index.js';
import { caseFromLetter, REVIEWERS } from '../../../test/case-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'imr-publication-'));
const db = join(dir, 'cases.db');
const A = ['--db', db, '--actor', 'coordinator'];

/** Identifiers written into the case, and the words of each that must not be published. */
const LEAKS: [string, string[]][] = [
  ['Ms. Lopez', ['Lopez']],
  ['MARIA LOPEZ-HERNANDEZ', ['MARIA', 'LOPEZ', 'HERNANDEZ']],
  ["Hernandez's", ['Hernandez']],
  ['Maria Lopez Hernandez', ['Maria']],
  ['her husband, Jorge Ibáñez,', ['Jorge', 'Ibáñez']],
  ['her daughter Ashley', ['Ashley']],
  ["seen by Dr. Siobhan O'Callaghan", ["O'Callaghan", 'Siobhan']],
  ['Dr. Ng', ['Ng']],
  ['Kowalczyk, PA-C', ['Kowalczyk']],
  ['Fresno Spine Imaging Center', ['Fresno Spine']],
  ['Mercy Valley Hospital', ['Mercy Valley']],
  ['4821 N. Blackstone Avenue, Suite 210, Reno, NV 89502', ['4821', 'Blackstone', 'Reno', '89502']],
  ['phone 5595550142', ['5595550142']],
  ['fax (775) 555-0199', ['555-0199']],
  ['SSN 572114839', ['572114839']],
  ['maria.lh@example.com', ['maria.lh']],
  ['MRN: 00482913', ['00482913']],
  ['WCAB ADJ10923847', ['ADJ10923847']],
  ['policy number WC-88213-0045', ['WC-88213-0045']],
  ['DOB March 14, 1961', ['March 14, 1961']],
  ['(3/14/61)', ['3/14/61']],
  ['her 92-year-old mother', ['92-year-old']],
  ['Sunrise Packaging', ['Sunrise']],
  ['claim SCIF-05512877', ['SCIF-05512877']],
];
/** Text of md/html with its character references decoded. */
function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const SENTENCE = LEAKS.map(([s]) => s).join('; ') + '.';
const FORBIDDEN = LEAKS.flatMap(([, words]) => words);

describe('publishing a case with identifiers in every field, through the CLI', () => {
  let caseNumber = '';
  beforeAll(async () => {
    const { determination } = await parseLetterFile(join(DWC_PDF, 'CM16-0230548.pdf'));
    const c = caseFromLetter(determination);
    c.parties.worker = { name: 'María Lopez-Hernandez', dateOfBirth: '1961-03-14', address: '77 Elm Street, Sparks, NV 89431', phone: '(775) 555-0100' };
    c.file.clinicalSummary = `${determination.clinicalSummary} ${SENTENCE}`;
    c.file.items = c.file.items.map((item) => ({
      ...item,
      request: `${item.request} (requested by Dr. Siobhan O'Callaghan, MRN: 00482913)`,
      claimsAdministratorGuidelines: (item.claimsAdministratorGuidelines ?? []).map((g) => ({ ...g, raw: `${g.raw} Reviewed by Kowalczyk, PA-C for Ms. Lopez, claim SCIF-05512877.`, sections: [...g.sections, 'per Dr. Ng'] })),
      urRationale: `UR: ${SENTENCE}`,
    }));
    writeFileSync(join(dir, 'case.json'), JSON.stringify(c));
    writeFileSync(join(dir, 'reviewers.json'), JSON.stringify(REVIEWERS));
    writeFileSync(join(dir, 'note.txt'), `PR-2 by Dr. Siobhan O'Callaghan: ${SENTENCE}`);
  });

  it('shows the letter before publishing it, publishes only with --confirm, and the published md, txt and html hold none of the identifiers', async () => {
    expect((await run('reviewer', 'add', join(dir, 'reviewers.json'), ...A)).code).toBe(0);
    const imported = await run('case', 'import', join(dir, 'case.json'), ...A, '--json');
    expect(imported.code, imported.err).toBe(0);
    caseNumber = JSON.parse(imported.out).case.caseNumber;
    expect((await run('case', 'records', caseNumber, '--request', ...A)).code).toBe(0);
    expect((await run('case', 'records', caseNumber, '--receive', join(dir, 'note.txt'), ...A)).code).toBe(0);
    expect((await run('case', 'assign', caseNumber, ...A)).code).toBe(0);
    for (const [item, decision] of [['1', 'upheld'], ['2', 'overturned']] as const) {
      const d = await run('case', 'decide', caseNumber, '--item', item, '--decision', decision, '--guidelines', `MTUS Neck and Upper Back Complaints 2004, discussed with Ms. Lopez and Dr. Ng`, '--rationale', `Reviewed the notes of Dr. Siobhan O'Callaghan. ${SENTENCE}`, ...A);
      expect(d.code, d.err).toBe(0);
    }

    // Without --confirm: the preview, and nothing issued.
    const preview = await run('case', 'issue', caseNumber, ...A);
    expect(preview.code, preview.err).toBe(0);
    expect(preview.out).toMatch(/^PREVIEW of CM\d\d-\d{7}, version 1: the letter as it would be published \(nothing is issued yet\)/);
    const [letterPart = '', removals = ''] = preview.out.split(/removals? by the redaction:/);
    for (const f of FORBIDDEN) expect(letterPart, f).not.toContain(f);
    // What was removed is listed for the coordinator, by field.
    expect(removals).toMatch(/clinicalSummary {2}\[worker\] {2}"Ms\. Lopez"/);
    expect(removals).toMatch(/items\.0\.claimsAdministratorGuidelines\.0\.raw/);
    expect((await run('letter', 'render', caseNumber, '--format', 'txt', '--db', db)).code).toBe(1);
    const hash = /preview ([0-9a-f]{64})/.exec(preview.out)![1]!;
    const file = join(dir, 'preview.txt');
    const written = await run('case', 'issue', caseNumber, '--preview-out', file, ...A);
    expect(written.out).toContain(`--confirm --preview-hash ${hash}`);
    expect(readFileSync(file, 'utf8')).toContain(`preview ${hash}`);
    const notHash = await run('case', 'issue', caseNumber, '--confirm', '--preview-hash', 'abc', ...A);
    expect(notHash.code).toBe(2);
    expect(notHash.err).toMatch(/^error: --preview-hash "abc" is not a preview hash/);
    const stale = await run('case', 'issue', caseNumber, '--confirm', '--preview-hash', 'e'.repeat(64), ...A);
    expect(stale.code).toBe(1);
    expect(stale.err).toMatch(/^error: version 1 of the letter of case CM\d\d-\d{7} is not the letter that was previewed/);

    const issued = await run('case', 'issue', caseNumber, '--confirm', '--preview-hash', hash, ...A);
    expect(issued.code, issued.err).toBe(0);
    for (const format of ['md', 'txt', 'html']) {
      const r = await run('letter', 'render', caseNumber, '--format', format, '--db', db);
      expect(r.code, r.err).toBe(0);
      // Read as a person reads it: markup entities decoded, so an escaped "O&#39;Callaghan" counts as a leak.
      const shown = decodeEntities(r.out);
      expect(shown).toContain('[INJURED WORKER]');
      for (const f of FORBIDDEN) expect(shown, `${format}: ${f}`).not.toContain(f);
      // The clinical content stays.
      expect(shown).toContain('Neck and Upper Back Complaints');
    }
    const internal = await run('letter', 'render', caseNumber, '--format', 'txt', '--unredacted', '--db', db);
    expect(internal.out).toContain("O'Callaghan");
  });

  it('marks a correction "Corrected", withdraws the version it replaces, and a withdrawn version is not rendered as published', async () => {
    const correction = ['case', 'correct', caseNumber, '--item', '1', '--decision', 'upheld', '--guidelines', 'MTUS Neck and Upper Back Complaints 2004', '--rationale', `No red flags are documented; Ms. Lopez's husband Jorge Ibáñez agrees. The request is not medically necessary.`, '--reason', 'rationale restated', ...A];
    // Without --confirm, the corrected letter is shown and nothing is issued.
    const shown = await run(...correction);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toMatch(/^PREVIEW of CM\d\d-\d{7}, version 2/);
    expect(shown.out).toContain('Corrected: version 2, replacing version 1');
    expect(shown.out.split(/removals? by the redaction:/)[0]).not.toMatch(/Lopez|Ibáñez|Jorge/);
    expect((await run('letter', 'render', caseNumber, '--format', 'txt', '--db', db)).out).not.toContain('Corrected');
    const corrected = await run(...correction, '--confirm');
    expect(corrected.code, corrected.err).toBe(0);
    const latest = await run('letter', 'render', caseNumber, '--format', 'txt', '--db', db);
    expect(latest.out).toMatch(/^Corrected: version 2, replacing version 1/);
    const old = await run('letter', 'render', caseNumber, '--format', 'txt', '--version', '1', '--db', db);
    expect(old.code).toBe(1);
    expect(old.err).toMatch(/^error: a published letter of case CM\d\d-\d{7} \(version 1 was withdrawn: replaced by corrected version 2; --unredacted renders the internal letter\) not found$/m);

    const w = await run('case', 'withdraw', caseNumber, '--reason', 'a relative named in the summary', ...A);
    expect(w.code, w.err).toBe(0);
    expect(w.out).toContain('version 2 withdrawn from publication');
    const none = await run('letter', 'render', caseNumber, '--format', 'md', '--db', db);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^error: a published letter of case CM\d\d-\d{7} \(version 2 was withdrawn: a relative named in the summary;/);
    const show = await run('case', 'show', caseNumber, '--db', db);
    expect(show.out).toMatch(/version 2 issued .* \(withdrawn .* by coordinator: a relative named in the summary\)/);
    const noReason = await run('case', 'withdraw', caseNumber, '--reason', ' ', ...A);
    expect(noReason.code).toBe(1);
    expect(noReason.err).toMatch(/^error: a withdrawal needs a reason$/m);
  });
});
