import { describe, expect, it } from 'vitest';
import { addDays, calendarDate, daysBetween, isCalendarDay, isIsoDate } from './dates.js';
import { IsoDate } from '../determination.js';

describe('calendar dates', () => {
  it('has one validation: 2016-02-29 is a day, 2016-02-30 and 2015-02-29 are not', () => {
    expect(isIsoDate('2016-02-29')).toBe(true);
    expect(isIsoDate('2016-02-30')).toBe(false);
    expect(isIsoDate('2015-02-29')).toBe(false);
    expect(isIsoDate('2016-13-01')).toBe(false);
    expect(isIsoDate('2016-1-01')).toBe(false);
    expect(calendarDate(2016, 4, 31)).toBeNull();
    expect(calendarDate(2016, 4, 30)).toBe('2016-04-30');
  });

  it('knows the length of every month as a Date does: century years, and years 0-99 read as 1900-1999', () => {
    // The calendar is arithmetic now; a Date is the reference it must agree with.
    const byDate = (y: number, m: number, d: number) => d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
    for (const y of [0, 4, 99, 100, 1900, 1999, 2000, 2015, 2016, 2100, 2400, 9999]) {
      for (let m = 1; m <= 12; m++) for (const d of [28, 29, 30, 31, 32]) expect(isCalendarDay(y, m, d), `${y}-${m}-${d}`).toBe(byDate(y, m, d));
    }
    expect(isCalendarDay(2000, 2, 29)).toBe(true);
    expect(isCalendarDay(1900, 2, 29)).toBe(false);
    expect(isCalendarDay(4, 2, 29)).toBe(true);
  });

  it('the IsoDate schema refuses 2016-02-30 with a reason, and a malformed date with one issue', () => {
    expect(IsoDate.safeParse('2016-02-29').success).toBe(true);
    expect(IsoDate.safeParse('2016-02-30').error?.issues.map((i) => i.message)).toEqual(['not a date the calendar has']);
    expect(IsoDate.safeParse('02/30/2016').error?.issues).toHaveLength(1);
  });

  it('counts days across months, leap days and a year end', () => {
    expect(daysBetween('2016-02-28', '2016-03-01')).toBe(2);
    expect(daysBetween('2016-03-01', '2016-02-28')).toBe(-2);
    expect(daysBetween('2016-12-31', '2017-01-01')).toBe(1);
    expect(addDays('2016-02-28', 1)).toBe('2016-02-29');
    expect(addDays('2017-01-01', -1)).toBe('2016-12-31');
  });
});
