import type { DrugClass, GuidelineSource, TreatmentCategory } from '../domain/index.js';
import type { ClinicalFactId } from '../clinical/findings.js';

/**
 * Facts of a case the engine establishes from the request, the dates and the
 * other disputed items, beside the clinical facts read from the summary.
 * Numeric facts carry a value; the rest are present/absent/unknown.
 */
export const CASE_FACTS = [
  'drug-in-use',
  'drug-days-of-use',
  'quantity-specified',
  'days-supply',
  'requested-sessions',
  'requested-levels',
  'body-part-specified',
  'morphine-equivalent-dose',
  'associated-surgery-supported',
  'nsaid-in-use',
  'opioid-in-use',
  'compound-ingredients-recommended',
  'topical-form-recommended',
  'peripheral-joint',
  'days-since-injury',
  'rental-days',
  'trial-or-rental',
  'oral-liquid',
  'drug-pain-relief',
  'drug-functional-improvement',
  'same-class-in-use',
  'parent-item-supported',
] as const;
export type CaseFactId = (typeof CASE_FACTS)[number];

/** Any fact a criterion can test. */
export type FactId = ClinicalFactId | CaseFactId;

/** A leaf criterion: one fact of the case, tested for presence or against a limit. */
export interface LeafCriterion {
  /** Stable id, unique within its entry ("spasm", "short-term"). */
  id: string;
  /** What the guideline asks for, as a rationale states it ("documentation of palpable muscle spasm"). */
  description: string;
  fact: FactId;
  /** For presence facts: whether the guideline wants the fact present (default) or absent. */
  expect?: boolean;
  /** For numeric facts: the largest value that meets the criterion. */
  max?: number;
  /** For numeric facts: the smallest value that meets the criterion. */
  min?: number;
  /**
   * How a fact the record is silent on counts. Default `not-documented`
   * (the reviewer's "no documentation of ..."); `met` for criteria where the
   * guideline's concern is a documented problem (e.g. "no long-term use").
   */
  whenUndocumented?: 'met' | 'not-met' | 'not-documented';
}

/** A criterion: a leaf, or a combination with explicit `all` / `any` / `atLeast n` semantics. */
export type Criterion = LeafCriterion | { all: Criterion[] } | { any: Criterion[] } | { atLeast: number; of: Criterion[] };

/** Where an entry sits in the guideline literature. */
export interface EntryCitation {
  source: GuidelineSource;
  /** Canonical document name, exactly as the letter parser names documents. */
  document: string;
  sections: string[];
  /** Pages of the cited range; empty where the document is cited without pages (ODG, MTUS 2016 sections). */
  pages: number[];
}

/** Which disputed treatments an entry covers. Every given field must match. */
export interface EntryScope {
  drugClasses?: DrugClass[];
  /** Generic drug names; any one of them in the request matches. */
  generics?: string[];
  /** Canonical procedure names from treatment normalisation. */
  procedures?: string[];
  /** Procedures the entry does not cover although its other fields match (a spinal cord stimulator is no spine surgery). */
  notProcedures?: string[];
  categories?: TreatmentCategory[];
  /** Body regions named in the request ("lumbar", "shoulder"); see `regions.ts`. */
  regions?: string[];
  /** true: only topical medications (a percentage strength, a cream, gel, patch or ointment); false: only others. */
  topical?: boolean;
  /** true: only requests made as part of a surgery (post-op, associated surgical service); false: only others. */
  perioperative?: boolean;
  /** A fact that must hold for the entry to apply (e.g. the drug is already taken: ongoing vs. initiation). */
  when?: { fact: FactId; expect: boolean };
}

export type Recommendation = 'recommended' | 'recommended-with-criteria' | 'limited' | 'not-recommended';

/** One guideline recommendation as data. */
export interface GuidelineEntry {
  id: string;
  /** The treatment as the guideline names it ("Muscle relaxants (for pain)"). */
  title: string;
  citation: EntryCitation;
  scope: EntryScope;
  recommendation: Recommendation;
  /** What the guideline says, in one or two sentences a rationale can quote. */
  summary: string;
  criteria: Criterion;
  /**
   * The window of request dates (ISO, inclusive) in which this edition of the
   * guideline governs. Lets the 2009 Chronic Pain guideline and the 2016 MTUS
   * updates coexist; every entry ends at `MTUS_HELD_UNTIL`, when the
   * ACOEM-based MTUS replaced the editions the knowledge base holds.
   */
  effective?: { from?: string; until?: string };
  /** Where the page numbers and criteria were checked. */
  provenance: string;
}

/** A leaf's type guard. */
export function isLeaf(c: Criterion): c is LeafCriterion {
  return 'fact' in c;
}
