import { z } from 'zod';
import { CASE_NUMBER_ANY_CASE, CASE_NUMBER_SOURCE } from './case-number.js';
import { isIsoDate } from './primitives/dates.js';
import { LETTER_FORMATS } from './letter-formats.js';
import { GuidelineCitation } from './guideline-citation.js';
import { Treatment } from './treatment.js';

/** Upheld: the UR denial stands (not medically necessary). Overturned: medically necessary. */
export const Decision = z.enum(['upheld', 'overturned']);
export type Decision = z.infer<typeof Decision>;

export const Priority = z.enum(['standard', 'expedited']);
export type Priority = z.infer<typeof Priority>;

export const Sex = z.enum(['male', 'female']);
export type Sex = z.infer<typeof Sex>;

/** ISO calendar date, YYYY-MM-DD, of a day the calendar has (not 2016-02-30). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { abort: true }).refine(isIsoDate, 'not a date the calendar has');

/** A letter's format: txt, md, html or pdf (letter-formats.ts). */
export const LetterFormat = z.enum(LETTER_FORMATS);
export type LetterFormat = z.infer<typeof LetterFormat>;

/** A case number as a request names it (case-number.ts), in capitals or not. */
export const CaseNumber = z.string().regex(CASE_NUMBER_ANY_CASE, 'a case number (CMyy-nnnnnnn)');

/** A record's id (a positive whole number) or a case number, as API paths take either; `what` names the record. */
export function idOrCaseNumber(what: string) {
  return z.string().regex(new RegExp(String.raw`^(\d{1,12}|${CASE_NUMBER_SOURCE})$`, 'i'), `a ${what} id or a case number (CMyy-nnnnnnn)`);
}

/** The credentials a letter publishes about its (anonymous) expert reviewer. */
export const ReviewerCredentials = z.object({
  boardCertifications: z.array(z.string()),
  subspecialties: z.array(z.string()),
  /** USPS state codes. */
  licensureStates: z.array(z.string().length(2)),
});
export type ReviewerCredentials = z.infer<typeof ReviewerCredentials>;

/** One disputed item/service and the reviewer's decision on it. */
export const DisputedItem = z.object({
  /** 1-based position in the letter. */
  index: z.number().int().positive(),
  /** The item line as written, without its decision. */
  request: z.string(),
  /** For partial certifications: the full original request, when the letter states it. */
  originalRequest: z.string().nullable().optional(),
  /** For partial certifications: what the claims administrator authorised. */
  authorizedPortion: z.string().nullable().optional(),
  decision: Decision,
  medicallyNecessary: z.boolean(),
  treatment: Treatment,
  claimsAdministratorGuidelines: z.array(GuidelineCitation),
  imrGuidelines: z.array(GuidelineCitation),
  rationale: z.string(),
});
export type DisputedItem = z.infer<typeof DisputedItem>;

/** Which published layout a letter came in. */
export const LetterLayout = z.enum(['pdf-text', 'markdown', 'legacy', 'medical-professional-review']);
export type LetterLayout = z.infer<typeof LetterLayout>;

/** A final determination letter parsed into structured facts. */
export const Determination = z.object({
  source: z.string(),
  /** sha256 of the normalised letter text: the identity used for de-duplication. */
  contentHash: z.string(),
  layout: LetterLayout,
  caseNumber: z.string().nullable(),
  priority: Priority.nullable(),
  dates: z.object({
    assigned: IsoDate.nullable(),
    decision: IsoDate.nullable(),
    urDenial: IsoDate.nullable(),
    applicationReceived: IsoDate.nullable(),
    injury: z.array(IsoDate),
  }),
  reviewer: ReviewerCredentials,
  patient: z.object({ age: z.number().int().nullable(), sex: Sex.nullable() }),
  clinicalSummary: z.string(),
  items: z.array(DisputedItem).min(1),
  /** Set on a corrected determination: this version replaces an earlier one, and the letter says "Corrected". */
  correction: z.object({ version: z.number().int().positive(), replaces: z.number().int().positive() }).nullable().optional(),
});
export type Determination = z.infer<typeof Determination>;
