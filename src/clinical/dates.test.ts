import { describe, expect, it } from 'vitest';
import { parseLetterText } from '../letters/index.js';
import { realLetterTexts } from '../../test/sample-letters.js';
import { findDates, firstDate, fullYear, readDate } from './dates.js';

const isos = (text: string, reading?: Parameters<typeof findDates>[1]) => findDates(text, reading).map((d) => d.iso);

describe('the one date reader', () => {
  it('reads "3/4/85" as 1985 and "11-23-16" as 2016 relative to a 2016 letter (the two old readers said 1985 and 2085)', () => {
    expect(isos('injured 3/4/85, seen 11-23-16', { reference: '2016-12-29' })).toEqual(['1985-03-04', '2016-11-23']);
    // Read today, the same: the reference only moves a two-digit year near the turn of its century.
    expect(isos('injured 3/4/85, seen 11-23-16')).toEqual(['1985-03-04', '2016-11-23']);
  });

  it('takes a two-digit year as the latest one ending in those digits at most a year after the reference', () => {
    expect(fullYear(17, 2016)).toBe(2017);
    expect(fullYear(18, 2016)).toBe(1918);
    expect(fullYear(16, 2016)).toBe(2016);
    expect(fullYear(0, 2016)).toBe(2000);
    expect(fullYear(99, 2016)).toBe(1999);
    expect(fullYear(35, 2040)).toBe(2035);
  });

  it('skips dates the calendar lacks: 2/30/2016, 2016-02-30, 13/45/2016, February 30, 2016', () => {
    expect(isos('on 2/30/2016, 2016-02-30, 13/45/2016 and February 30, 2016')).toEqual([]);
    expect(isos('on 2/29/2016 and 2/29/2015')).toEqual(['2016-02-29']);
  });

  it('reads the forms letters write, spaced as PDF extraction spaces them', () => {
    expect(isos('01/13/1999, 11/5/2001, 11 -01-2016, April 17, 2000, Sept. 3rd, 2015, 2016-11-23')).toEqual([
      '1999-01-13', '2001-11-05', '2016-11-01', '2000-04-17', '2015-09-03', '2016-11-23',
    ]);
  });

  it('reads a month without a day only when asked, as the first of the month', () => {
    expect(isos('since 12/2013 and June 2016')).toEqual([]);
    expect(isos('since 12/2013 and June 2016', { monthOnly: true })).toEqual(['2013-12-01', '2016-06-01']);
    expect(firstDate('Decision Date: 12/29/2016 Assigned 12/1/2016')).toBe('2016-12-29');
  });

  it('reads a whole value as one date or none', () => {
    expect(readDate('12/29/2016')).toBe('2016-12-29');
    expect(readDate(' 2016-02-29 ')).toBe('2016-02-29');
    expect(readDate('2016-02-30')).toBeNull();
    expect(readDate('12/29/2016 and 1/1/2017')).toBeNull();
    expect(readDate('on 12/29/2016')).toBeNull();
  });

  it('gives every date of the real letters a day the calendar has, with injuries before decisions', () => {
    let injuries = 0;
    for (const { name, text } of realLetterTexts()) {
      const d = parseLetterText(text, name).dates;
      for (const inj of d.injury) {
        injuries++;
        if (d.decision) expect(inj < d.decision, `${name}: injury ${inj} after decision ${d.decision}`).toBe(true);
      }
    }
    expect(injuries).toBeGreaterThan(60);
  });
});
