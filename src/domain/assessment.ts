import { z } from 'zod';
import { Decision } from './determination.js';
import { GuidelineCitation } from './guideline-citation.js';
import { Treatment } from './treatment.js';

/** How one guideline criterion stands against the case file. */
export const CriterionStatus = z.enum(['met', 'not-met', 'not-documented']);
export type CriterionStatus = z.infer<typeof CriterionStatus>;

/** The words of the case file that prove a criterion's status, with character offsets into `source`'s text. */
export const Evidence = z.object({
  /** Where the text is: "clinicalSummary", "request", or a document title. */
  source: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

/** One criterion of a guideline entry, evaluated. */
export const CriterionResult = z.object({
  /** Stable id of the criterion in the guideline knowledge base. */
  id: z.string(),
  /** What the guideline asks for, in words a rationale can use. */
  description: z.string(),
  status: CriterionStatus,
  evidence: z.array(Evidence),
});
export type CriterionResult = z.infer<typeof CriterionResult>;

/**
 * A criterion whose documentation would change the draft, worded as a
 * request to the treating physician.
 */
export const MissingDocumentation = z.object({
  /** Id of the criterion (as in `criteria[].id`). */
  criterionId: z.string(),
  /** "Document objective functional improvement with the prior course." */
  request: z.string(),
});
export type MissingDocumentation = z.infer<typeof MissingDocumentation>;

/**
 * The engine's draft for one disputed item. `decision` is null when no
 * guideline entry applies: the item is then `flagged` for the reviewer
 * rather than guessed.
 */
export const ItemAssessment = z.object({
  index: z.number().int().positive(),
  request: z.string(),
  treatment: Treatment,
  decision: Decision.nullable(),
  flagged: z.boolean(),
  /** Why the item is flagged ("no guideline entry covers ..."), else null. */
  flagReason: z.string().nullable(),
  /** The guideline relied on, chosen by the strength-of-evidence hierarchy; null when none applies. */
  guideline: GuidelineCitation.nullable(),
  /** Id of the knowledge-base entry relied on. */
  guidelineEntryId: z.string().nullable(),
  criteria: z.array(CriterionResult),
  /** Drafted rationale, ending "is medically necessary" / "is not medically necessary". */
  rationale: z.string(),
  /** 0..1. */
  confidence: z.number().min(0).max(1),
  /**
   * Calibrated probability (0..1) that an expert reviewer overturns the
   * denial, from the overturn model; absent when the engine ran without one.
   */
  probability: z.number().min(0).max(1).optional(),
  /** The likelier side by `probability`. */
  recommendation: Decision.optional(),
  /** True when `probability` sits in the model's uncertain band: "reviewer judgment needed". */
  judgmentNeeded: z.boolean().optional(),
  /**
   * For an item drafted as upheld: the criteria whose documentation would
   * change the outcome (empty when none would, e.g. a documented contrary
   * finding or a guideline that does not recommend the treatment).
   */
  missingDocumentation: z.array(MissingDocumentation).optional(),
});
export type ItemAssessment = z.infer<typeof ItemAssessment>;

/** What the engine read from the clinical summary, for the reviewer to check at a glance. */
export const CaseFindings = z.object({
  diagnoses: z.array(Evidence),
  /** Medications the records name as taken (generic names joined by "+"). */
  medications: z.array(z.object({ name: z.string(), drugClass: z.string(), evidence: Evidence })),
  /** Pain scores on a 10-point scale, highest value of each statement. */
  painScores: z.array(z.object({ value: z.number(), evidence: Evidence })),
});
export type CaseFindings = z.infer<typeof CaseFindings>;

/** The engine's draft for a whole case. */
export const CaseAssessment = z.object({
  /** Version of the engine and knowledge base that produced it, for the audit trail. */
  engineVersion: z.string(),
  /** Version of the overturn model that gave the probabilities; null when none was used. */
  modelVersion: z.string().nullable().optional(),
  items: z.array(ItemAssessment),
  /** Optional: diagnoses, current medications and pain scores read from the clinical summary. */
  findings: CaseFindings.optional(),
});
export type CaseAssessment = z.infer<typeof CaseAssessment>;
