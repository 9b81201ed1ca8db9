/**
 * The case state machine as a table: for each action, the states it may be
 * taken from and the states it may lead to. Services consult it before any
 * write; an action outside the table is refused with TransitionError.
 */
import { TransitionError, type CaseState, type ImrCase } from '../../domain/index.js';

export type CaseAction =
  | 'open'
  | 'check-eligibility'
  | 'assign-case-number'
  | 'request-records'
  | 'receive-records'
  | 'assign-reviewer'
  | 'decide'
  | 'issue'
  | 'correct'
  | 'correct-clerical'
  | 'request-correction'
  | 'make-correction'
  | 'issue-correction'
  | 'cancel-correction'
  | 'terminate';

interface Transition {
  from: readonly CaseState[];
  to: readonly CaseState[];
}

/** Every allowed move. */
export const TRANSITIONS: Readonly<Record<CaseAction, Transition>> = {
  open: { from: [], to: ['received'] },
  'check-eligibility': { from: ['received'], to: ['eligible', 'ineligible'] },
  'assign-case-number': { from: ['eligible'], to: ['assigned'] },
  'request-records': { from: ['assigned'], to: ['records-requested'] },
  'receive-records': { from: ['records-requested'], to: ['records-received'] },
  // Re-assignment (a conflict found late, a reviewer unavailable) keeps the case in review.
  'assign-reviewer': { from: ['records-received', 'in-review'], to: ['in-review'] },
  // Decisions may be recorded item by item; the case is decided when every item is.
  decide: { from: ['in-review'], to: ['in-review', 'decided'] },
  issue: { from: ['decided'], to: ['issued'] },
  // A correction issues a new version of the determination; the case stays issued.
  correct: { from: ['issued'], to: ['issued'] },
  // The coordinator's corrections: clerical facts issued at once; decisions and rationales asked of the
  // reviewer, made by them, then issued by the coordinator. The case stays issued throughout.
  'correct-clerical': { from: ['issued'], to: ['issued'] },
  'request-correction': { from: ['issued'], to: ['issued'] },
  'make-correction': { from: ['issued'], to: ['issued'] },
  'issue-correction': { from: ['issued'], to: ['issued'] },
  'cancel-correction': { from: ['issued'], to: ['issued'] },
  // The claims administrator authorised the treatment (8 CCR §9792.10.6(a)).
  terminate: { from: ['received', 'eligible', 'assigned', 'records-requested', 'records-received', 'in-review', 'decided'], to: ['terminated'] },
};

/** Throws TransitionError unless `action` may be taken from `state`. */
export function assertCanTake(state: CaseState, action: CaseAction): void {
  const t = TRANSITIONS[action];
  if (!t.from.includes(state)) throw new TransitionError(state, action.replace(/-/g, ' '), t.from);
}

/** Throws unless `action` taken from `from` may lead to `to` (guards services against table drift). */
export function assertTransition(from: CaseState, action: CaseAction, to: CaseState): void {
  assertCanTake(from, action);
  if (!TRANSITIONS[action].to.includes(to)) throw new TransitionError(from, `${action.replace(/-/g, ' ')} into ${to}`, TRANSITIONS[action].from);
}

/** Actions that may be taken from `state`. */
export function actionsFrom(state: CaseState): CaseAction[] {
  return (Object.keys(TRANSITIONS) as CaseAction[]).filter((a) => TRANSITIONS[a].from.includes(state));
}

/**
 * Actions that may be taken on the case now: those of its state, narrowed
 * by where its correction is (one is asked at a time; the reviewer makes
 * only one that was asked, and answers an open request rather than
 * correcting on their own; only a made correction is issued).
 */
export function actionsOn(c: Pick<ImrCase, 'state' | 'correction'>): CaseAction[] {
  const open = c.correction ?? null;
  const made = open?.made ?? null;
  return actionsFrom(c.state).filter((a) => {
    switch (a) {
      case 'request-correction':
        return !open;
      case 'correct':
        return !open;
      case 'make-correction':
        return open !== null;
      case 'issue-correction':
        return made !== null;
      case 'cancel-correction':
        return open !== null;
      default:
        return true;
    }
  });
}
