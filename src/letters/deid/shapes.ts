/**
 * Identifiers found by their shape, whoever they belong to: phone and fax
 * numbers, social security numbers, email addresses, record, claim, policy
 * and WCAB numbers, dates of birth, ages over 89, US street addresses.
 *
 * Every pattern is linear: a run that a pattern can start inside is guarded
 * by a lookbehind, so it is tried only at the run's start, and every
 * repetition between two required parts is bounded. A 10 MB hostile text
 * is scanned in well under a second (see deid.bench and the fuzzer).
 */
import { STATE_CODES, STATE_NAMES, STREET_TYPES } from './lexicons.js';
import type { HitList, RedactionCategory } from './hits.js';
import { CASE_NUMBER_ANY_CASE } from '../../domain/index.js';

function collect(text: string, re: RegExp, category: RedactionCategory, hits: HitList, accept?: (m: RegExpExecArray) => boolean): void {
  for (const m of text.matchAll(re)) push(m, category, hits, accept);
}

function push(m: RegExpExecArray, category: RedactionCategory, hits: HitList, accept?: (m: RegExpExecArray) => boolean): void {
  if (accept && !accept(m)) return;
  const g = m.groups?.id;
  const start = g === undefined ? m.index : m.index + m[0].lastIndexOf(g);
  hits.push({ category, start, end: start + (g ?? m[0]).length });
}

/** [A-Za-z0-9_]: the pattern's \w. */
function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** [\w.%+-]: a character of an email's local part. */
function isLocalCode(c: number): boolean {
  return isWordCode(c) || c === 46 || c === 37 || c === 43 || c === 45;
}

/**
 * The matches of EMAIL, found from the "@" signs instead of trying every
 * place in the text. A match starts only where a run of local-part
 * characters starts (the lookbehind), and its local part, which holds no
 * "@", must end right at one: so the only place a match can start is the
 * start of the run just before each "@", when that run is 1-64 characters
 * long and begins after the previous match. The pattern itself, sticky, is
 * tried there: same matches, same order, without reading a text that has
 * few "@" place by place.
 */
export function findEmails(text: string, hits: HitList, re: RegExp = EMAIL_AT): void {
  let after = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let s = at;
    while (s > 0 && at - s <= 64 && isLocalCode(text.charCodeAt(s - 1))) s--;
    if (s === at || at - s > 64 || s < after) continue;
    re.lastIndex = s;
    const m = re.exec(text);
    if (!m) continue;
    push(m, 'email', hits);
    after = s + m[0].length;
  }
}

/**
 * The matches of ALNUM_ID, read run by run. A match starts only where a
 * run of [\w-] starts (the lookbehind), holds only [A-Za-z0-9-] and ends
 * where the run ends (the lookahead): it is a whole run, and one with a
 * digit (the second lookahead needs one). So the pattern, sticky, is tried
 * only at the start of each run that has a digit.
 */
export function findAlnumIds(text: string, hits: HitList, accept: (m: RegExpExecArray) => boolean, re: RegExp = ALNUM_ID_AT): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!RUN_CODES[text.charCodeAt(i)]) {
      i++;
      continue;
    }
    const s = i;
    let digit = false;
    for (; i < n; i++) {
      const kind = RUN_CODES[text.charCodeAt(i)];
      if (!kind) break;
      if (kind === DIGIT) digit = true;
    }
    // The first lookahead needs five characters: a shorter run cannot match.
    if (!digit || i - s < 5) continue;
    re.lastIndex = s;
    const m = re.exec(text);
    if (m) push(m, 'record-number', hits, accept);
  }
}

const DIGIT = 2;
/** [\w-] by UTF-16 code: 2 a digit, 1 another, 0 none (every code past ASCII). */
const RUN_CODES = new Uint8Array(65536);
for (let c = 0; c < 128; c++) RUN_CODES[c] = c >= 48 && c <= 57 ? DIGIT : isWordCode(c) || c === 45 ? 1 : 0;

const SEP = String.raw`[\s.\-\u2010-\u2014]?`;
/** 10-digit North American numbers with or without separators, +1 or 1- before, an extension after. */
const PHONE = new RegExp(
  String.raw`(?<![\w+/.-])(?:\+?1${SEP})?(?:\(\d{3}\)\s?|\d{3}${SEP})\d{3}${SEP}\d{4}(?:\s{0,2}(?:x|ext\.?|extension)\s{0,2}\d{1,6})?(?![\w/])`,
  'gi',
);
/** Phone cue with a 7-digit local number ("phone 555-0142"). */
const LOCAL_PHONE = /\b(?:phone|tel|telephone|fax|facsimile|cell|mobile|pager|ph|call(?:ed)?(?: at)?)\.?\s{0,3}(?:no\.?|number|#)?\s{0,3}[:#]?\s{0,3}(?<id>\d{3}[\s.-]?\d{4})(?![\w/])/gi;
/** SSNs with dashes, spaces or nothing between the groups. */
const SSN = /(?<![\w/.-])\d{3}([\s-]?)\d{2}\1\d{4}(?![\w/])/g;
const SSN_CUE = /\b(?:ssn|social security(?: number| no\.?| #)?|ss#|soc\.? sec\.?)\s{0,3}[:#]?\s{0,3}(?<id>(?:x{3}|\*{3}|\d{3})[\s-]?(?:x{2}|\*{2}|\d{2})[\s-]?\d{4})/gi;
/** Email: the local part starts a run (lookbehind), so each run is read once. */
export const EMAIL = /(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;
/** The same pattern tried at one place only (sticky), where `findEmails` knows a match can start. */
const EMAIL_AT = new RegExp(EMAIL.source, 'y');
/** Web sites of guidelines and drug references, cited in rationales: kept like the guideline names. */
const REFERENCE_SITES = /mdguidelines|drugs\.com|nih\.gov|ncbi|fda\.gov|cdc\.gov|acoem|dir\.ca\.gov|odg-twc|guideline|medscape|uptodate|aaos|ama-assn|webmd|dailymed|rxlist/i;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]{1,300}/gi;
/** A number named by what it is: MRN, claim, policy, member, account, WCAB/ADJ, patient id. */
const ID_CUE = new RegExp(
  String.raw`\b(?:mrn|med(?:ical)? rec(?:ord)?s? (?:number|no\.?|#)|record (?:number|no\.?|#)|chart (?:number|no\.?|#)|claim(?:s)?(?: number| no\.?| num\.?| #| id)?|policy(?: number| no\.?| #)?|member(?: id| number| no\.?| #)?|account(?: number| no\.?| #)?|acct\.?(?: no\.?| #)?|wcab(?: case)?(?: number| no\.?| #)?|eams(?: number| no\.?| #)?|case (?:number|no\.?|#)|patient (?:id|number|no\.?|#)|subscriber (?:id|number)|group (?:number|no\.?|#)|id(?: number| no\.?| #)?|reference (?:number|no\.?|#)|ref\.? (?:no\.?|#)|file (?:number|no\.?|#)|license (?:number|no\.?|#)|npi|dea)\s{0,3}(?:is|was|of)?\s{0,3}[:#]?\s{0,3}(?<id>[A-Z]{0,6}-?[A-Z0-9]{0,12}\d[A-Z0-9-]{0,24})`,
  'gi',
);
/** WCAB case numbers: ADJ and 7 to 9 digits, whatever precedes them. */
const ADJ = /\bADJ[\s-]?\d{6,10}\b/gi;
/** Letters and digits run together with at least 5 digits ("SCIF-05512877", "A1234567"); the case number CMyy-nnnnnnn is published and kept. */
export const ALNUM_ID = /(?<![\w-])(?=[A-Za-z0-9-]{5})(?=[A-Za-z-]{0,60}\d)[A-Za-z0-9]{1,30}(?:-[A-Za-z0-9]{1,30}){0,5}(?![\w-])/g;
const ALNUM_ID_AT = new RegExp(ALNUM_ID.source, 'y');
const DATE_SHAPE = /^(?:\d{1,2}-\d{1,2}-\d{2,4}|\d{4}-\d{1,2}-\d{1,2})$/;

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const ANY_DATE = String.raw`(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|${MONTH}\s{1,3}\d{1,2}(?:st|nd|rd|th)?,?\s{1,3}\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s{1,3}(?:of\s)?${MONTH},?\s{1,3}\d{2,4}|\d{8})`;
const DOB = new RegExp(String.raw`\b(?:DOB|D\.O\.B\.?|date of birth|birth ?date|birthday|born(?: on)?|b\.)\s{0,3}(?:is|was|of)?\s{0,3}[:#-]?\s{0,3}(?<id>${ANY_DATE})`, 'gi');
/** Ages over 89 (HIPAA's rule): "92-year-old", "age 94", "aged 101", "93 y/o". */
const AGE_OLD = /\b(?<id>(?:9\d|1[0-2]\d))(?:\s{0,2}|-)(?:years?|yrs?|y\/o|yo|y\.o\.)(?:[\s-]{1,2}old)?\b/gi;
const AGE_CUE = /\b(?:age|aged|ages|age of)\s{0,3}[:=]?\s{0,3}(?<id>9\d|1[0-2]\d)\b/gi;

const STREET = STREET_TYPES.join('|');
const STATES = [...STATE_CODES].join('|') + '|' + STATE_NAMES.map((s) => s.replace(' ', String.raw`\s`)).join('|');
const CITY_STATE_ZIP = String.raw`[A-Z][A-Za-z.'-]{1,30}(?:\s[A-Z][A-Za-z.'-]{1,30}){0,3},?\s{1,3}(?:${STATES})\.?,?\s{1,3}\d{5}(?:-\d{4})?(?!\d)`;
/** "1234 N. Orchard Lane, Suite 5, Fresno, CA 93721": the number, up to five words, a street type; the unit and city line when they follow. */
const STREET_ADDRESS = new RegExp(
  String.raw`(?<![\w/.-])\d{1,6}[A-Za-z]?(?:-\d{1,5})?\s{1,3}(?:[NSEW]\.?\s{1,3}|(?:North|South|East|West)\s{1,3})?(?:(?:[A-Z][\w'.-]{0,30}|\d{1,4}(?:st|nd|rd|th))\s{1,3}){1,5}(?:${STREET})s?\b\.?(?:\s{1,3}[NSEW]{1,2}\b\.?)?` +
    String.raw`(?:,?\s{1,3}(?:Suite|Ste\.?|Apt\.?|Apartment|Unit|Bldg\.?|Building|Floor|Fl\.?|Room|Rm\.?|#)\s{0,3}#?[A-Za-z0-9-]{1,8})?` +
    String.raw`(?:,?\s{1,3}${CITY_STATE_ZIP})?`,
  'g',
);
const PO_BOX = /\b(?:P\.?\s?O\.?\s{0,2}Box|Post Office Box)\s{1,3}\d{1,8}/gi;
const CITY_LINE = new RegExp(String.raw`(?<![\w'.-])${CITY_STATE_ZIP}`, 'g');
/** A ZIP after a state code or name alone ("CA 93721"). */
const STATE_ZIP = new RegExp(String.raw`\b(?:${STATES})\.?,?\s{1,3}\d{5}(?:-\d{4})?(?!\d)`, 'g');

const FIVE_DIGITS = /\d{5}/;

function digitCount(s: string): number {
  let digits = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits;
}

/** Finds every identifier that has a recognisable shape. */
export function findShapes(text: string, hits: HitList): void {
  // Each family of patterns needs a character the text may not have at all: one scan to skip the family.
  if (text.includes('@')) findEmails(text, hits);
  collect(text, URL, 'url', hits, (m) => !REFERENCE_SITES.test(m[0]));
  if (!/\d/.test(text)) return;
  collect(text, DOB, 'dob', hits);
  collect(text, AGE_OLD, 'age', hits);
  collect(text, AGE_CUE, 'age', hits);
  collect(text, STREET_ADDRESS, 'address', hits);
  collect(text, PO_BOX, 'address', hits);
  // Both end in a ZIP code: a text without five digits in a row has neither.
  if (FIVE_DIGITS.test(text)) {
    collect(text, CITY_LINE, 'address', hits);
    collect(text, STATE_ZIP, 'address', hits);
  }
  collect(text, SSN_CUE, 'ssn', hits);
  collect(text, SSN, 'ssn', hits);
  collect(text, PHONE, 'phone', hits);
  collect(text, LOCAL_PHONE, 'phone', hits);
  collect(text, ADJ, 'claim-number', hits);
  collect(text, ID_CUE, 'record-number', hits, (m) => {
    const id = m.groups!.id!;
    const digits = id.replace(/\D/g, '').length;
    return id.length >= 4 && !CASE_NUMBER_ANY_CASE.test(id) && !DATE_SHAPE.test(id) && (digits >= 3 || (digits >= 2 && id.length >= 6));
  });
  findAlnumIds(text, hits, (m) => {
    const s = m[0];
    if (s.length < 5) return false;
    const digits = digitCount(s);
    // Either kind below needs five digits or more.
    if (digits < 5) return false;
    if (CASE_NUMBER_ANY_CASE.test(s)) return false;
    // Letters and digits together with five or more digits, or a bare run of seven or more digits.
    if (/[A-Za-z]/.test(s)) return digits >= 5 && /\d{4}/.test(s);
    // A date written with hyphens is a date, not a number.
    return digits >= 7 && !DATE_SHAPE.test(s);
  });
}
