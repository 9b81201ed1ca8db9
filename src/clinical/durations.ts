/**
 * Dates and durations in clinical text: "since 12/2013", "on 11-23-2016",
 * "for at least 3 months", "long-term", "January 2017". Dates are read as
 * ISO strings (a month-only date reads as the first of the month) so they can
 * be compared with the request or UR dates.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** A date found in text, with its offsets. */
export interface DateMention {
  iso: string;
  start: number;
  end: number;
}

function year(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? 2000 + n : n;
}

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1950 || y > 2100) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const MONTH_NAME = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const DATE_PATTERN = new RegExp(
  String.raw`\b(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})\b` + // 12/29/2016, 11-23-16
    String.raw`|\b(\d{1,2})/(\d{4})\b` + // 12/2013
    '|\\b' + MONTH_NAME + String.raw`\.?\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?(\d{4})\b` + // January 5, 2017 / June 2016
    String.raw`|\b(\d{4})-(\d{2})-(\d{2})\b`, // ISO
  'gi',
);

/** Every date in `text`, in order. */
export function findDates(text: string): DateMention[] {
  const out: DateMention[] = [];
  DATE_PATTERN.lastIndex = 0;
  for (let m = DATE_PATTERN.exec(text); m; m = DATE_PATTERN.exec(text)) {
    let d: string | null = null;
    if (m[1]) d = iso(year(m[3]!), Number(m[1]), Number(m[2]));
    else if (m[4]) d = iso(Number(m[5]), Number(m[4]), 1);
    else if (m[6]) d = iso(Number(m[8]), MONTHS[m[6].toLowerCase().slice(0, m[6].toLowerCase().startsWith('sept') ? 4 : 3)] ?? MONTHS[m[6].toLowerCase().slice(0, 3)]!, m[7] ? Number(m[7]) : 1);
    else if (m[9]) d = iso(Number(m[9]), Number(m[10]), Number(m[11]));
    if (d) out.push({ iso: d, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Days from ISO date `a` to ISO date `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };
const DURATION_PATTERN = /\b(?:for|over|past|last|x|times|since|about|approximately|at\s+least|more\s+than|over\s+the\s+past)\s+(?:(?:at\s+least|about|approximately|over|more\s+than|the\s+(?:past|last))\s+)?(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many)\s*(?:\+\s*)?(day|week|month|year)s?\b/gi;
const WORD_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, several: 3, many: 6 };

/** A stated duration ("for at least 3 months") in days, with its offsets. */
export interface DurationMention {
  days: number;
  start: number;
  end: number;
}

/** Every duration stated in `text`. */
export function findDurations(text: string): DurationMention[] {
  const out: DurationMention[] = [];
  DURATION_PATTERN.lastIndex = 0;
  for (let m = DURATION_PATTERN.exec(text); m; m = DURATION_PATTERN.exec(text)) {
    const n = /^\d/.test(m[1]!) ? Number(m[1]) : WORD_NUMBERS[m[1]!.toLowerCase()]!;
    out.push({ days: n * UNIT_DAYS[m[2]!.toLowerCase()]!, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Words saying a treatment has been used for a long time, without a number. */
export const LONG_TERM = /\b(?:long[- ]term|chronic(?:ally)?\s+(?:use|using|taking)|(?:for|over)\s+(?:a\s+)?(?:long|extended|prolonged)\s+(?:time|period)|for\s+years|ongoing\s+use|continued\s+use|since\s+at\s+least|(?:has|have)\s+been\s+(?:taking|using|utiliz|prescribed|on)|continues?\s+(?:to\s+(?:take|use|utilize)|on)|refill|renew(?:ed|al)?|continuation|remain(?:s|ed)?\s+on)\b/i;
