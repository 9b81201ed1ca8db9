/**
 * The statutory time limits of an IMR case.
 *
 * - Application: within 30 days of service of the written UR decision
 *   (Lab. Code §4610.5(h)(1); 8 CCR §9792.10.1(b)(1)). When the decision was
 *   served by mail the period is 5 days longer (Code Civ. Proc. §1013(a),
 *   applied to IMR through Lab. Code §5316 — Matute v. LAUSD (2015) en banc;
 *   Avila v. UC Irvine Medical Center (2015)). A last day on a weekend or
 *   holiday moves to the next working day (Code Civ. Proc. §§12a, 12b).
 * - Records: the IMR organisation must receive the claims administrator's
 *   documents within 15 days of mailing the assignment notice, 12 days if it
 *   was sent electronically, 24 hours for expedited review
 *   (8 CCR §9792.10.5(a)(1); Lab. Code §4610.5(l)). Same roll-forward rule.
 * - Determination: within 30 days of receipt of the request and supporting
 *   documentation for standard review, 3 days for expedited review
 *   (Lab. Code §4610.6(d); 8 CCR §9792.10.6), and 5 working days for a
 *   dispute over a drug under the MTUS drug formulary (Lab. Code
 *   §4610.6(d)(1)(A)). These are the organisation's own limits and are not
 *   rolled forward: a case is due on the day the count ends.
 *
 * A deadline is at risk when no more than 20% of its window, or 2 days,
 * whichever is more, is left; overdue once its day has passed unmet.
 */
import { addDays, daysBetween, type ImrCase } from '../../domain/index.js';
import { addWorkingDays, nextWorkingDay } from './calendar.js';

export type DeadlineKind = 'application' | 'records' | 'decision';
export type DeadlineStatus = 'met' | 'late' | 'ok' | 'at-risk' | 'overdue';

export interface Deadline {
  kind: DeadlineKind;
  /** Day the period starts from (not counted). */
  from: string;
  /** Last day to act. */
  due: string;
  /** Length of the window in days (calendar days, or working days for `working`). */
  days: number;
  working: boolean;
  /** The rule in words, with its legal source. */
  rule: string;
}

export interface DeadlineWithStatus extends Deadline {
  status: DeadlineStatus;
  /** Days left until `due` (negative when past). */
  daysLeft: number;
  /** When the act happened, if it has. */
  metOn: string | null;
}

/** Extra days when the UR decision was served by mail (CCP §1013(a)). */
export const MAIL_EXTENSION_DAYS = 5;

/** Last day to file the IMR application. */
export function applicationDeadline(app: { urDecisionDate: string; urServiceDate?: string | null; urServiceMethod: 'mail' | 'electronic' | 'personal' }): Deadline {
  const from = app.urServiceDate ?? app.urDecisionDate;
  const days = 30 + (app.urServiceMethod === 'mail' ? MAIL_EXTENSION_DAYS : 0);
  return {
    kind: 'application',
    from,
    due: nextWorkingDay(addDays(from, days)),
    days,
    working: false,
    rule: `30 days from service of the UR decision${app.urServiceMethod === 'mail' ? ' + 5 for service by mail (CCP §1013(a))' : ''} (Lab. Code §4610.5(h)(1); 8 CCR §9792.10.1(b)(1))`,
  };
}

/** Day the claims administrator's records are due. */
export function recordsDeadline(requestedOn: string, opts: { expedited: boolean; electronic: boolean }): Deadline {
  if (opts.expedited) {
    // 24 hours from notice: counted in whole days, the next calendar day.
    return { kind: 'records', from: requestedOn, due: addDays(requestedOn, 1), days: 1, working: false, rule: '24 hours from notice, expedited (8 CCR §9792.10.5(a)(1))' };
  }
  const days = opts.electronic ? 12 : 15;
  return {
    kind: 'records',
    from: requestedOn,
    due: nextWorkingDay(addDays(requestedOn, days)),
    days,
    working: false,
    rule: `${days} days from ${opts.electronic ? 'electronic notice' : 'mailing of the notice'} (8 CCR §9792.10.5(a)(1))`,
  };
}

/** Day the final determination is due, counted from receipt of the records. */
export function decisionDeadline(recordsReceivedOn: string, opts: { expedited: boolean; formulary: boolean }): Deadline {
  if (opts.formulary && !opts.expedited) {
    return { kind: 'decision', from: recordsReceivedOn, due: addWorkingDays(recordsReceivedOn, 5), days: 5, working: true, rule: '5 working days, drug formulary dispute (Lab. Code §4610.6(d)(1)(A))' };
  }
  const days = opts.expedited ? 3 : 30;
  return {
    kind: 'decision',
    from: recordsReceivedOn,
    due: addDays(recordsReceivedOn, days),
    days,
    working: false,
    rule: `${days} days from receipt of the records, ${opts.expedited ? 'expedited' : 'standard'} (Lab. Code §4610.6(d); 8 CCR §9792.10.6)`,
  };
}

/** Status of a deadline on `today`, given when (if ever) it was met. */
export function statusOf(d: Deadline, today: string, metOn: string | null): DeadlineWithStatus {
  const daysLeft = daysBetween(today, d.due);
  let status: DeadlineStatus;
  if (metOn) status = metOn <= d.due ? 'met' : 'late';
  else if (daysLeft < 0) status = 'overdue';
  else {
    const window = Math.max(1, daysBetween(d.from, d.due));
    status = daysLeft <= Math.max(2, Math.ceil(window * 0.2)) ? 'at-risk' : 'ok';
  }
  return { ...d, status, daysLeft, metOn };
}

/** Every deadline the case has reached so far, with its status on `today`. */
export function caseDeadlines(c: ImrCase, today: string): DeadlineWithStatus[] {
  const out: DeadlineWithStatus[] = [statusOf(applicationDeadline(c.application), today, c.application.receivedDate)];
  const expedited = c.priority === 'expedited';
  if (c.records) {
    out.push(statusOf(recordsDeadline(c.records.requestedOn, { expedited, electronic: c.records.notifiedElectronically }), today, c.records.receivedOn));
    if (c.records.receivedOn && c.state !== 'terminated') {
      out.push(statusOf(decisionDeadline(c.records.receivedOn, { expedited, formulary: c.application.formularyDispute }), today, c.decidedOn));
    }
  }
  return out;
}

/** The case's most urgent open deadline flag: 'overdue', 'at-risk', or null when none is. */
export function urgency(c: ImrCase, today: string): 'overdue' | 'at-risk' | null {
  const open = caseDeadlines(c, today).filter((d) => d.kind !== 'application');
  if (open.some((d) => d.status === 'overdue')) return 'overdue';
  if (open.some((d) => d.status === 'at-risk')) return 'at-risk';
  return null;
}
