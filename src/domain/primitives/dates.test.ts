import { describe, expect, it } from 'vitest';
import { addDays, calendarDate, daysBetween, isIsoDate } from './dates.js';
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
