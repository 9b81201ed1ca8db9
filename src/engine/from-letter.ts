import type { CaseFile, Determination } from '../domain/index.js';

/**
 * The case file a reviewer had for a decided letter: patient, injury and UR
 * dates, the clinical summary, and each item's request, treatment, original
 * request, authorised portion and the claims administrator's citations.
 * Never the decision, the rationale or the IMR reviewer's citations, so an
 * engine given the result decides as blind as the reviewer started.
 */
export function caseFileFromDetermination(d: Determination): CaseFile {
  return {
    caseNumber: d.caseNumber,
    priority: d.priority,
    patient: { age: d.patient.age !== null && d.patient.age >= 0 && d.patient.age <= 120 ? d.patient.age : null, sex: d.patient.sex },
    injuryDates: d.dates.injury,
    requestDate: null,
    urDenialDate: d.dates.urDenial,
    clinicalSummary: d.clinicalSummary,
    documents: [],
    facts: {},
    items: disputedItemsOf(d).map((i) => ({ ...i, urRationale: null })),
  };
}

/**
 * The disputed items of a decided letter as a case file lists them: what was
 * requested and what UR did with it, never the IMR decision.
 */
export function disputedItemsOf(d: Determination) {
  return d.items.map((i) => ({
    index: i.index,
    request: i.request,
    treatment: i.treatment,
    urAction: i.authorizedPortion ? ('modified' as const) : ('non-certified' as const),
    authorizedPortion: i.authorizedPortion ?? null,
    originalRequest: i.originalRequest ?? null,
    claimsAdministratorGuidelines: i.claimsAdministratorGuidelines,
  }));
}
