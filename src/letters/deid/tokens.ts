/**
 * What the token-based detectors know of one word: which characters are
 * letters, a word's case and its lookup key, the `Word` object of a short
 * text (a party's name), and the gap test between two words. A word is a
 * run of letters, with apostrophes inside it ("O'Brien", "Lopez's"); hyphens
 * and other punctuation separate words, so "Lopez-Hernandez" is two. The
 * scan that finds the words of a whole text is `WordReader` (./word-list.ts).
 */

/** How a word is written: capitalised, all capitals, lower case, or mixed ("McDonald", "iPhone"). */
export type WordCase = 'cap' | 'upper' | 'lower' | 'mixed';

export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Lower case, diacritics folded, a trailing possessive and apostrophes removed ("O'Brien's" → "obrien"). */
  readonly key: string;
  readonly case: WordCase;
}

/** A word of a text; its own text is cut from the source only when asked for (most never are). */
class SourceWord implements Word {
  readonly case: WordCase;
  constructor(
    private readonly source: string,
    readonly start: number,
    readonly end: number,
    readonly key: string,
    wordCase: WordCase,
  ) {
    this.case = wordCase;
  }

  get text(): string {
    return this.source.slice(this.start, this.end);
  }
}

const LETTER = /[\p{L}\p{M}]/u;

/** What each UTF-16 code is, once asked: 0 not yet known, 1 a letter, 2 not a letter. */
const LETTER_CODES = new Uint8Array(65536);

/**
 * A letter (or combining mark) by its UTF-16 code: ASCII by range, the rest
 * by Unicode property, remembered per code (a text of accented or other
 * scripts' letters would otherwise make a string and run a pattern per character).
 */
export function isLetter(code: number): boolean {
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  let known = LETTER_CODES[code]!;
  if (known === 0) LETTER_CODES[code] = known = LETTER.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}

/** Lower case with diacritics folded: "Peña" → "pena", "Zoë" → "zoe". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The lookup key of a word: folded, without a possessive "'s" and without apostrophes. */
export function wordKey(s: string): string {
  return fold(s).replace(/['’]s$/, '').replace(/['’]/g, '');
}

/** A word's case as a small number, for the word list's typed array: lower, capitalised, all capitals, mixed. */
export const LOWER = 0;
export const CAP = 1;
export const UPPER = 2;
export const MIXED = 3;
const CASE_NAMES: readonly WordCase[] = ['lower', 'cap', 'upper', 'mixed'];

function caseOf(s: string): number {
  const letters = s.replace(/['’\p{M}]/gu, '');
  if (letters === letters.toLowerCase()) return LOWER;
  if (letters === letters.toUpperCase()) return letters.length === 1 ? CAP : UPPER;
  const first = letters[0]!;
  const rest = letters.slice(1);
  if (first === first.toUpperCase() && rest === rest.toLowerCase()) return CAP;
  // "McDonald", "O'Brien", "DeAngelo": capital first and more capitals inside.
  return first === first.toUpperCase() ? CAP : MIXED;
}

/** The case of a word of ASCII letters only, by character codes. */
function asciiCase(s: string): number {
  let upper = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 65 && c <= 90) upper++;
  }
  if (upper === 0) return LOWER;
  if (upper === s.length) return s.length === 1 ? CAP : UPPER;
  const first = s.charCodeAt(0);
  return first >= 65 && first <= 90 ? CAP : MIXED;
}

/** Only ASCII letters (no apostrophe, nothing beyond ASCII): the common word, whose key is its lower case. */
function plainAscii(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) >= 128 || !isLetter(s.charCodeAt(k))) return false;
  return true;
}

/** The case of a word as written (LOWER, CAP, UPPER or MIXED); `ascii` when the caller knows it is only ASCII letters. */
export function caseOfWord(s: string, ascii = plainAscii(s)): number {
  return ascii ? asciiCase(s) : caseOf(s);
}

/** The key of a word as written (see `Word.key`); a word of only ASCII letters needs no normalisation. */
export function keyOf(s: string, ascii = plainAscii(s)): string {
  return ascii ? s.toLowerCase() : wordKey(s);
}

/** A word of `text` as an object, from its offsets (see `words` in ./word-list.ts). */
export function wordAt(text: string, start: number, end: number): Word {
  const s = text.slice(start, end);
  return new SourceWord(text, start, end, keyOf(s), CASE_NAMES[caseOfWord(s)]!);
}

/** True when only spaces (and line breaks, unless `lineBreaks` is false) and at most one of `punct` lie between two offsets. */
export function gapIs(text: string, from: number, to: number, punct = '', lineBreaks = true): boolean {
  if (to - from > 4) return false;
  let seen = 0;
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\u00a0' || (lineBreaks && (ch === '\n' || ch === '\r'))) continue;
    if (punct.includes(ch) && seen === 0) {
      seen++;
      continue;
    }
    return false;
  }
  return true;
}
