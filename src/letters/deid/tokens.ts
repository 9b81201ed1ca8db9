/**
 * Words of a text with their offsets, for the token-based detectors. A word
 * is a run of letters, with apostrophes inside it ("O'Brien", "Lopez's");
 * hyphens and other punctuation separate words, so "Lopez-Hernandez" is two.
 * One linear scan: no pattern here can backtrack.
 */

/** How a word is written: capitalised, all capitals, lower case, or mixed ("McDonald", "iPhone"). */
export type WordCase = 'cap' | 'upper' | 'lower' | 'mixed';

export interface Word {
  text: string;
  start: number;
  end: number;
  /** Lower case, diacritics folded, a trailing possessive and apostrophes removed ("O'Brien's" → "obrien"). */
  key: string;
  case: WordCase;
}

const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;

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

/** The words of `text` in order. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length, key: wordKey(m[0]), case: caseOf(m[0]) });
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
