import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DWC_PDF, SAMPLE_LETTERS } from '../../../test/sample-letters.js';
import { parseLetterFile } from '../index.js';
import { redactDetermination, redactText, type KnownParties } from './redact.js';
import { renderHtml, renderMarkdown, renderText } from '../render/index.js';

const PARTIES: KnownParties = {
  worker: ['Maria Elena Gonzalez'],
  providers: ['Dr. Robert Whitfield', 'Valley Orthopedic Medical Group, Inc.'],
  employers: ['Sunrise Packaging Company'],
  claimsAdministrators: ['Golden State Claims Services, LLC'],
  addresses: ['1234 Orchard Lane, Fresno, CA 93721'],
  claimNumbers: ['SCIF-05512877'],
  datesOfBirth: ['1961-03-14'],
};

/** What the synthetic parties add to a real letter's summary. */
const INSERTED =
  'Maria Elena Gonzalez (DOB 03/14/1961), of 1234 Orchard Lane, Fresno, CA 93721, phone (559) 555-0142, claim number SCIF-05512877, ' +
  'works for Sunrise Packaging Company. Ms. Gonzalez was seen by Dr. Whitfield at Valley Orthopedic Medical Group on 11/07/2016; ' +
  'Golden State Claims Services denied the request. Records were sent to r.whitfield@valleyortho.example and Gonzalez, Maria called 559.555.0199.';

const SECRETS = ['Maria', 'Elena', 'Gonzalez', 'Whitfield', 'Valley Orthopedic', 'Sunrise Packaging', 'Golden State Claims', '1234 Orchard', 'Fresno', '93721', '555-0142', '555.0199', 'SCIF-05512877', '03/14/1961', 'valleyortho'];

describe('redaction', () => {
  it('removes known parties and identifier shapes, and reports each removal with its offsets', () => {
    const { text, report } = redactText(INSERTED, PARTIES);
    for (const s of SECRETS) expect(text).not.toContain(s);
    expect(text).toContain('[INJURED WORKER] (DOB [DATE OF BIRTH])');
    expect(text).toContain('seen by [PROVIDER] at [PROVIDER] on 11/07/2016');
    const categories = new Set(report.map((r) => r.category));
    for (const c of ['worker', 'dob', 'address', 'phone', 'claim-number', 'employer', 'provider', 'claims-administrator', 'email']) expect(categories).toContain(c);
    for (const r of report) expect(INSERTED.slice(r.start, r.end)).toBe(r.original);
  });

  it('leaves clinical dates, doses and ordinary words alone', () => {
    const clinical = 'On 11/07/2016 she took Norco 10/325mg #60; pain 4/10. Physical therapy 2 times a week for 6 weeks.';
    expect(redactText(clinical, PARTIES)).toEqual({ text: clinical, report: [] });
  });

  it('a published real letter keeps nothing of the parties in any text format', async () => {
    const { determination } = await parseLetterFile(join(DWC_PDF, 'CM16-0230548.pdf'));
    const withParties = {
      ...determination,
      clinicalSummary: `${determination.clinicalSummary} ${INSERTED}`,
      items: determination.items.map((i) => ({ ...i, rationale: `${i.rationale} Dr. Whitfield of Valley Orthopedic Medical Group agreed.` })),
    };
    const { determination: published, report } = redactDetermination(withParties, PARTIES);
    for (const out of [renderText(published), renderMarkdown(published), renderHtml(published)]) {
      for (const s of SECRETS) expect(out).not.toContain(s);
    }
    expect(report.some((r) => r.field === 'items.1.rationale' && r.category === 'provider')).toBe(true);
    // The real letter's own facts are untouched.
    expect(published.clinicalSummary.startsWith(determination.clinicalSummary)).toBe(true);
    expect(published.items.map((i) => i.request)).toEqual(determination.items.map((i) => i.request));
  });

  it('leaves the sample letters, already published, unchanged', async () => {
    for (const f of ['000_47e89db7bcaaa3e7.txt', '002_da7a313e87b423cf.txt']) {
      const { determination } = await parseLetterFile(join(SAMPLE_LETTERS, f));
      expect(redactText(determination.clinicalSummary, {}).report).toEqual([]);
    }
  });
});
