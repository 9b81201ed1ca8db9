import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DWC_PDF, SAMPLE_LETTERS } from '../../../test/sample-letters.js';
import type { Determination } from '../../domain/index.js';
import { parseLetterFile, parseLetterText, readLetterBytes } from '../index.js';
import { LETTER_FORMATS, renderLetter } from './index.js';

/** The facts a rendered letter must give back: everything but free-text wording. */
function facts(d: Determination) {
  return {
    caseNumber: d.caseNumber,
    priority: d.priority,
    dates: d.dates,
    reviewer: d.reviewer,
    patient: d.patient,
    items: d.items.map((i) => ({
      request: i.request,
      originalRequest: i.originalRequest ?? null,
      authorizedPortion: i.authorizedPortion ?? null,
      decision: i.decision,
      treatment: i.treatment,
      claims: i.claimsAdministratorGuidelines.map((c) => ({ source: c.source, document: c.document, pages: c.pages })),
      imr: i.imrGuidelines.map((c) => ({ source: c.source, document: c.document, pages: c.pages })),
    })),
  };
}

const letterPaths = [
  ...readdirSync(SAMPLE_LETTERS).filter((f) => f.endsWith('.txt')).sort().map((f) => join(SAMPLE_LETTERS, f)),
  ...readdirSync(DWC_PDF).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(DWC_PDF, f)),
];

describe('rendered letters re-parse to the same facts', () => {
  const originals = new Map<string, Determination>();
  beforeAll(async () => {
    for (const p of letterPaths) originals.set(p, (await parseLetterFile(p)).determination);
  });

  it('covers all 70 real letters', () => {
    expect(letterPaths.length).toBe(70);
    expect(originals.size).toBe(70);
  });

  for (const format of LETTER_FORMATS) {
    it(`${format}: every real letter round-trips`, async () => {
      const mismatches: string[] = [];
      for (const [path, det] of originals) {
        const out = await renderLetter(det, format);
        const text = typeof out === 'string' ? out : (await readLetterBytes(out, `${path}.pdf`)).text;
        const back = parseLetterText(text, `${path}.${format}`);
        const want = facts(det);
        const got = facts(back);
        if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(path);
        if (mismatches.length === 1 && mismatches[0] === path) expect(got).toEqual(want);
      }
      expect(mismatches).toEqual([]);
    });
  }
});
