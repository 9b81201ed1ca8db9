/**
 * Words of a text with their offsets, for the token-based detectors. A word
 * is a run of letters, with apostrophes inside it ("O'Brien", "Lopez's");
 * hyphens and other punctuation separate words, so "Lopez-Hernandez" is two.
 * One linear scan: no pattern here can backtrack.
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

/** A letter (or combining mark) by its UTF-16 code: ASCII by range, the rest by Unicode property. */
function isLetter(code: number): boolean {
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER.test(String.fromCharCode(code));
}

/** Lower case with diacritics folded: "Peña" → "pena", "Zoë" → "zoe". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The lookup key of a word: folded, without a possessive "'s" and without apostrophes. */
export function wordKey(s: string): string {
  return fold(s).replace(/['’]s$/, '').replace(/['’]/g, '');
}

function caseOf(s: string): WordCase {
  const letters = s.replace(/['’\p{M}]/gu, '');
  if (letters === letters.toLowerCase()) return 'lower';
  if (letters === letters.toUpperCase()) return letters.length === 1 ? 'cap' : 'upper';
  const first = letters[0]!;
  const rest = letters.slice(1);
  if (first === first.toUpperCase() && rest === rest.toLowerCase()) return 'cap';
  // "McDonald", "O'Brien", "DeAngelo": capital first and more capitals inside.
  return first === first.toUpperCase() ? 'cap' : 'mixed';
}

/** The case of a word of ASCII letters only, by character codes (no string made). */
function asciiCase(text: string, start: number, end: number): WordCase {
  let upper = 0;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 65 && c <= 90) upper++;
  }
  if (upper === 0) return 'lower';
  const length = end - start;
  if (upper === length) return length === 1 ? 'cap' : 'upper';
  const first = text.charCodeAt(start);
  return first >= 65 && first <= 90 ? 'cap' : 'mixed';
}

/**
 * The words of `text` in order: one scan by character code, the common
 * ASCII word without any regular expression or normalisation.
 */
export function words(text: string): Word[] {
  const out: Word[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let ascii = true;
    for (;;) {
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isLetter(d)) {
          if (d >= 128) ascii = false;
          i++;
        } else break;
      }
      // An apostrophe between letters stays inside the word.
      const a = text.charCodeAt(i);
      if ((a === 39 || a === 0x2019) && i + 1 < n && isLetter(text.charCodeAt(i + 1))) {
        ascii = false;
        i++;
        continue;
      }
      break;
    }
    const s = text.slice(start, i);
    if (ascii) {
      const wc = asciiCase(text, start, i);
      // Most words are lower case already: no new string for their key.
      out.push(new SourceWord(text, start, i, wc === 'lower' ? s : s.toLowerCase(), wc));
    } else out.push(new SourceWord(text, start, i, wordKey(s), caseOf(s)));
  }
  return out;
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
