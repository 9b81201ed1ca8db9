/**
 * Eligibility of an application for IMR (8 CCR §9792.10.3(a): timeliness and
 * completeness; §9792.10.1(b)(1): filed within the window on DWC Form IMR,
 * signed, with a copy of the written UR decision; §9792.10.3(a)'s disputed
 * treatment: one UR modified, delayed or denied).
 */
import type { Application, CaseFile, Eligibility } from '../../domain/index.js';
import { applicationDeadline } from '../deadlines/deadlines.js';

/** Checks every rule and lists every reason the application fails, not only the first. */
export function checkEligibility(app: Application, file: CaseFile, checkedOn: string): Eligibility {
  const reasons: string[] = [];
  const window = applicationDeadline(app);
  if (app.receivedDate < app.urDecisionDate) reasons.push(`application received ${app.receivedDate}, before the UR decision of ${app.urDecisionDate}`);
  if (app.receivedDate > window.due) reasons.push(`filed late: received ${app.receivedDate}, the last day was ${window.due} (${window.rule})`);
  if (!app.signed) reasons.push('the application is not signed');
  if (!app.urDecisionAttached) reasons.push('no copy of the written UR decision is attached');
  for (const item of file.items) {
    if (item.urAction !== 'non-certified' && item.urAction !== 'modified') {
      reasons.push(`item ${item.index} ("${item.request}") was not non-certified or modified by UR, so there is no dispute to review`);
    }
  }
  return { eligible: reasons.length === 0, reasons, checkedOn };
}
