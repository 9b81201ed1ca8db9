import { describe, expect, it } from 'vitest';
import { addWorkingDays, californiaHolidays, isWorkingDay, nextWorkingDay } from './calendar.js';
import { applicationDeadline, decisionDeadline, recordsDeadline, statusOf } from './deadlines.js';

describe('California calendar', () => {
  it('lists the state holidays of 2016 as observed', () => {
    expect([...californiaHolidays(2016)].sort()).toEqual([
      '2016-01-01', '2016-01-18', '2016-02-12', '2016-02-15', '2016-03-31', '2016-05-30', '2016-07-04',
      '2016-09-05', '2016-09-23', '2016-11-11', '2016-11-24', '2016-11-25', '2016-12-26',
    ]);
  });
  it('moves a Sunday holiday to Monday', () => {
    // 2017-01-01 and 2022-12-25 were Sundays.
    expect(californiaHolidays(2017).has('2017-01-02')).toBe(true);
    expect(isWorkingDay('2022-12-26')).toBe(false);
  });
  it('counts working days past weekends and holidays', () => {
    // Wed 2016-11-23 + 5 working days: Thanksgiving Thu/Fri and the weekend skipped.
    expect(addWorkingDays('2016-11-23', 5)).toBe('2016-12-02');
    // Fri + 1 working day = Mon.
    expect(addWorkingDays('2017-03-03', 1)).toBe('2017-03-06');
    expect(nextWorkingDay('2016-12-24')).toBe('2016-12-27');
  });
});

describe('statutory deadlines', () => {
  it('application: 30 days from service, +5 by mail, rolled past a weekend', () => {
    // Decision 2016-12-01 served electronically: 30 days = Sat 2016-12-31, Mon 01-02 is the observed New Year: Tue 2017-01-03.
    expect(applicationDeadline({ urDecisionDate: '2016-12-01', urServiceMethod: 'electronic' }).due).toBe('2017-01-03');
    // By mail: 35 days = Thu 2017-01-05.
    expect(applicationDeadline({ urDecisionDate: '2016-12-01', urServiceMethod: 'mail' }).due).toBe('2017-01-05');
    expect(applicationDeadline({ urDecisionDate: '2016-12-01', urServiceDate: '2016-12-05', urServiceMethod: 'personal' }).due).toBe('2017-01-04');
  });
  it('records: 15 days by mail, 12 electronically, next day expedited', () => {
    // 2017-03-03 (Fri) + 15 = Sat 03-18 → Mon 03-20; + 12 = Wed 03-15.
    expect(recordsDeadline('2017-03-03', { expedited: false, electronic: false }).due).toBe('2017-03-20');
    expect(recordsDeadline('2017-03-03', { expedited: false, electronic: true }).due).toBe('2017-03-15');
    expect(recordsDeadline('2017-03-03', { expedited: true, electronic: true }).due).toBe('2017-03-04');
  });
  it('decision: 30 calendar days, 3 expedited, 5 working days for formulary disputes', () => {
    expect(decisionDeadline('2016-12-06', { expedited: false, formulary: false }).due).toBe('2017-01-05');
    expect(decisionDeadline('2016-12-06', { expedited: true, formulary: false }).due).toBe('2016-12-09');
    // Thu 2016-12-22: Fri 23, Tue 27 (Mon 26 is Christmas observed), Wed 28, Thu 29, Fri 30.
    expect(decisionDeadline('2016-12-22', { expedited: false, formulary: true })).toMatchObject({ due: '2016-12-30', working: true });
  });
  it('flags at-risk within 20% of the window or 2 days, and overdue after', () => {
    const d = decisionDeadline('2017-01-01', { expedited: false, formulary: false }); // due 01-31
    expect(statusOf(d, '2017-01-20', null).status).toBe('ok');
    expect(statusOf(d, '2017-01-25', null).status).toBe('at-risk');
    expect(statusOf(d, '2017-01-31', null)).toMatchObject({ status: 'at-risk', daysLeft: 0 });
    expect(statusOf(d, '2017-02-01', null)).toMatchObject({ status: 'overdue', daysLeft: -1 });
    expect(statusOf(d, '2017-02-10', '2017-01-30').status).toBe('met');
    expect(statusOf(d, '2017-02-10', '2017-02-02').status).toBe('late');
    const e = decisionDeadline('2017-01-01', { expedited: true, formulary: false }); // 3-day window: 2 days is the floor
    expect(statusOf(e, '2017-01-01', null).status).toBe('ok');
    expect(statusOf(e, '2017-01-02', null).status).toBe('at-risk');
  });
});
