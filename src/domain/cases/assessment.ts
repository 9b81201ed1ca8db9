import { z } from 'zod';
import { Decision } from '../determination.js';
import { GuidelineCitation } from '../guideline-citation.js';
import { Treatment } from '../treatment.js';

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
  /** How the sentence states the fact: `affirmed` (met by it), `negated` (documents its absence); absent for the request line and structured facts. */
  polarity: z.enum(['affirmed', 'negated', 'uncertain', 'hypothetical']).optional(),
});
export type Evidence = z.infer<typeof Evidence>;

/**
 * How a disputed item stands in its case, as reviewers decide it: what UR
 * did with it, whether it serves another item or a surgery and how that
 * stands, and whether it repeats what the patient already has. Every field
 * is a small enum or a boolean, so that a model can take them as features.
 */
export const ItemStructure = z.object({
  /** UR's action on the item: denied outright, modified (part authorised), or not known. */
  urAction: z.enum(['denied', 'modified', 'unknown']),
  /** The item in dispute is the remainder UR did not authorise of a modified request. */
  remainder: z.boolean(),
  /** UR authorised a first part (a trial of sessions, a rental) and the remainder extends it before its results are documented. */
  beyondAuthorizedTrial: z.boolean(),
  /** What the item exists for: nothing else, a surgery (pre-, peri- or post-operative care, an assistant), or another item (its supplies, its anaesthesia). */
  dependsOn: z.enum(['none', 'surgery', 'item']),
  /** How the surgery or item it depends on stands: in dispute in this case, already authorised, already done, or not known; `none` when it depends on nothing. */
  parentStatus: z.enum(['none', 'in-dispute', 'authorized', 'done', 'unknown']),
  /** The draft decision of the parent when it is in dispute in this case, else null. */
  parentDecision: Decision.nullable(),
  /** An imaging study of a region the records show was already imaged with the same kind of study. */
  repeatImaging: z.boolean(),
  /** A drug of a class of which the records show another drug already in use (a second muscle relaxant, NSAID, PPI...). */
  sameClassInUse: z.boolean(),
  /** The same treatment is requested by another item of this case. */
  duplicate: z.boolean(),
  /** The request date lies after the guideline editions the knowledge base holds (the ACOEM-based MTUS from December 2017, the MTUS Drug Formulary from 2018). */
  guidelineVersionMissing: z.boolean(),
});
export type ItemStructure = z.infer<typeof ItemStructure>;

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
  /** How the item stands in its case (UR's action, what it depends on, repeats); absent in drafts stored before it existed. */
  structure: ItemStructure.optional(),
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
