/** Date formats used in letters, normalised to ISO (YYYY-MM-DD). */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const MONTH_NAME = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

/** Matches "01/13/1999", "11/5/2001", "11/10/11", "11-01-2016" and "April 17, 2000". */
export const DATE_PATTERN = new RegExp(
  `\\b(\\d{1,2})\\s?[/-]\\s?(\\d{1,2})\\s?[/-]\\s?(\\d{4}|\\d{2})\\b|\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`,
  'gi',
);

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Two-digit years: letters date injuries back to the 1970s and decisions up to now. */
function fullYear(y: number): number {
  if (y >= 100) return y;
  return y <= 40 ? 2000 + y : 1900 + y;
}

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A date found in text, with its offsets. */
export interface DateMention {
  iso: string;
  start: number;
  end: number;
}

/** Every valid date written in `text`, in order. Invalid ones (13/45/2016) are skipped. */
export function findDates(text: string): DateMention[] {
  const out: DateMention[] = [];
  for (const m of text.matchAll(DATE_PATTERN)) {
    let value: string | null;
    if (m[1] !== undefined) value = iso(fullYear(Number(m[3])), Number(m[1]), Number(m[2]));
    else value = iso(Number(m[6]), MONTHS[m[4]!.slice(0, 3).toLowerCase()] ?? 0, Number(m[5]));
    if (value) out.push({ iso: value, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The first date in `text` as ISO, or null. */
export function firstDate(text: string): string | null {
  return findDates(text)[0]?.iso ?? null;
}
