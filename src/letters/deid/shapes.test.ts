/**
 * The email and letters-and-digits finders try their pattern only where a
 * match can start (before an "@", at a run with a digit): they must find
 * exactly what the same pattern finds tried at every place in the text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realLetterTexts } from '../../../test/sample-letters.js';
import { HitList } from './hits.js';
import { ALNUM_ID, EMAIL, findAlnumIds, findEmails } from './shapes.js';

/** Every match of `re` (global) tried place by place, as spans. */
function everywhere(text: string, re: RegExp): { start: number; end: number }[] {
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function spans(hits: HitList): { start: number; end: number }[] {
  return hits.toArray().map((h) => ({ start: h.start, end: h.end }));
}

function emails(text: string): { start: number; end: number }[] {
  const hits = new HitList();
  findEmails(text, hits);
  return spans(hits);
}

function alnumIds(text: string): { start: number; end: number }[] {
  const hits = new HitList();
  findAlnumIds(text, hits, () => true);
  return spans(hits);
}

/** Text made of the characters these patterns care about, in runs long enough to pass their limits. */
const piece = fc.oneof(
  fc.constantFrom('@', '.', '-', '_', '%', '+', ' ', '\n', ',', 'a', 'Z', '0', '9', 'é', 'mail', 'x.y', 'ADJ', '12345', 'SCIF-05512877', 'a@b.com', 'CM16-0230548'),
  fc.integer({ min: 1, max: 80 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 1, max: 40 }).map((n) => '7'.repeat(n)),
  fc.integer({ min: 1, max: 10 }).map((n) => 'ab1-'.repeat(n)),
);
const hostile = fc.array(piece, { maxLength: 80 }).map((ps) => ps.join(''));

describe('shape finders tried only where a match can start', () => {
  it('find the same emails as the pattern tried everywhere (property)', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(emails(text)).toEqual(everywhere(text, EMAIL));
      }),
      { numRuns: 3_000, seed: 7 },
    );
  });

  it('find the same letters-and-digits runs as the pattern tried everywhere (property)', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(alnumIds(text)).toEqual(everywhere(text, ALNUM_ID));
      }),
      { numRuns: 3_000, seed: 7 },
    );
  });

  it('find the same on the real letters, with emails written into them', () => {
    let ids = 0;
    let mails = 0;
    for (const { text } of realLetterTexts()) {
      const withEmails = text.replace(/\. /g, (m, at: number) => (at % 7 === 0 ? '. j.roe+imr@clinic-mail.example.org ' : m));
      expect(emails(withEmails)).toEqual(everywhere(withEmails, EMAIL));
      expect(alnumIds(withEmails)).toEqual(everywhere(withEmails, ALNUM_ID));
      ids += alnumIds(text).length;
      mails += emails(withEmails).length;
    }
    expect(mails).toBeGreaterThan(100);
    // The letters have case numbers, dates and record numbers: the comparison is not of empty lists.
    expect(ids).toBeGreaterThan(100);
  });
});
