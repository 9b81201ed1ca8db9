/**
 * Case material for workflow tests, made from a real letter: the clinical
 * summary, requests and UR citations of a published determination, with
 * synthetic parties (the published letters carry none) and reviewers.
 */
import type { Determination, NewCaseInput, ReviewerInput } from '../src/domain/index.js';
import { disputedItemsOf } from '../src/engine/index.js';

/** A new case carrying a real letter's clinical content, before any IMR decision. */
export function caseFromLetter(det: Determination, overrides: Partial<NewCaseInput['application']> = {}): NewCaseInput {
  return {
    priority: det.priority ?? 'standard',
    parties: {
      worker: { name: 'Mario Elias Gonzalez', dateOfBirth: '1956-03-14', address: '1234 Orchard Lane, Fresno, CA 93721', phone: '(559) 555-0142' },
      employer: { name: 'Sunrise Packaging Company', address: '88 Industrial Way, Fresno, CA 93725' },
      claimsAdministrator: { name: 'Golden State Claims Services, LLC', claimNumber: 'SCIF-05512877' },
      providers: [
        { name: 'Dr. Robert Whitfield', role: 'requesting physician' },
        { name: 'Valley Orthopedic Medical Group, Inc.', role: 'treating clinic' },
      ],
    },
    application: {
      receivedDate: det.dates.applicationReceived ?? '2016-12-05',
      urDecisionDate: det.dates.urDenial ?? '2016-12-01',
      urServiceMethod: 'mail',
      signed: true,
      urDecisionAttached: true,
      formularyDispute: false,
      ...overrides,
    },
    file: {
      patient: det.patient,
      injuryDates: det.dates.injury,
      urDenialDate: det.dates.urDenial,
      clinicalSummary: `${det.clinicalSummary} Mr. Gonzalez was seen by Dr. Whitfield at Valley Orthopedic Medical Group; claim number SCIF-05512877.`,
      items: disputedItemsOf(det),
    },
  };
}

/** Three reviewers: one tied to the fixture's employer, one in full practice, one part-time. */
export const REVIEWERS: ReviewerInput[] = [
  {
    id: 'R-001',
    name: 'Dr. Alan Tied',
    boardCertifications: ['Preventive Medicine', 'Occupational Medicine'],
    licensureStates: ['TX'],
    yearsInPractice: 20,
    hoursPerWeek: 40,
    ties: [{ kind: 'employer', name: 'Sunrise Packaging Co.', nature: 'medical director until 2015' }],
  },
  {
    id: 'R-002',
    name: 'Dr. Beatrice Free',
    boardCertifications: ['Physical Medicine and Rehabilitation'],
    subspecialties: ['Pain Medicine'],
    licensureStates: ['CA', 'AZ'],
    yearsInPractice: 12,
    hoursPerWeek: 32,
  },
  {
    id: 'R-003',
    name: 'Dr. Carl Parttime',
    boardCertifications: ['Orthopedic Surgery'],
    licensureStates: ['CA'],
    yearsInPractice: 30,
    hoursPerWeek: 10,
  },
];
