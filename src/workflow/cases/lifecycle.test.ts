import { describe, expect, it } from 'vitest';
import { CaseState, TransitionError } from '../../domain/index.js';
import { checkEligibility } from './eligibility.js';
import { actionsFrom, assertCanTake, assertTransition, TRANSITIONS } from './lifecycle.js';

describe('case lifecycle table', () => {
  it('walks the happy path', () => {
    const path: [CaseState, Parameters<typeof assertTransition>[1], CaseState][] = [
      ['received', 'check-eligibility', 'eligible'],
      ['eligible', 'assign-case-number', 'assigned'],
      ['assigned', 'request-records', 'records-requested'],
      ['records-requested', 'receive-records', 'records-received'],
      ['records-received', 'assign-reviewer', 'in-review'],
      ['in-review', 'decide', 'decided'],
      ['decided', 'issue', 'issued'],
      ['issued', 'correct', 'issued'],
    ];
    for (const [from, action, to] of path) expect(() => assertTransition(from, action, to)).not.toThrow();
  });
  it('refuses illegal moves with the states that would allow them', () => {
    expect(() => assertCanTake('received', 'issue')).toThrow(TransitionError);
    expect(() => assertCanTake('records-requested', 'decide')).toThrow('cannot decide a case that is records-requested; allowed only when in-review');
    expect(() => assertCanTake('ineligible', 'assign-case-number')).toThrow(TransitionError);
    expect(() => assertTransition('received', 'check-eligibility', 'issued')).toThrow(TransitionError);
  });
  it('has no action out of an ineligible or terminated case', () => {
    expect(actionsFrom('ineligible')).toEqual([]);
    expect(actionsFrom('terminated')).toEqual([]);
    for (const t of Object.values(TRANSITIONS)) for (const s of [...t.from, ...t.to]) expect(CaseState.options).toContain(s);
  });
});

describe('eligibility', () => {
  const file = {
    patient: { age: 60, sex: 'male' as const },
    injuryDates: [],
    clinicalSummary: 'x',
    documents: [],
    facts: {},
    items: [{ index: 1, request: 'MRI of the neck', urAction: 'non-certified' as const, claimsAdministratorGuidelines: [] }],
  };
  const app = { receivedDate: '2016-12-20', urDecisionDate: '2016-12-01', urServiceMethod: 'mail' as const, signed: true, urDecisionAttached: true, formularyDispute: false };
  it('accepts a timely, signed, complete application about a non-certified item', () => {
    expect(checkEligibility(app, file, '2016-12-21')).toEqual({ eligible: true, reasons: [], checkedOn: '2016-12-21' });
  });
  it('lists every reason an application fails', () => {
    const r = checkEligibility(
      { ...app, receivedDate: '2017-01-10', signed: false, urDecisionAttached: false },
      { ...file, items: [{ ...file.items[0]!, urAction: null }] },
      '2017-01-10',
    );
    expect(r.eligible).toBe(false);
    expect(r.reasons).toHaveLength(4);
    expect(r.reasons[0]).toContain('filed late: received 2017-01-10, the last day was 2017-01-05');
    expect(r.reasons.join(' ')).toMatch(/not signed.*UR decision is attached.*not non-certified or modified/);
  });
});
