import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLetterText } from '../letters/index.js';
import { DWC_TXT, sampleLetters } from '../../test/sample-letters.js';
import { assessCase, caseFileFromDetermination } from './index.js';

/**
 * Deletes every "MAXIMUS guideline" paragraph and the text of every
 * "Decision rationale" paragraph of a letter (the parser insists that each
 * item keeps its heading, so the heading stays with an empty body).
 */
function withoutRationales(text: string): string {
  return text
    .split(/(\n[ \t]*\n)/)
    .filter((p) => !/^\s*MAXIMUS guideline\s*:/i.test(p))
    .map((p) => (/^\s*Decision rationale\s*:/i.test(p) ? 'Decision rationale: (deleted).' : p))
    .join('');
}

const letters = [
  ...sampleLetters().map((l) => ({ name: l.file, text: readFileSync(l.path, 'utf8') })),
  ...readdirSync(DWC_TXT).map((f) => ({ name: f, text: readFileSync(join(DWC_TXT, f), 'utf8') })),
];

describe('the engine reads only what the reviewer had', () => {
  it('deleting the rationale and MAXIMUS guideline sections of real letters changes nothing', () => {
    let compared = 0;
    for (const l of letters) {
      const original = parseLetterText(l.text, l.name);
      const stripped = withoutRationales(l.text);
      if (stripped === l.text) continue;
      let blind;
      try {
        blind = parseLetterText(stripped, l.name);
      } catch {
        continue; // a layout whose item lines need the rationale to parse
      }
      if (blind.items.length !== original.items.length) continue;
      // The deletion really took: no reviewer citation and no rationale sentence survives.
      expect(blind.items.every((i) => i.imrGuidelines.length === 0 && !original.items.some((o) => o.rationale.length > 40 && i.rationale.includes(o.rationale.slice(0, 40))))).toBe(true);
      expect(assessCase(caseFileFromDetermination(blind))).toEqual(assessCase(caseFileFromDetermination(original)));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(50);
  });

  it('flipping every decision and erasing rationales and IMR citations of the parsed letters changes nothing', () => {
    for (const l of letters.slice(0, 30)) {
      const d = parseLetterText(l.text, l.name);
      const tampered = {
        ...d,
        items: d.items.map((i) => ({ ...i, decision: i.decision === 'upheld' ? ('overturned' as const) : ('upheld' as const), medicallyNecessary: !i.medicallyNecessary, rationale: 'medically necessary', imrGuidelines: [] })),
      };
      expect(assessCase(caseFileFromDetermination(tampered))).toEqual(assessCase(caseFileFromDetermination(d)));
    }
  });

  it('the case file of a letter carries no decision, rationale or IMR citation', () => {
    const d = parseLetterText(letters[0]!.text, letters[0]!.name);
    const json = JSON.stringify(caseFileFromDetermination(d));
    expect(json).not.toMatch(/"decision"|"rationale"|"imrGuidelines"|"medicallyNecessary"/);
  });
});
