/**
 * Hostile texts for the redaction's running time: each repeats what a
 * pattern could start on and then fail to finish (digit runs with
 * separators, a local part with no "@", capitalised words with no
 * organisation word, street numbers with no street type, cues with no
 * number), the shapes that make backtracking patterns quadratic.
 */
const FRAGMENTS: Record<string, string> = {
  digits: '1-2 3.4 5-6 7 8 9 0 12-34 567 89 ',
  'letters-no-at': 'abcdefghij.klmnopqrstu-vwxyz_',
  'capitalised-words': 'Aaron Baxter Carlton Dunmore Ellison Fairview ',
  'street-numbers': '12 Aaa Bbb Ccc Ddd Eee Fff 34 ',
  cues: 'DOB: claim # MRN: Dr. Mr. husband seen by phone SSN age ',
  mixed: 'Ms. O\'Brien-Lopez 555-01 ADJ12 Suite 4, CA 9 a@b Clinic. Medical Group of ',
};

/** `[name, text]` of each hostile text, `bytes` long. */
export function adversarialText(bytes: number): [string, string][] {
  return Object.entries(FRAGMENTS).map(([name, f]) => [name, f.repeat(Math.ceil(bytes / f.length)).slice(0, bytes)]);
}
