/**
 * What `imr demo` adds so that the web UI has something to show: demo users
 * (one per role, with a known password), a small reviewer registry, and IMR
 * cases made from the sample letters' clinical content at every stage of
 * the lifecycle, dated so that some are at risk or overdue today. Only the
 * demo does this: `imr serve` creates no user but the first admin.
 */
import { assessCase, disputedItemsOf } from '../../engine/index.js';
import { ImrError, type Determination, type NewCaseInput, type ReviewerInput, type Role } from '../../domain/index.js';
import type { Store } from '../../store/index.js';
import { CaseService } from '../../workflow/cases/index.js';
import { fixedClock, systemClock, today } from '../../workflow/deadlines/index.js';
import { UserService } from '../../workflow/accounts/index.js';

/** Every demo account's password: the demo serves on loopback only, on its own database. It passes the password policy like any other. */
export const DEMO_PASSWORD = 'demo-sandbox-orchid';

/** Where `imr demo` keeps its data by default: never the server's `./openimr.db`. */
export const DEMO_DB = './openimr-demo.db';

/** Thrown when the demo is asked to seed a database that holds real accounts. */
export class NotADemoDatabaseError extends ImrError {
  constructor(message: string) {
    super('NOT_A_DEMO_DATABASE', message);
  }
}

export const DEMO_USERS: { username: string; displayName: string; role: Role; reviewerId?: string }[] = [
  { username: 'admin', displayName: 'Demo Administrator', role: 'admin' },
  { username: 'coordinator', displayName: 'Cora Coordinator', role: 'coordinator' },
  { username: 'reviewer', displayName: 'Dr. Beatrice Free', role: 'reviewer', reviewerId: 'R-101' },
  { username: 'reviewer2', displayName: 'Dr. Dana Spine', role: 'reviewer', reviewerId: 'R-102' },
  { username: 'analyst', displayName: 'Ana Analyst', role: 'analyst' },
];

const REVIEWERS: ReviewerInput[] = [
  { id: 'R-101', name: 'Dr. Beatrice Free', boardCertifications: ['Physical Medicine and Rehabilitation'], subspecialties: ['Pain Medicine'], licensureStates: ['CA', 'AZ'], yearsInPractice: 12, hoursPerWeek: 32 },
  { id: 'R-102', name: 'Dr. Dana Spine', boardCertifications: ['Orthopedic Surgery'], licensureStates: ['CA'], yearsInPractice: 15, hoursPerWeek: 40 },
  {
    id: 'R-103',
    name: 'Dr. Alan Tied',
    boardCertifications: ['Preventive Medicine'],
    subspecialties: ['Occupational Medicine'],
    licensureStates: ['CA'],
    yearsInPractice: 20,
    hoursPerWeek: 40,
    ties: [{ kind: 'employer', name: 'Sunrise Packaging Company', nature: 'medical director until 2015' }],
  },
  { id: 'R-104', name: 'Dr. Carl Parttime', boardCertifications: ['Orthopedic Surgery'], licensureStates: ['CA'], yearsInPractice: 30, hoursPerWeek: 6 },
  { id: 'R-105', name: 'Dr. Nina Outofstate', boardCertifications: ['Family Medicine'], licensureStates: ['NV'], yearsInPractice: 9, hoursPerWeek: 36 },
];

/** Fictional parties (the published letters carry none). */
const PARTIES = [
  ['Maria Lopez', 'Sunrise Packaging Company', 'Golden State Claims Services, LLC', 'Dr. Robert Whitfield'],
  ['James Carter', 'Bayview Logistics Inc.', 'Pacific Coast Claims Administrators', 'Dr. Helen Park'],
  ['Linh Nguyen', 'Central Valley Growers Co-op', 'State Compensation Insurance Fund', 'Dr. Omar Haddad'],
  ['Robert Diaz', 'Harbor City Transit', 'Western Risk Management', 'Dr. Susan Miller'],
  ['Angela Brooks', 'Sierra Home Health', 'Golden State Claims Services, LLC', 'Dr. Ravi Patel'],
  ['Tomas Reyes', 'Redwood Construction Group', 'Pacific Coast Claims Administrators', 'Dr. Karen Liu'],
  ['Denise Walker', 'Sunrise Packaging Company', 'State Compensation Insurance Fund', 'Dr. Paul Young'],
  ['Kevin O’Brien', 'Mission Hospitality Group', 'Western Risk Management', 'Dr. Elena Garcia'],
] as const;

/** The stage each demo case is left at, and how many days ago its steps happened. */
interface Plan {
  letter: string;
  stage: 'received' | 'records-requested' | 'records-received' | 'in-review' | 'decided' | 'issued';
  /** Days before today the application came in; records are received `recordsAfter` days later. */
  receivedAgo: number;
  recordsAfter?: number;
  reviewer?: string;
  priority?: 'standard' | 'expedited';
}

const PLANS: Plan[] = [
  { letter: 'CM16-0230548', stage: 'in-review', receivedAgo: 40, recordsAfter: 12, reviewer: 'R-101' },
  { letter: 'CM16-0213037', stage: 'in-review', receivedAgo: 48, recordsAfter: 14, reviewer: 'R-101' },
  { letter: 'CM16-0224814', stage: 'in-review', receivedAgo: 14, recordsAfter: 6, reviewer: 'R-101' },
  { letter: 'CM16-0231745', stage: 'in-review', receivedAgo: 20, recordsAfter: 10, reviewer: 'R-102' },
  { letter: 'CM16-0232543', stage: 'decided', receivedAgo: 30, recordsAfter: 8, reviewer: 'R-101' },
  { letter: 'CM16-0234202', stage: 'issued', receivedAgo: 45, recordsAfter: 9, reviewer: 'R-101' },
  { letter: 'CM16-0235869', stage: 'records-received', receivedAgo: 16, recordsAfter: 11 },
  { letter: 'CM16-0236380', stage: 'records-requested', receivedAgo: 13 },
  { letter: 'CM16-0237163', stage: 'received', receivedAgo: 1 },
];

function daysBefore(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

function caseFrom(det: Determination, parties: (typeof PARTIES)[number], receivedDate: string, priority: 'standard' | 'expedited'): NewCaseInput {
  const [worker, employer, administrator, physician] = parties;
  return {
    priority,
    parties: {
      worker: { name: worker, dateOfBirth: '1961-04-02', address: '100 Main Street, Fresno, CA 93721' },
      employer: { name: employer },
      claimsAdministrator: { name: administrator, claimNumber: `CLM-${det.caseNumber?.slice(-7) ?? '0000000'}` },
      providers: [{ name: physician, role: 'requesting physician' }],
    },
    application: { receivedDate, urDecisionDate: daysBefore(receivedDate, 9), urServiceMethod: 'mail', signed: true, urDecisionAttached: true, formularyDispute: false },
    file: {
      patient: det.patient,
      injuryDates: det.dates.injury,
      urDenialDate: daysBefore(receivedDate, 9),
      // The records are a real letter's, of its day: the treatment was requested then, and is judged
      // under the guidelines of that day (dated today, every request would be one the knowledge base
      // holds no edition for, and be flagged so). The workflow's own dates stay today's.
      requestDate: det.dates.urDenial ?? det.dates.applicationReceived ?? null,
      clinicalSummary: det.clinicalSummary,
      items: disputedItemsOf(det),
    },
  };
}

/** What the seeding did, for the demo to print. */
export interface SeedReport {
  usersAdded: string[];
  reviewersAdded: number;
  casesAdded: number;
}

/**
 * Adds the demo users and reviewers that are missing, and the demo cases
 * when the store has no case yet (so a second run changes nothing).
 * Letters the plan names that the corpus lacks are skipped.
 */
export async function seedDemo(store: Store, options: { now?: Date } = {}): Promise<SeedReport> {
  const clock = options.now ? fixedClock(options.now.toISOString()) : systemClock;
  const users = new UserService(store, { clock });
  const report: SeedReport = { usersAdded: [], reviewersAdded: 0, casesAdded: 0 };
  // Accounts with a published password belong in a demo database only: one with other accounts is a real one.
  const demoNames = new Set(DEMO_USERS.map((u) => u.username));
  const others = (await store.users.list()).filter((u) => !demoNames.has(u.username)).map((u) => u.username);
  if (others.length) throw new NotADemoDatabaseError(`this database has accounts of its own (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', ...' : ''}): the demo adds its users, whose password is published, only to a demo database (default ${DEMO_DB})`);
  const setup = new CaseService(store, { clock, assessor: assessCase });
  for (const r of REVIEWERS) {
    if (await store.reviewers.get(r.id)) continue;
    await setup.addReviewer(r, 'demo');
    report.reviewersAdded++;
  }
  for (const u of DEMO_USERS) {
    if (await store.users.getByUsername(u.username)) continue;
    await users.add({ ...u, password: DEMO_PASSWORD, mustChangePassword: false }, 'demo');
    report.usersAdded.push(u.username);
  }
  if ((await store.cases.count()) > 0) return report;

  const now = today(clock);
  for (const [n, plan] of PLANS.entries()) {
    const stored = await store.determinations.getDetermination(plan.letter);
    if (!stored) continue;
    const received = daysBefore(now, plan.receivedAgo);
    // Each step is taken as of the day it happened, so the statutory deadlines run from then.
    const on = (day: string) => new CaseService(store, { clock: fixedClock(day), assessor: assessCase });
    let c = await on(received).open(caseFrom(stored.determination, PARTIES[n % PARTIES.length]!, received, plan.priority ?? 'standard'), 'coordinator');
    const ref = String(c.id);
    if (plan.stage !== 'received') {
      c = await on(received).checkEligibility(ref, 'coordinator');
      c = await on(received).assignCaseNumber(ref, 'coordinator');
      c = await on(received).requestRecords(ref, 'coordinator', { electronic: true });
    }
    const recordsOn = daysBefore(now, plan.receivedAgo - (plan.recordsAfter ?? 0));
    if (['records-received', 'in-review', 'decided', 'issued'].includes(plan.stage)) {
      const note = { title: 'PR-2 progress report', date: daysBefore(recordsOn, 3), text: `Progress report for the requested treatment. ${stored.determination.items.map((i) => `Requested: ${i.request}.`).join(' ')}` };
      c = await on(recordsOn).receiveRecords(ref, 'coordinator', [note]);
    }
    if (plan.reviewer) c = (await on(recordsOn).assignReviewer(ref, 'coordinator', plan.reviewer)).case;
    if (plan.stage === 'decided' || plan.stage === 'issued') {
      const reviewer = DEMO_USERS.find((u) => u.reviewerId === plan.reviewer)?.username ?? 'reviewer';
      const draft = assessCase(c.file);
      const decisions = draft.items.map((i) => ({ index: i.index, decision: i.decision ?? 'upheld', guidelines: i.guideline ? [i.guideline] : [], rationale: i.rationale }));
      c = await on(daysBefore(now, 2)).decide(ref, reviewer, decisions);
    }
    if (plan.stage === 'issued') await on(daysBefore(now, 1)).issue(ref, 'coordinator');
    report.casesAdded++;
  }
  return report;
}
