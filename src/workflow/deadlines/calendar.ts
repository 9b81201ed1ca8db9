/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD, no time zone), and the
 * California state holidays that working-day counts skip.
 *
 * Holidays are those of Government Code §6700: New Year's Day, Martin Luther
 * King Jr. Day (third Monday in January), Lincoln Day (February 12),
 * Washington's Birthday (third Monday in February), César Chávez Day
 * (March 31), Memorial Day (last Monday in May), Independence Day, Labor Day
 * (first Monday in September), Native American Day (fourth Friday in
 * September), Veterans Day (November 11), Thanksgiving and the day after,
 * and Christmas. A holiday on a Sunday is observed the Monday after (§6700);
 * one on a Saturday needs nothing, Saturday not being a working day.
 */

import { addDays } from '../../domain/index.js';

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

function ymd(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The `nth` given weekday of a month (nth = -1: the last). */
function nthWeekday(y: number, m: number, dow: number, nth: number): string {
  if (nth > 0) {
    const first = ymd(y, m, 1);
    const offset = (dow - weekday(first) + 7) % 7;
    return addDays(first, offset + 7 * (nth - 1));
  }
  const last = addDays(m === 12 ? ymd(y + 1, 1, 1) : ymd(y, m + 1, 1), -1);
  return addDays(last, -((weekday(last) - dow + 7) % 7));
}

const cache = new Map<number, Set<string>>();

/** California state holidays of a year, as observed (Sunday holidays move to Monday). */
export function californiaHolidays(year: number): Set<string> {
  const hit = cache.get(year);
  if (hit) return hit;
  const fixed = [ymd(year, 1, 1), ymd(year, 2, 12), ymd(year, 3, 31), ymd(year, 7, 4), ymd(year, 11, 11), ymd(year, 12, 25)];
  const thanksgiving = nthWeekday(year, 11, 4, 4);
  const days = [
    ...fixed.map((d) => (weekday(d) === 0 ? addDays(d, 1) : d)),
    nthWeekday(year, 1, 1, 3),
    nthWeekday(year, 2, 1, 3),
    nthWeekday(year, 5, 1, -1),
    nthWeekday(year, 9, 1, 1),
    nthWeekday(year, 9, 5, 4),
    thanksgiving,
    addDays(thanksgiving, 1),
  ];
  const set = new Set(days);
  cache.set(year, set);
  return set;
}

export function isHoliday(iso: string): boolean {
  return californiaHolidays(Number(iso.slice(0, 4))).has(iso);
}

/** A working day is a weekday that is not a California state holiday. */
export function isWorkingDay(iso: string): boolean {
  const d = weekday(iso);
  return d !== 0 && d !== 6 && !isHoliday(iso);
}

/** The date `n` working days after `iso` (the start day itself not counted). */
export function addWorkingDays(iso: string, n: number): string {
  let d = iso;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** `iso` itself when a working day, else the next working day. */
export function nextWorkingDay(iso: string): string {
  let d = iso;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}
