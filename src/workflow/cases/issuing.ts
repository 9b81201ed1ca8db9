/**
 * Building the final determination of a decided case, and its published
 * (redacted) version. The determination is the same domain type the letter
 * parser produces, so the renderer and the corpus handle issued letters and
 * published ones alike.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, Determination, issuesFrom, ValidationError, type ImrCase, type Reviewer } from '../../domain/index.js';
import { normalizeTreatment } from '../../clinical/treatments/index.js';
import { parsePatient } from '../../letters/patient.js';
import { redactDetermination, type KnownParties, type Redaction } from '../../letters/deid/redact.js';

/** Everything of the case's parties that must not be published. */
export function knownParties(c: ImrCase): KnownParties {
  const p = c.parties;
  const providers = p.providers.map((x) => x.name);
  const compact = <T>(xs: (T | null | undefined)[]) => xs.filter((x): x is T => x !== null && x !== undefined && x !== '');
  return {
    worker: [p.worker.name],
    providers,
    employers: [p.employer.name],
    claimsAdministrators: [p.claimsAdministrator.name],
    addresses: compact([p.worker.address, p.employer.address, p.claimsAdministrator.address, ...p.providers.map((x) => x.address)]),
    claimNumbers: compact([p.claimsAdministrator.claimNumber]),
    phones: compact([p.worker.phone, p.employer.phone, p.claimsAdministrator.phone, ...p.providers.map((x) => x.phone)]),
    datesOfBirth: compact([p.worker.dateOfBirth]),
  };
}

function sexWord(sex: 'male' | 'female'): string {
  return sex;
}

/**
 * The summary as published: when its own words do not give the worker's age
 * and sex as the case records them, an opening sentence states them, so the
 * letter carries the facts it is indexed by.
 */
function summaryWithPatient(c: ImrCase): string {
  const summary = c.file.clinicalSummary.trim();
  const { age, sex } = c.file.patient;
  const read = parsePatient(summary);
  if ((age === null || read.age === age) && (sex === null || read.sex === sex)) return summary;
  const who = [age !== null ? `${age} year old` : null, sex ? sexWord(sex) : null].filter(Boolean).join(' ');
  return `The injured worker is a ${who || 'person'}. ${summary}`;
}

/** The final determination of a decided case, validated. */
export function buildDetermination(c: ImrCase, reviewer: Reviewer, version: number): Determination {
  const decisions = new Map(c.decisions.map((d) => [d.index, d]));
  const candidate = {
    source: `${c.caseNumber ?? `case-${c.id}`} v${version}`,
    contentHash: '',
    layout: 'pdf-text' as const,
    caseNumber: c.caseNumber,
    priority: c.priority,
    dates: {
      assigned: c.assignedOn,
      decision: c.decidedOn,
      urDenial: c.application.urDecisionDate,
      applicationReceived: c.application.receivedDate,
      injury: c.file.injuryDates,
    },
    reviewer: { boardCertifications: reviewer.boardCertifications, subspecialties: reviewer.subspecialties, licensureStates: reviewer.licensureStates },
    patient: { age: c.file.patient.age, sex: c.file.patient.sex },
    clinicalSummary: summaryWithPatient(c),
    // A correction says so on its letter, and which version it replaces.
    ...(version > 1 ? { correction: { version, replaces: version - 1 } } : {}),
    items: c.file.items.map((item) => {
      const d = decisions.get(item.index);
      if (!d) throw new ValidationError(`item ${item.index} has no decision`, [{ path: ['items', item.index, 'decision'], message: 'not decided' }]);
      return {
        index: item.index,
        request: item.request,
        originalRequest: item.originalRequest ?? null,
        authorizedPortion: item.authorizedPortion ?? null,
        decision: d.decision,
        medicallyNecessary: d.decision === 'overturned',
        treatment: item.treatment ?? normalizeTreatment(item.request),
        claimsAdministratorGuidelines: item.claimsAdministratorGuidelines,
        imrGuidelines: d.guidelines,
        rationale: d.rationale,
      };
    }),
  };
  candidate.contentHash = createHash('sha256').update(canonicalJson({ ...candidate, contentHash: '' })).digest('hex');
  const parsed = Determination.safeParse(candidate);
  if (!parsed.success) {
    const issues = issuesFrom(parsed.error);
    throw new ValidationError('the case does not make a valid determination', issues);
  }
  return parsed.data;
}

/** The determination and its redacted, publishable version with the report of what was removed. */
export function prepareIssue(c: ImrCase, reviewer: Reviewer, version: number): { determination: Determination; published: Determination; report: Redaction[] } {
  const determination = buildDetermination(c, reviewer, version);
  const { determination: published, report } = redactDetermination(determination, knownParties(c));
  return { determination, published, report };
}

/**
 * Identity of a published letter: sha256 of its canonical JSON. A preview
 * carries it, and issuing with it publishes only if the letter is still
 * exactly what was shown.
 */
export function publishedHash(published: Determination): string {
  return createHash('sha256').update(canonicalJson(published)).digest('hex');
}

/** What issuing would publish, shown before it is: the redacted letter and every removal, by field and offset. */
export interface IssuePreview {
  caseId: number;
  caseNumber: string | null;
  /** The version issuing would create. */
  version: number;
  /** The determination as it would be published. */
  published: Determination;
  /** The determination as decided, unredacted, so the removals can be shown in place (for the coordinator only). */
  determination: Determination;
  /** Each removal: field path, offsets in the unredacted field, category, what was removed and what replaces it. */
  removals: Redaction[];
  /** Give this back to issue: publishing refuses a letter that differs from the preview. */
  previewHash: string;
}
