import { z } from 'zod';
import { CaseFile } from './case-file.js';
import { Decision, Determination, IsoDate, Priority, Sex } from '../determination.js';
import { GuidelineCitation } from '../guideline-citation.js';

/**
 * Where a case is in its life. The allowed moves between these are the
 * transition table in workflow/lifecycle.ts.
 */
export const CaseState = z.enum([
  'received',
  'eligible',
  'ineligible',
  'assigned',
  'records-requested',
  'records-received',
  'in-review',
  'decided',
  'issued',
  'terminated',
]);
export type CaseState = z.infer<typeof CaseState>;

/** A person party; only the name is required. Everything here is redacted from the published letter. */
export const PersonParty = z.object({
  name: z.string().min(1),
  dateOfBirth: IsoDate.nullable().optional(),
  address: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
});
export type PersonParty = z.infer<typeof PersonParty>;

export const OrganisationParty = z.object({
  name: z.string().min(1),
  address: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
});
export type OrganisationParty = z.infer<typeof OrganisationParty>;

/** The parties to the dispute: a reviewer tied to any of them may not review the case. */
export const CaseParties = z.object({
  worker: PersonParty,
  employer: OrganisationParty,
  claimsAdministrator: OrganisationParty.extend({ claimNumber: z.string().nullable().optional() }),
  /** Requesting physician first, then other treating providers and facilities. */
  providers: z.array(OrganisationParty.extend({ role: z.string().optional() })).default([]),
});
export type CaseParties = z.infer<typeof CaseParties>;

/** How the UR decision was served on the worker; service by mail extends the filing window (see workflow/deadlines.ts). */
export const ServiceMethod = z.enum(['mail', 'electronic', 'personal']);
export type ServiceMethod = z.infer<typeof ServiceMethod>;

/** The facts of the Application for Independent Medical Review (DWC Form IMR) that eligibility is decided on. */
export const Application = z.object({
  receivedDate: IsoDate,
  /** Date of the written UR decision. */
  urDecisionDate: IsoDate,
  /** Date the UR decision was served; the UR decision date when not stated. */
  urServiceDate: IsoDate.nullable().optional(),
  urServiceMethod: ServiceMethod.default('mail'),
  signed: z.boolean(),
  urDecisionAttached: z.boolean(),
  /** A dispute over a drug under the MTUS drug formulary: a 5-working-day review. */
  formularyDispute: z.boolean().default(false),
});
export type Application = z.infer<typeof Application>;

export const Eligibility = z.object({
  eligible: z.boolean(),
  /** Why not, one reason each; empty when eligible. */
  reasons: z.array(z.string()),
  checkedOn: IsoDate,
});
export type Eligibility = z.infer<typeof Eligibility>;

/** The request to the claims administrator for the case records, and their receipt. */
export const RecordsStatus = z.object({
  requestedOn: IsoDate,
  /** Whether the assignment notice went out electronically (12 days instead of 15). */
  notifiedElectronically: z.boolean(),
  receivedOn: IsoDate.nullable(),
});
export type RecordsStatus = z.infer<typeof RecordsStatus>;

/** The reviewer's decision on one disputed item. */
export const ItemDecision = z.object({
  index: z.number().int().positive(),
  decision: Decision,
  guidelines: z.array(GuidelineCitation),
  rationale: z.string().trim().min(1, 'a decision needs a rationale'),
  /** What the engine drafted, when a draft was shown. */
  engineDecision: Decision.nullable().optional(),
  /** Required when the decision differs from the engine's draft. */
  overrideReason: z.string().nullable().optional(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type ItemDecision = z.infer<typeof ItemDecision>;

/**
 * A correction of an issued determination's decisions or rationales, asked
 * of the assigned reviewer by the coordinator (the note says what is wrong),
 * then made by the reviewer, then previewed and issued by the coordinator.
 * Open on the case from the request until it is issued or cancelled.
 */
export const CorrectionRequest = z.object({
  requestedBy: z.string().min(1),
  requestedAt: z.string().min(1),
  /** What the coordinator asks the reviewer to correct. */
  note: z.string().trim().min(1),
  /** The reviewer's corrected decisions (the items corrected only) and their reason; null until made. */
  made: z
    .object({
      decisions: z.array(ItemDecision).min(1),
      reason: z.string().trim().min(1),
      by: z.string().min(1),
      at: z.string().min(1),
    })
    .nullable(),
});
export type CorrectionRequest = z.infer<typeof CorrectionRequest>;

/** A case as stored: lifecycle state, parties, application, clinical case file and decisions. */
export const ImrCase = z.object({
  id: z.number().int().positive(),
  caseNumber: z.string().nullable(),
  state: CaseState,
  /** Incremented on every write; updates name the version they read (optimistic locking). */
  version: z.number().int().positive(),
  priority: Priority,
  parties: CaseParties,
  application: Application,
  eligibility: Eligibility.nullable(),
  /** Date the case number was assigned (the letter's "Date Assigned"). */
  assignedOn: IsoDate.nullable(),
  records: RecordsStatus.nullable(),
  reviewerId: z.string().nullable(),
  file: CaseFile,
  decisions: z.array(ItemDecision),
  /** Date of the final determination (the letter's "Decision Date"). */
  decidedOn: IsoDate.nullable(),
  /** Version of the latest issued determination, 0 before the first. */
  issuedVersion: z.number().int().min(0),
  /** A correction asked of the reviewer and not yet issued (absent on cases stored before corrections could be asked). */
  correction: CorrectionRequest.nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImrCase = z.infer<typeof ImrCase>;

/** What opens a case: the application, the parties and the case file. */
export const NewCase = z.object({
  priority: Priority.default('standard'),
  parties: CaseParties,
  application: Application,
  file: CaseFile,
});
export type NewCase = z.infer<typeof NewCase>;
export type NewCaseInput = z.input<typeof NewCase>;

/** One issued version of a case's final determination; never changed once stored. */
export interface IssuedDetermination {
  caseId: number;
  version: number;
  /** The determination as decided (names in the case text left in). */
  determination: Determination;
  /** The redacted determination the published letter is rendered from. */
  published: Determination;
  issuedAt: string;
  issuedBy: string;
  /** Why this version replaced the one before (corrections); null for the first. */
  reason: string | null;
  /**
   * Set when the published version was withdrawn (a leak found after issue,
   * or a correction replacing it): the public no longer gets it. The
   * determination itself stays as issued.
   */
  withdrawn?: Withdrawal | null;
}

/** Who withdrew a published version, when and why. */
export const Withdrawal = z.object({ at: z.string().min(1), by: z.string().min(1), reason: z.string().min(1) });
export type Withdrawal = z.infer<typeof Withdrawal>;

/**
 * What a coordinator may correct on an issued determination without the
 * reviewer: the case's clerical facts (the parties' names, addresses,
 * phones, dates of birth and claim number, which the redaction removes by;
 * the letter's dates; the worker's age and sex; a typo in a request).
 * Decisions, rationales, citations and the clinical summary are the
 * reviewer's, so they have no place here. Each field given replaces the case's.
 */
export const ClericalCorrection = z
  .object({
    /** The parties as they should be; providers left out are kept as the case has them (so that none drops out of the redaction unseen). */
    parties: CaseParties.extend({ providers: CaseParties.shape.providers.unwrap().optional() }).optional(),
    applicationReceived: IsoDate.optional(),
    urDecisionDate: IsoDate.optional(),
    /** The letter's "Date Assigned". */
    assignedOn: IsoDate.optional(),
    /** The letter's "Decision Date" as the determination was made (it is not moved by a clerical correction). */
    decisionDate: IsoDate.optional(),
    injuryDates: z.array(IsoDate).max(20).optional(),
    patient: z.object({ age: z.number().int().min(0).max(120).nullable(), sex: Sex.nullable() }).partial().optional(),
    /** A typo in a disputed item's request as written ("Acupunture"): a few characters at most, never another request. */
    requests: z
      .array(z.object({ index: z.number().int().positive(), request: z.string().trim().min(1).max(2000) }).strict())
      .max(200)
      .optional(),
  })
  .strict();
export type ClericalCorrection = z.infer<typeof ClericalCorrection>;

