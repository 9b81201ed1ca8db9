import { calendarDate } from '../domain/primitives/index.js';

/**
 * The one reader of dates written in text (letters, clinical summaries, case
 * documents, command-line options), normalised to ISO (YYYY-MM-DD):
 * "01/13/1999", "11/5/2001", "11-23-16", "11 -01-2016" (as PDF extraction
 * spaces it), "April 17, 2000", "2016-11-23", and, when `monthOnly` is asked
 * for, "12/2013" and "June 2016" as the first of the month.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const MONTH_NAME = String.raw`(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;

/** Groups: 1-3 m/d/y; 4-6 month name, day, year; 7-9 ISO; 10-11 m/yyyy; 12-13 month name, year. */
const FULL = [
  String.raw`\b(\d{1,2})\s?[/-]\s?(\d{1,2})\s?[/-]\s?(\d{4}|\d{2})\b`,
  String.raw`\b${MONTH_NAME}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`,
  String.raw`\b(\d{4})-(\d{2})-(\d{2})\b`,
];
const MONTH_ONLY = [String.raw`\b(\d{1,2})/(\d{4})\b`, String.raw`\b${MONTH_NAME}\s+(\d{4})\b`];

const FULL_PATTERN = new RegExp(FULL.join('|'), 'gi');
const ANY_PATTERN = new RegExp([...FULL, ...MONTH_ONLY].join('|'), 'gi');

/** The earliest and latest years a date in a letter or a record may have. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/**
 * The year a two-digit year stands for: the latest year ending in those two
 * digits that is at most one year after the reference year. Letters and
 * records write dates of the past (injuries decades back, visits, the UR
 * decision) and at most the near future (a planned visit), so "3/4/85" read in
 * 2016 is 1985 and "1/6/17" is 2017. (The letters' old rule, 00-40 as 2000s,
 * read "3/4/35" as 2035; the clinical one read every two-digit year as 20xx,
 * "3/4/85" as 2085.)
 */
export function fullYear(twoDigit: number, referenceYear: number): number {
  const ceiling = referenceYear + 1;
  const year = ceiling - ((((ceiling - twoDigit) % 100) + 100) % 100);
  return year;
}

/** A date found in text, with its offsets. */
export interface DateMention {
  iso: string;
  start: number;
  end: number;
}

/** How dates are read. */
export interface DateReading {
  /** Also read a month without a day ("12/2013", "June 2016") as the first of that month. */
  monthOnly?: boolean;
  /** The ISO date two-digit years are read relative to (see fullYear); default today. */
  reference?: string | null;
}

function inRange(y: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR;
}

function dateOf(y: number, m: number, d: number): string | null {
  return inRange(y) ? calendarDate(y, m, d) : null;
}

function monthNumber(name: string): number {
  return MONTHS[name.slice(0, 3).toLowerCase()] ?? 0;
}

/** Every valid date written in `text`, in order. Dates the calendar lacks (13/45/2016, 2/30/2016) are skipped. */
export function findDates(text: string, reading: DateReading = {}): DateMention[] {
  return scanDates(text, reading, Infinity);
}

/** The first date in `text` as ISO, or null. */
export function firstDate(text: string, reading: DateReading = {}): string | null {
  return scanDates(text, reading, 1)[0]?.iso ?? null;
}

/**
 * The first `limit` valid dates of `text`. An exec loop on the shared pattern
 * rather than matchAll, which copies the pattern on every call, and the
 * reference year read only when a two-digit year needs it: the parser reads
 * the header's dates one short value at a time, where those two costs were
 * most of the work (a Date and an ISO string per call).
 */
function scanDates(text: string, reading: DateReading, limit: number): DateMention[] {
  const pattern = reading.monthOnly ? ANY_PATTERN : FULL_PATTERN;
  let refYear: number | undefined;
  const out: DateMention[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null && out.length < limit; m = pattern.exec(text)) {
    let value: string | null = null;
    if (m[1] !== undefined) {
      const twoDigit = m[3]!.length === 2;
      if (twoDigit) refYear ??= Number((reading.reference ?? new Date().toISOString()).slice(0, 4));
      value = dateOf(twoDigit ? fullYear(Number(m[3]), refYear!) : Number(m[3]), Number(m[1]), Number(m[2]));
    } else if (m[4] !== undefined) value = dateOf(Number(m[6]), monthNumber(m[4]), Number(m[5]));
    else if (m[7] !== undefined) value = dateOf(Number(m[7]), Number(m[8]), Number(m[9]));
    else if (m[10] !== undefined) value = dateOf(Number(m[11]), Number(m[10]), 1);
    else if (m[12] !== undefined) value = dateOf(Number(m[13]), monthNumber(m[12]), 1);
    if (value) out.push({ iso: value, start: m.index, end: m.index + m[0].length });
  }
  // A loop left early leaves the shared pattern's position set.
  pattern.lastIndex = 0;
  return out;
}

/** `text` read as exactly one date (nothing before or after it), as ISO; null when it is not one. */
export function readDate(text: string, reading: DateReading = {}): string | null {
  const trimmed = text.trim();
  const [only, ...more] = findDates(trimmed, reading);
  return only && more.length === 0 && only.start === 0 && only.end === trimmed.length ? only.iso : null;
}
