/**
 * Calendar dates as the project stores them: ISO strings YYYY-MM-DD without a
 * time zone. One validation (a date the calendar has: no 2016-02-30) and one
 * arithmetic (days between, days after) for every layer; reading dates out of
 * text is `src/clinical/dates.ts`.
 */

const MS_PER_DAY = 86_400_000;
const ISO_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Whether year `y`, month `m` (1-12) and day `d` name a day the calendar has (2016-02-29 does, 2016-02-30 does not). */
export function isCalendarDay(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 0 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days in month `m` of year `y`, by arithmetic rather than a Date (every date
 * a letter states is checked here). As Date.UTC reads them, years 0-99 are
 * 1900-1999, so 0000-02-29 is no day, as it was when this asked a Date.
 */
function daysInMonth(y: number, m: number): number {
  if (m !== 2) return MONTH_DAYS[m - 1]!;
  const year = y <= 99 ? 1900 + y : y;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** The ISO date of year, month and day, or null when the calendar has no such day. */
export function calendarDate(y: number, m: number, d: number): string | null {
  return isCalendarDay(y, m, d) ? `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}` : null;
}

/** Whether `s` is an ISO date YYYY-MM-DD of a day the calendar has. */
export function isIsoDate(s: string): boolean {
  const m = ISO_SHAPE.exec(s);
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Days since 1970-01-01 of an ISO date. */
function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}

/** Whole days from ISO date `a` to ISO date `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** The ISO date `n` calendar days after `iso` (before, when negative). */
export function addDays(iso: string, n: number): string {
  return new Date((dayNumber(iso) + n) * MS_PER_DAY).toISOString().slice(0, 10);
}
