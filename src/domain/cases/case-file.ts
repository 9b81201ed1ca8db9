import { z } from 'zod';
import { IsoDate, Priority, Sex } from '../determination.js';
import { GuidelineCitation } from '../guideline-citation.js';
import { Treatment } from '../treatment.js';

/** What utilization review did to a requested item before the worker asked for IMR. */
export const UrAction = z.enum(['non-certified', 'modified']);
export type UrAction = z.infer<typeof UrAction>;

/** One disputed item as the reviewer receives it: the request and what UR did, never an IMR decision. */
export const CaseFileItem = z.object({
  /** 1-based position in the case. */
  index: z.number().int().positive(),
  /** The item as requested ("Baclofen 10mg #90"). */
  request: z.string().min(1),
  /** Normalised treatment; derived from `request` when absent. */
  treatment: Treatment.optional(),
  urAction: UrAction.nullable().optional(),
  /** For a modification: what UR authorised ("Norco 10/325mg #25"). */
  authorizedPortion: z.string().nullable().optional(),
  /** For a modification: the full original request. */
  originalRequest: z.string().nullable().optional(),
  /** What utilization review cited. */
  claimsAdministratorGuidelines: z.array(GuidelineCitation).default([]),
  /** UR's reasons, when the case file carries them. */
  urRationale: z.string().nullable().optional(),
});
export type CaseFileItem = z.infer<typeof CaseFileItem>;

/** A document of the case file (progress note, RFA, UR letter, imaging report). */
export const CaseDocument = z.object({
  title: z.string().min(1),
  date: IsoDate.nullable().optional(),
  text: z.string(),
});
export type CaseDocument = z.infer<typeof CaseDocument>;

/**
 * The case file an expert reviewer decides from: patient, injury, clinical
 * summary and records, and the disputed items with UR's action. It holds
 * nothing of an IMR decision, so a decision engine given a CaseFile sees only
 * what the reviewer had.
 */
export const CaseFile = z.object({
  caseNumber: z.string().nullable().optional(),
  priority: Priority.nullable().optional(),
  patient: z.object({ age: z.number().int().min(0).max(120).nullable(), sex: Sex.nullable() }),
  injuryDates: z.array(IsoDate).default([]),
  /** Date of the request for authorization, when known. */
  requestDate: IsoDate.nullable().optional(),
  urDenialDate: IsoDate.nullable().optional(),
  /** The clinical case summary (free text). */
  clinicalSummary: z.string(),
  documents: z.array(CaseDocument).default([]),
  /**
   * Structured facts given alongside the text (e.g. `"functionalImprovement": true`,
   * `"opioidMedDaily": 120`). They take precedence over what is read from text;
   * the engine documents the names it understands.
   */
  facts: z.record(z.string(), z.union([z.boolean(), z.number(), z.string()])).default({}),
  items: z.array(CaseFileItem).min(1),
});
export type CaseFile = z.infer<typeof CaseFile>;
