/**
 * Hostile texts for the redaction's running time: each repeats what a
 * pattern could start on and then fail to finish (digit runs with
 * separators, a local part with no "@", capitalised words with no
 * organisation word, street numbers with no street type, cues with no
 * number), the shapes that make backtracking patterns quadratic; and shapes
 * that load the word reader and the name rules instead: one run of digits,
 * words in capitals, punctuation alone, many short lines, words of other
 * scripts and with diacritics, apostrophes and "@" signs between letters.
 * Each text is one fragment repeated, so all but the short lines are one line.
 */
const FRAGMENTS: Record<string, string> = {
  digits: '1-2 3.4 5-6 7 8 9 0 12-34 567 89 ',
  'letters-no-at': 'abcdefghij.klmnopqrstu-vwxyz_',
  'capitalised-words': 'Aaron Baxter Carlton Dunmore Ellison Fairview ',
  'street-numbers': '12 Aaa Bbb Ccc Ddd Eee Fff 34 ',
  cues: 'DOB: claim # MRN: Dr. Mr. husband seen by phone SSN age ',
  mixed: 'Ms. O\'Brien-Lopez 555-01 ADJ12 Suite 4, CA 9 a@b Clinic. Medical Group of ',
  'digit-run': '4815162342',
  capitals: 'AARON BAXTER, MD DUNMORE PA-C ELLISON LLC FAIRVIEW RN ',
  punctuation: '.,;:-()[]/#&*!?@"\' ',
  'short-lines': 'Dr.\nO\'\n1\nMs\nA\n-\nMRN\n90\n',
  unicode: 'Zoë Peña Müller Ñandú Ærø 中文字 Ωμέγα Jose\u0301 😀 Łódź ',
  'apostrophes-at': "O'Brien's D’Angelo a@b.c x.y@z 1@2.3 Lopez's ",
};

/** `[name, text]` of each hostile text, `bytes` long. */
export function adversarialText(bytes: number): [string, string][] {
  return Object.entries(FRAGMENTS).map(([name, f]) => [name, f.repeat(Math.ceil(bytes / f.length)).slice(0, bytes)]);
}
