/**
 * People and organisations found in text the case never listed: by context
 * (a title before, a credential after, "seen by", "husband", "works for",
 * an organisation word such as "Clinic" or "LLC" after) and by the census
 * first- and last-name lists. Word-based, one pass over the words, which
 * are read from the word list's arrays by index (./word-list.ts).
 */
import type { HitList } from './hits.js';
import { CAP, gapIs, LOWER, MIXED, UPPER } from './tokens.js';
import {
  CLINICAL,
  COMMON,
  CREDENTIAL,
  DR,
  EPONYM,
  EPONYM_TAIL_WORD,
  IN_LISTS,
  KEY_SHORT,
  KEY_UP_TO_4,
  OF,
  ORG_CUE,
  ORG_CUE_STRONG,
  ORG_JOINER,
  ORG_STRONG_WORD,
  ORG_WEAK_WORD,
  PARTICLE,
  PERSON_CUE,
  RECORD_LABEL,
  TITLE,
  TITLE_NOUN,
  WEAK_CUE,
  WORK_PREP,
  WORK_VERB,
  type WordList,
} from './word-list.js';

/** A word that can be part of a name: capitalised, in capitals or mixed ("McDonald"). */
function isNameWord(ws: WordList, i: number): boolean {
  return ws.wordCase[i] !== LOWER;
}

function has(ws: WordList, i: number, bits: number): boolean {
  return (ws.flags[i]! & bits) !== 0;
}

/** The word after word i makes it an eponym ("Hawkins test", "Spurling's sign"). */
function eponymAt(ws: WordList, i: number): boolean {
  return i + 1 < ws.length && has(ws, i + 1, EPONYM_TAIL_WORD);
}

/** Is word i evidence of a name by itself: in the name lists, not an English word, not clinical. */
function listName(ws: WordList, i: number): boolean {
  const f = ws.flags[i]!;
  if (f & KEY_SHORT) return false;
  if (f & (CLINICAL | COMMON)) return false;
  return (f & IN_LISTS) !== 0;
}

/** A drug or guideline word that is neither an eponym nor in the name lists. */
function onlyClinical(ws: WordList, i: number): boolean {
  const f = ws.flags[i]!;
  return (f & CLINICAL) !== 0 && (f & EPONYM) === 0 && (f & IN_LISTS) === 0;
}

/** Length of word i in the text. */
function lengthOf(ws: WordList, i: number): number {
  return ws.end[i]! - ws.start[i]!;
}

/**
 * Extends a name that starts at word `i`: capitalised words, initials and
 * particles joined by spaces, a hyphen or an apostrophe, at most `max` words.
 * Returns the index after the last word taken.
 */
function takeName(ws: WordList, i: number, max: number): number {
  const text = ws.text;
  let j = i;
  let taken = 0;
  while (j < ws.length && taken < max) {
    if (j > i) {
      const gapFrom = ws.end[j - 1]!;
      const gapTo = ws.start[j]!;
      if (!gapIs(text, gapFrom, gapTo, '.-,')) break;
      // A period ends a name unless it follows an initial or a title ("J. Roe", "Dr. Roe"); "Inc. SSN" is two things.
      if (hasChar(text, gapFrom, gapTo, '.') && lengthOf(ws, j - 1) > 1 && !has(ws, j - 1, TITLE)) break;
      if (has(ws, j, ORG_STRONG_WORD)) break;
      // A comma ends the name unless a credential follows ("Roe, MD" is handled by the caller).
      if (hasChar(text, gapFrom, gapTo, ',')) break;
    }
    const particle = has(ws, j, PARTICLE) && j + 1 < ws.length && isNameWord(ws, j + 1) && j > i;
    if (!isNameWord(ws, j) && !particle) break;
    if (has(ws, j, CREDENTIAL) && ws.wordCase[j] === UPPER && j > i) break;
    // A drug or guideline word ends a name; an eponym may be a person's name ("Dr. Hawkins").
    if (onlyClinical(ws, j)) break;
    j++;
    taken++;
  }
  return j;
}

/** The end offset of a name taken from words[i..j), with a trailing initial's period. */
function endOf(ws: WordList, j: number): number {
  const last = j - 1;
  const end = ws.end[last]!;
  return ws.text.charCodeAt(end) === 46 && lengthOf(ws, last) === 1 ? end + 1 : end;
}

/** Whether some word in [from, to) has any of `bits`. */
function some(ws: WordList, from: number, to: number, test: (i: number) => boolean): boolean {
  for (let k = from; k < to; k++) if (test(k)) return true;
  return false;
}

/** Whether every word in [from, to) has any of `bits` (true when there is none). */
function every(ws: WordList, from: number, to: number, bits: number): boolean {
  for (let k = from; k < to; k++) if (!has(ws, k, bits)) return false;
  return true;
}

/** Finds people and organisations by context and by the name lists. */
export function findNames(ws: WordList, hits: HitList): void {
  const { text, start, end, wordCase } = ws;
  const n = ws.length;
  let i = 0;
  while (i < n) {
    const f = ws.flags[i]!;
    const wc = wordCase[i]!;
    const hasNext = i + 1 < n;
    // A title: "Dr. Roe", "Ms. O'Neil", "PA Jane Roe".
    if (
      f & TITLE &&
      (wc !== LOWER || f & DR) &&
      hasNext &&
      isNameWord(ws, i + 1) &&
      gapIs(text, end[i]!, start[i + 1]!, '.') &&
      !possessive(text, end[i]!) &&
      (f & KEY_UP_TO_4 || has(ws, i + 1, IN_LISTS))
    ) {
      // "PA"/"NP"/"RN" are also nouns; take them as titles only when written in capitals.
      if (f & TITLE_NOUN && wc !== UPPER) {
        i++;
        continue;
      }
      const j = takeName(ws, i + 1, 4);
      if (j > i + 1 && !eponymAt(ws, j - 1)) {
        hits.push({ category: 'person', start: start[i]!, end: endOf(ws, j) });
        i = j;
        continue;
      }
    }
    // A cue: "husband John", "seen by Maria Lopez", "signed: J. Roe".
    // Cue words are written in lower case ("her husband", "seen by"), or open a sentence; "Sons" in "Murray and Sons" is no cue.
    if (f & PERSON_CUE && (wc === LOWER || opensSentence(text, start[i]!)) && hasNext && isNameWord(ws, i + 1) && gapIs(text, end[i]!, start[i + 1]!, ',:-')) {
      const weak = (f & WEAK_CUE) !== 0;
      const j = takeName(ws, i + 1, 4);
      const first = i + 1;
      const unusual = (x: number) => !has(ws, x, COMMON) && !has(ws, x, CLINICAL);
      const strongEnough =
        !weak || listName(ws, first) || (j - first >= 2 && (some(ws, first, j, (x) => listName(ws, x)) || !some(ws, first, j, (x) => !unusual(x))));
      if (j > first && strongEnough && !has(ws, first, TITLE) && !onlyClinicalNotEponym(ws, first) && !eponymAt(ws, j - 1)) {
        hits.push({ category: 'person', start: start[first]!, end: endOf(ws, j) });
        i = j;
        continue;
      }
    }
    // A credential after a name: "Jane Roe, PA-C", "John Smith MD".
    if (f & CREDENTIAL && (wc === UPPER || (lengthOf(ws, i) <= 3 && wc === CAP)) && i > 0) {
      const prev = i - 1;
      if (isNameWord(ws, prev) && !has(ws, prev, CREDENTIAL) && gapIs(text, end[prev]!, start[i]!, ',')) {
        let s = i - 1;
        while (s > 0 && i - s < 4 && isNameWord(ws, s - 1) && gapIs(text, end[s - 1]!, start[s]!, '.-') && !has(ws, s - 1, CREDENTIAL)) s--;
        // A credential after a comma names a person; without the comma ("Pain MD"?) the words must look like a name.
        const comma = hasChar(text, end[prev]!, start[i]!, ',');
        if (some(ws, s, i, (x) => has(ws, x, IN_LISTS) || lengthOf(ws, x) === 1 || (comma && !has(ws, x, COMMON))) && !every(ws, s, i, CLINICAL)) {
          // "PA-C": the credential's own suffix goes with it.
          const suffix = /^-[A-Z]{1,2}\b/.exec(text.slice(end[i]!, end[i]! + 4));
          hits.push({ category: 'person', start: start[s]!, end: end[i]! + (suffix ? suffix[0].length : 0) });
        }
      }
    }
    // A name right before a record of the person, after "(" or "," ("Maria Lopez-Hernandez (DOB ...", "Roe, MRN 123"): whose record it is.
    if (f & RECORD_LABEL && wc === UPPER && i > 0 && gapIs(text, end[i - 1]!, start[i]!, '(,') && (hasChar(text, end[i - 1]!, start[i]!, '(') || hasChar(text, end[i - 1]!, start[i]!, ','))) {
      let s = i;
      while (s > 0 && i - s < 4 && isNameWord(ws, s - 1) && !has(ws, s - 1, CLINICAL) && (s === i || gapIs(text, end[s - 1]!, start[s]!, '.-'))) s--;
      if (s < i) hits.push({ category: 'person', start: start[s]!, end: end[i - 1]! });
    }
    // An organisation: capitalised words ending in "Clinic", "Inc", "Medical Group" ...
    if (f & (ORG_STRONG_WORD | ORG_WEAK_WORD) && wc !== LOWER && i > 0) {
      const strongEnding = (f & ORG_STRONG_WORD) !== 0;
      let s = i;
      while (s > 0 && i - s < 7) {
        const p = s - 1;
        // Within one line, no comma between (a list of specialties is not one name), except
        // between surnames before a legal ending: "Zulauf, Prosacco and Friesen Inc.".
        const commaOk = strongEnding && wordCase[p] === CAP && (has(ws, p, IN_LISTS) || !has(ws, p, COMMON)) && !has(ws, p, CLINICAL);
        if (!gapIs(text, end[p]!, start[s]!, commaOk ? '&-,' : '&-', false)) break;
        if (has(ws, p, TITLE) || (wordCase[p] === UPPER && wc !== UPPER)) break;
        if (isNameWord(ws, p) || (has(ws, p, ORG_JOINER) && s - 2 >= 0 && isNameWord(ws, s - 2))) s--;
        else break;
      }
      while (s < i && has(ws, s, ORG_JOINER)) s++;
      if (s < i) {
        // Over the parts [s, i]: the distinctive ones (no organisation word, no joiner), and of those the ones not clinical.
        const ORG_WORD = ORG_STRONG_WORD | ORG_WEAK_WORD | ORG_JOINER;
        let named = 0;
        let namedUncommon = false;
        let namedInLists = false;
        let weakWords = 0;
        let strong = strongEnding;
        for (let x = s; x <= i; x++) {
          const fx = ws.flags[x]!;
          if (fx & ORG_STRONG_WORD) strong = true;
          if (fx & ORG_WEAK_WORD) weakWords++;
          if (fx & ORG_WORD || fx & CLINICAL) continue;
          named++;
          if (!(fx & COMMON)) namedUncommon = true;
          if (fx & IN_LISTS) namedInLists = true;
        }
        // A weak ending ("Center", "Therapy", "Medical Group") needs a word that is neither English nor clinical: a place or a name.
        // Or two words one of which is in the name lists ("Fort Patsy Imaging Center"), or a place before two
        // service words ("Fresno Spine Imaging Center").
        const ok = named > 0 && (strong || namedUncommon || (named >= 2 && namedInLists) || weakWords >= 2);
        if (ok) {
          // "Medical Group of Fresno": the place after "of" belongs to the name.
          let e = i + 1;
          if (e < n && has(ws, e, OF) && e + 1 < n && isNameWord(ws, e + 1)) e = takeName(ws, e + 1, 3);
          hits.push({ category: 'organisation', start: start[s]!, end: end[e - 1]! });
          i = e;
          continue;
        }
      }
    }
    // After "works for", "employer:", "at": an organisation of capitalised words that are not ordinary ones.
    if (f & ORG_CUE && hasNext && isNameWord(ws, i + 1) && gapIs(text, end[i]!, start[i + 1]!, ',:')) {
      const afterFor = (f & WORK_VERB) !== 0;
      const j = takeName(ws, i + 1, 5);
      const strong = afterFor || (f & ORG_CUE_STRONG) !== 0;
      if (j > i + 1 && (strong ? !every(ws, i + 1, j, CLINICAL) : some(ws, i + 1, j, (x) => listName(ws, x)))) {
        hits.push({ category: 'organisation', start: start[i + 1]!, end: end[j - 1]! });
        i = j;
        continue;
      }
    }
    // "for Acme" after works: handled above when "for" is skipped.
    if (f & WORK_PREP && i > 0 && has(ws, i - 1, WORK_VERB) && hasNext && isNameWord(ws, i + 1)) {
      const j = takeName(ws, i + 1, 5);
      if (j > i + 1 && !every(ws, i + 1, j, CLINICAL)) {
        hits.push({ category: 'organisation', start: start[i + 1]!, end: end[j - 1]! });
        i = j;
        continue;
      }
    }
    // A name from the lists: a capitalised word that is no English word and nothing clinical,
    // with any capitalised words joined to it ("Kowalczyk", "Jane Kowalczyk").
    if ((wc === CAP || wc === MIXED) && listName(ws, i) && !eponymAt(ws, i) && !citationAuthor(text, end[i]!)) {
      let s = i;
      while (s > 0 && i - s < 2 && isNameWord(ws, s - 1) && has(ws, s - 1, IN_LISTS) && !has(ws, s - 1, CLINICAL) && gapIs(text, end[s - 1]!, start[s]!, '.')) s--;
      const j = takeName(ws, i, 3);
      // A surname before "Inc", "Clinic", "Imaging Center" belongs to an organisation: the organisation rule takes it.
      if (j < n && has(ws, j, ORG_STRONG_WORD | ORG_WEAK_WORD) && wordCase[j] !== LOWER) {
        i++;
        continue;
      }
      const last = Math.max(j, i + 1);
      hits.push({ category: 'person', start: start[s]!, end: endOf(ws, last) });
      i = last;
      continue;
    }
    i++;
  }
}

/** A drug or guideline word that is no eponym ("Tramadol" after "husband" is no name). */
function onlyClinicalNotEponym(ws: WordList, i: number): boolean {
  return has(ws, i, CLINICAL) && !has(ws, i, EPONYM);
}

/** Whether `ch` occurs in text[from, to), without cutting it out (a loop: indexOf would search past `to`). */
function hasChar(text: string, from: number, to: number, ch: string): boolean {
  for (let k = from; k < to; k++) if (text[k] === ch) return true;
  return false;
}

/** "Doctor's": a title in the possessive (the word ending at `end`) is a noun ("Doctor's First Report"). */
function possessive(text: string, end: number): boolean {
  const a = text.charCodeAt(end - 2);
  return (a === 39 || a === 0x2019) && (text[end - 1] === 's' || text[end - 1] === 'S');
}

/** True at the start of the text, a line or a sentence. */
function opensSentence(text: string, at: number): boolean {
  for (let k = at - 1; k >= 0 && at - k < 4; k--) {
    const ch = text[k]!;
    if (ch === ' ' || ch === '\t') continue;
    return ch === '.' || ch === '\n' || ch === ':' || ch === ';';
  }
  return at < 4;
}

/** "Bigos, 1999" or "Aker et al.": an author in a literature citation, kept like the guideline it cites. */
function citationAuthor(text: string, end: number): boolean {
  const after = text.slice(end, end + 12);
  return /^,?\s(?:\d{4}|et al)/.test(after);
}
