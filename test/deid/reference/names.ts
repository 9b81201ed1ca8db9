/**
 * People and organisations found in text the case never listed: by context
 * (a title before, a credential after, "seen by", "husband", "works for",
 * an organisation word such as "Clinic" or "LLC" after) and by the census
 * first- and last-name lists. Word-based, one pass over the words.
 */
import type { Hit } from './hits.js';
import { CREDENTIALS, lexicons, ORG_CUES, ORG_JOINERS, ORG_STRONG, ORG_WEAK, PARTICLES, PERSON_CUES, TITLES, WEAK_CUES } from '../../../src/letters/deid/lexicons.js';
import { gapIs, type Word } from './tokens.js';

/** Record labels written right after the name they belong to. */
const RECORD_AFTER_NAME = new Set(['dob', 'ssn', 'mrn']);

/** Words after an eponym that make it clinical ("Hawkins test", "Spurling's sign"). */
const EPONYM_TAIL = new Set([
  'test', 'tests', 'sign', 'signs', 'maneuver', 'manoeuvre', 'maneuvers', 'fracture', 'disease', 'syndrome', 'cyst', 'contracture', 'neuroma', 'lesion', 'score', 'scale',
  'index', 'questionnaire', 'dynamometer', 'phenomenon', 'palsy', 'deformity', 'procedure', 'criteria', 'classification', 'impingement', 'reflex', 'position', 'grip', 'method',
  'technique', 'protocol', 'exercises', 'exercise', 'tear', 'lesions', 'nodes', 'node',
]);

/** The lower-case words a name can be made of ("de la Cruz") and a single letter initial. */
function isNameWord(w: Word): boolean {
  return w.case === 'cap' || w.case === 'upper' || w.case === 'mixed';
}

function eponymAt(words: readonly Word[], i: number): boolean {
  const next = words[i + 1];
  return next !== undefined && EPONYM_TAIL.has(next.key);
}

/** Is `w` evidence of a name by itself: in the name lists, not an English word, not clinical. */
function listName(w: Word): boolean {
  const lx = lexicons();
  if (w.key.length < 2) return false;
  if (lx.clinical.has(w.key) || lx.common.has(w.key)) return false;
  return lx.lastNames.has(w.key) || lx.firstNames.has(w.key);
}

function inLists(w: Word): boolean {
  const lx = lexicons();
  return lx.lastNames.has(w.key) || lx.firstNames.has(w.key);
}

/**
 * Extends a name that starts at word `i`: capitalised words, initials and
 * particles joined by spaces, a hyphen or an apostrophe, at most `max` words.
 * Returns the index after the last word taken.
 */
function takeName(text: string, words: readonly Word[], i: number, max: number): number {
  let j = i;
  let taken = 0;
  while (j < words.length && taken < max) {
    const w = words[j]!;
    if (j > i && !gapIs(text, words[j - 1]!.end, w.start, '.-,')) break;
    // A period ends a name unless it follows an initial or a title ("J. Roe", "Dr. Roe"); "Inc. SSN" is two things.
    if (j > i && hasChar(text, words[j - 1]!.end, w.start, '.') && lengthOf(words[j - 1]!) > 1 && !TITLES.has(words[j - 1]!.key)) break;
    if (j > i && ORG_STRONG.has(w.key)) break;
    // A comma ends the name unless a credential follows ("Roe, MD" is handled by the caller).
    if (j > i && hasChar(text, words[j - 1]!.end, w.start, ',')) break;
    const particle = PARTICLES.has(w.key) && j + 1 < words.length && isNameWord(words[j + 1]!) && j > i;
    if (!isNameWord(w) && !particle) break;
    if (CREDENTIALS.has(w.key) && w.case === 'upper' && j > i) break;
    // A drug or guideline word ends a name; an eponym may be a person's name ("Dr. Hawkins").
    if (lexicons().clinical.has(w.key) && !lexicons().eponyms.has(w.key) && !inLists(w)) break;
    j++;
    taken++;
  }
  return j;
}

/** The end offset of a name taken from words[i..j), with a trailing initial's period. */
function endOf(text: string, words: readonly Word[], j: number): number {
  const last = words[j - 1]!;
  return text[last.end] === '.' && lengthOf(last) === 1 ? last.end + 1 : last.end;
}

/** Finds people and organisations by context and by the name lists. */
export function findNames(text: string, words: readonly Word[], hits: Hit[]): void {
  const lx = lexicons();
  const n = words.length;
  let i = 0;
  while (i < n) {
    const w = words[i]!;
    const next = words[i + 1];
    // A title: "Dr. Roe", "Ms. O'Neil", "PA Jane Roe".
    if (TITLES.has(w.key) && (w.case !== 'lower' || w.key === 'dr') && next && isNameWord(next) && gapIs(text, w.end, next.start, '.') && !possessive(text, w) && (w.key.length <= 4 || inLists(next))) {
      // "PA"/"NP"/"RN" are also nouns; take them as titles only when written in capitals.
      if (['pa', 'np', 'rn', 'lvn'].includes(w.key) && w.case !== 'upper') {
        i++;
        continue;
      }
      const j = takeName(text, words, i + 1, 4);
      if (j > i + 1 && !eponymAt(words, j - 1)) {
        hits.push({ category: 'person', start: w.start, end: endOf(text, words, j) });
        i = j;
        continue;
      }
    }
    // A cue: "husband John", "seen by Maria Lopez", "signed: J. Roe".
    // Cue words are written in lower case ("her husband", "seen by"), or open a sentence; "Sons" in "Murray and Sons" is no cue.
    if (PERSON_CUES.has(w.key) && (w.case === 'lower' || opensSentence(text, w.start)) && next && isNameWord(next) && gapIs(text, w.end, next.start, ',:-')) {
      const weak = WEAK_CUES.has(w.key);
      const j = takeName(text, words, i + 1, 4);
      const first = words[i + 1]!;
      const taken = words.slice(i + 1, j);
      const unusual = (x: Word) => !lx.common.has(x.key) && !lx.clinical.has(x.key);
      const strongEnough = !weak || listName(first) || (taken.length >= 2 && (taken.some(listName) || taken.every(unusual)));
      if (j > i + 1 && strongEnough && !TITLES.has(first.key) && !(lx.clinical.has(first.key) && !lx.eponyms.has(first.key)) && !eponymAt(words, j - 1)) {
        hits.push({ category: 'person', start: first.start, end: endOf(text, words, j) });
        i = j;
        continue;
      }
    }
    // A credential after a name: "Jane Roe, PA-C", "John Smith MD".
    if (CREDENTIALS.has(w.key) && (w.case === 'upper' || (lengthOf(w) <= 3 && w.case === 'cap')) && i > 0) {
      const prev = words[i - 1]!;
      if (isNameWord(prev) && !CREDENTIALS.has(prev.key) && gapIs(text, prev.end, w.start, ',')) {
        let s = i - 1;
        while (s > 0 && i - s < 4 && isNameWord(words[s - 1]!) && gapIs(text, words[s - 1]!.end, words[s]!.start, '.-') && !CREDENTIALS.has(words[s - 1]!.key)) s--;
        const cand = words.slice(s, i);
        // A credential after a comma names a person; without the comma ("Pain MD"?) the words must look like a name.
        const comma = hasChar(text, prev.end, w.start, ',');
        if (cand.some((x) => inLists(x) || lengthOf(x) === 1 || (comma && !lx.common.has(x.key))) && !cand.every((x) => lx.clinical.has(x.key))) {
          // "PA-C": the credential's own suffix goes with it.
          const suffix = /^-[A-Z]{1,2}\b/.exec(text.slice(w.end, w.end + 4));
          hits.push({ category: 'person', start: words[s]!.start, end: w.end + (suffix ? suffix[0].length : 0) });
        }
      }
    }
    // A name right before a record of the person, after "(" or "," ("Maria Lopez-Hernandez (DOB ...", "Roe, MRN 123"): whose record it is.
    if (RECORD_AFTER_NAME.has(w.key) && w.case === 'upper' && i > 0 && gapIs(text, words[i - 1]!.end, w.start, '(,') && (hasChar(text, words[i - 1]!.end, w.start, '(') || hasChar(text, words[i - 1]!.end, w.start, ','))) {
      let s = i;
      while (s > 0 && i - s < 4 && isNameWord(words[s - 1]!) && !lx.clinical.has(words[s - 1]!.key) && (s === i || gapIs(text, words[s - 1]!.end, words[s]!.start, '.-'))) s--;
      if (s < i) hits.push({ category: 'person', start: words[s]!.start, end: words[i - 1]!.end });
    }
    // An organisation: capitalised words ending in "Clinic", "Inc", "Medical Group" ...
    if ((ORG_STRONG.has(w.key) || ORG_WEAK.has(w.key)) && w.case !== 'lower' && i > 0) {
      let s = i;
      while (s > 0 && i - s < 7) {
        const p = words[s - 1]!;
        // Within one line, no comma between (a list of specialties is not one name), except
        // between surnames before a legal ending: "Zulauf, Prosacco and Friesen Inc.".
        const commaOk = ORG_STRONG.has(w.key) && p.case === 'cap' && (inLists(p) || !lx.common.has(p.key)) && !lx.clinical.has(p.key);
        if (!gapIs(text, p.end, words[s]!.start, commaOk ? '&-,' : '&-', false)) break;
        if (TITLES.has(p.key) || (p.case === 'upper' && w.case !== 'upper')) break;
        if (isNameWord(p) || (ORG_JOINERS.has(p.key) && s - 2 >= 0 && isNameWord(words[s - 2]!))) s--;
        else break;
      }
      while (s < i && ORG_JOINERS.has(words[s]!.key)) s++;
      if (s < i) {
        const parts = words.slice(s, i + 1);
        const distinctive = parts.filter((x) => !ORG_STRONG.has(x.key) && !ORG_WEAK.has(x.key) && !ORG_JOINERS.has(x.key));
        const strong = ORG_STRONG.has(w.key) || parts.some((x) => ORG_STRONG.has(x.key));
        // A weak ending ("Center", "Therapy", "Medical Group") needs a word that is neither English nor clinical: a place or a name.
        // Or two words one of which is in the name lists ("Fort Patsy Imaging Center"), or a place before two
        // service words ("Fresno Spine Imaging Center").
        const named = distinctive.filter((x) => !lx.clinical.has(x.key));
        const ok =
          named.length > 0 && (strong || named.some((x) => !lx.common.has(x.key)) || (named.length >= 2 && named.some((x) => inLists(x))) || parts.filter((x) => ORG_WEAK.has(x.key)).length >= 2);
        if (ok) {
          // "Medical Group of Fresno": the place after "of" belongs to the name.
          let e = i + 1;
          if (words[e]?.key === 'of' && words[e + 1] && isNameWord(words[e + 1]!)) e = takeName(text, words, e + 1, 3);
          hits.push({ category: 'organisation', start: words[s]!.start, end: words[e - 1]!.end });
          i = e;
          continue;
        }
      }
    }
    // After "works for", "employer:", "at": an organisation of capitalised words that are not ordinary ones.
    if (ORG_CUES.has(w.key) && next && isNameWord(next) && gapIs(text, w.end, next.start, ',:')) {
      const afterFor = ['works', 'worked', 'working', 'employed'].includes(w.key);
      const j = takeName(text, words, i + 1, 5);
      const parts = words.slice(i + 1, j);
      const strong = afterFor || ['employer', 'insurer', 'carrier', 'administrator', 'tpa'].includes(w.key);
      if (j > i + 1 && (strong ? !parts.every((x) => lx.clinical.has(x.key)) : parts.some(listName))) {
        hits.push({ category: 'organisation', start: parts[0]!.start, end: words[j - 1]!.end });
        i = j;
        continue;
      }
    }
    // "for Acme" after works: handled above when "for" is skipped.
    if ((w.key === 'for' || w.key === 'by' || w.key === 'at') && i > 0 && ['works', 'worked', 'working', 'employed'].includes(words[i - 1]!.key) && next && isNameWord(next)) {
      const j = takeName(text, words, i + 1, 5);
      const parts = words.slice(i + 1, j);
      if (parts.length && !parts.every((x) => lx.clinical.has(x.key))) {
        hits.push({ category: 'organisation', start: parts[0]!.start, end: words[j - 1]!.end });
        i = j;
        continue;
      }
    }
    // A name from the lists: a capitalised word that is no English word and nothing clinical,
    // with any capitalised words joined to it ("Kowalczyk", "Jane Kowalczyk").
    if ((w.case === 'cap' || w.case === 'mixed') && listName(w) && !eponymAt(words, i) && !citationAuthor(text, words, i)) {
      let s = i;
      while (s > 0 && i - s < 2 && isNameWord(words[s - 1]!) && inLists(words[s - 1]!) && !lx.clinical.has(words[s - 1]!.key) && gapIs(text, words[s - 1]!.end, words[s]!.start, '.')) s--;
      const j = takeName(text, words, i, 3);
      // A surname before "Inc", "Clinic", "Imaging Center" belongs to an organisation: the organisation rule takes it.
      const after = words[j];
      if (after && (ORG_STRONG.has(after.key) || ORG_WEAK.has(after.key)) && after.case !== 'lower') {
        i++;
        continue;
      }
      hits.push({ category: 'person', start: words[s]!.start, end: endOf(text, words, Math.max(j, i + 1)) });
      i = Math.max(j, i + 1);
      continue;
    }
    i++;
  }
}

/** Length of a word in the text, without cutting it out. */
function lengthOf(w: Word): number {
  return w.end - w.start;
}

/** Whether `ch` occurs in text[from, to), without cutting it out (a loop: indexOf would search past `to`). */
function hasChar(text: string, from: number, to: number, ch: string): boolean {
  for (let k = from; k < to; k++) if (text[k] === ch) return true;
  return false;
}

/** "Doctor's": a title in the possessive is a noun ("Doctor's First Report"). */
function possessive(text: string, w: Word): boolean {
  const a = text.charCodeAt(w.end - 2);
  return (a === 39 || a === 0x2019) && (text[w.end - 1] === 's' || text[w.end - 1] === 'S');
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
function citationAuthor(text: string, words: readonly Word[], i: number): boolean {
  const after = text.slice(words[i]!.end, words[i]!.end + 12);
  return /^,?\s(?:\d{4}|et al)/.test(after);
}
