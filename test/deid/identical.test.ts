/**
 * The redaction gives, character for character and removal for removal,
 * the same result as the frozen copy of the redaction before its word list
 * became arrays (test/deid/reference), on every real letter, on the injection
 * corpus with its parties, on the hostile texts, and on random text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactDetermination, redactText, type KnownParties } from '../../src/letters/deid/redact.js';
import { realLetterTexts } from '../sample-letters.js';
import { adversarialText } from './adversarial.js';
import { injectionCorpus } from './injection-corpus.js';
import { redactDetermination as referenceDetermination, redactText as referenceText } from './reference/redact.js';

const PARTIES: KnownParties = {
  worker: ['María Lopez-Hernandez', "Sean O'Neil"],
  providers: ['Valley Orthopedic Medical Group, Inc.', 'Dr. Jane Roe, MD'],
  employers: ['Sunrise Packaging Company'],
  claimsAdministrators: ['State Compensation Insurance Fund'],
  people: ['Tran Ng'],
  addresses: ['1234 N. Orchard Lane, Fresno, CA 93721'],
  claimNumbers: ['SCIF-05512877'],
  phones: ['(559) 555-0142'],
  datesOfBirth: ['1961-03-14'],
};

describe('redaction identical to the word-object redaction it replaced', () => {
  it('on each of the 70 real letters, with no party known and with parties', () => {
    const letters = realLetterTexts();
    expect(letters.length).toBe(70);
    for (const { name, text } of letters) {
      for (const parties of [{}, PARTIES]) {
        const now = redactText(text, parties);
        const before = referenceText(text, parties);
        expect({ name, same: now.text === before.text }).toEqual({ name, same: true });
        expect(now.report).toEqual(before.report);
      }
    }
  });

  it('on every letter of the injection corpus, redacted as a whole model with its own parties', { timeout: 60_000 }, () => {
    const corpus = injectionCorpus();
    let removals = 0;
    for (const letter of corpus) {
      const now = redactDetermination(letter.determination, letter.parties);
      const before = referenceDetermination(letter.determination, letter.parties);
      expect(now).toEqual(before);
      removals += now.report.length;
    }
    // Not a vacuous comparison: the corpus is full of identifiers.
    expect(removals).toBeGreaterThan(5_000);
  });

  it('on each hostile text (1 MB)', { timeout: 60_000 }, () => {
    for (const [name, text] of adversarialText(1024 * 1024)) {
      const now = redactText(text, PARTIES);
      const before = referenceText(text, PARTIES);
      expect({ name, same: now.text === before.text, removals: now.report.length }).toEqual({ name, same: true, removals: before.report.length });
      expect(now.report).toEqual(before.report);
    }
  });

  /** Pieces that start or end the detectors' rules, and words of every case and script. */
  const PIECES = [
    'Dr.', 'Ms.', 'MR', 'PA', 'pa', 'NP', 'Doctor\'s', 'husband', 'Husband', 'seen by', 'signed:', 'Sons', 'by', 'works for', 'employer:', 'at', 'of', 'and',
    'Maria', 'Lopez', 'LOPEZ', 'López', "O'Brien", "O’Neil's", 'Hernandez', 'Kowalczyk', 'Jane', 'Roe', 'J.', 'de', 'la', 'Cruz', 'van', 'McDonald', 'iPhone',
    'Hawkins', 'test', 'Spurling\'s', 'sign', 'Patrick', 'Tramadol', 'MTUS', 'ODG', 'Bigos', '1999', 'et al', 'Pain', 'Medicine', 'Physical', 'Therapy',
    'MD', 'M.D.', 'PA-C', 'RN', 'Inc.', 'LLC', 'Clinic', 'Medical Group', 'Imaging Center', 'Fresno', 'Valley', 'Hill', 'Young', 'Sunrise', 'Packaging', 'Company',
    'DOB', '(DOB', 'MRN', 'SSN', ',', '.', '-', ':', '(', ')', '&', "'", '’', '\n', '\n\n', '  ', '\t', '\u00a0', 'ñ', 'e\u0301', 'Zoë', 'Ωmega', 'ß', '中文', '😀',
    '1234', '12', '93721', 'N.', 'Orchard Lane', 'Suite 5', 'CA', 'California', '555-0142', '(559) 555-0142', '123-45-6789', 'a@b.com', 'ADJ1234567', 'SCIF-05512877',
    '3/14/1961', 'March 14, 1961', '92-year-old', 'age 94', 'phone', 'claim #', 'www.example.com', 'Tran', 'Ng', 'Sean', 'Neil', 'María', 'Lopez-Hernandez',
  ];
  const SEPARATORS = [' ', ' ', ' ', '', ', ', '. ', '\n', '-'];
  const textArb = fc
    .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 60 })
    .map((ps) => ps.map(([p, s]) => p + s).join(''));
  const partiesArb: fc.Arbitrary<KnownParties> = fc.record({
    worker: fc.array(fc.constantFrom('María Lopez-Hernandez', "Sean O'Neil", 'Tran Ng', 'A B', 'Jane Roe'), { maxLength: 2 }),
    providers: fc.array(fc.constantFrom('Valley Orthopedic Medical Group, Inc.', 'Dr. Jane Roe, MD', 'Hill Clinic'), { maxLength: 2 }),
    employers: fc.array(fc.constantFrom('Sunrise Packaging Company', 'Acme, Inc.', 'Young'), { maxLength: 2 }),
    addresses: fc.array(fc.constantFrom('1234 N. Orchard Lane, Fresno, CA 93721', '12 Main St'), { maxLength: 1 }),
    claimNumbers: fc.array(fc.constantFrom('SCIF-05512877', '1234'), { maxLength: 1 }),
    datesOfBirth: fc.array(fc.constantFrom('1961-03-14'), { maxLength: 1 }),
  });

  it('on random text made of the pieces the rules look for, with random parties (property)', () => {
    fc.assert(
      fc.property(textArb, partiesArb, (text, parties) => {
        expect(redactText(text, parties)).toEqual(referenceText(text, parties));
      }),
      { numRuns: 2_000, seed: 11 },
    );
  });

  it('on random Unicode text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(redactText(text, PARTIES)).toEqual(referenceText(text, PARTIES));
      }),
      { numRuns: 1_000, seed: 11 },
    );
  });
});
