import type { Criterion, FactId, LeafCriterion } from './types.js';

/**
 * Small builders that keep the entries readable as data. They return plain
 * objects; nothing here evaluates anything.
 */

/** A fact that must be documented as present. */
export function has(id: string, fact: FactId, description: string, extra: Partial<LeafCriterion> = {}): LeafCriterion {
  return { id, fact, description, ...extra };
}

/** A fact that must not be documented (a documented one fails the criterion; silence passes). */
export function lacks(id: string, fact: FactId, description: string, extra: Partial<LeafCriterion> = {}): LeafCriterion {
  return { id, fact, description, expect: false, whenUndocumented: 'met', ...extra };
}

/** A numeric fact at most `max`. */
export function atMost(id: string, fact: FactId, max: number, description: string, extra: Partial<LeafCriterion> = {}): LeafCriterion {
  return { id, fact, description, max, ...extra };
}

/** A numeric fact at least `min`. */
export function atLeastValue(id: string, fact: FactId, min: number, description: string, extra: Partial<LeafCriterion> = {}): LeafCriterion {
  return { id, fact, description, min, ...extra };
}

export const all = (...c: Criterion[]): Criterion => ({ all: c });
export const any = (...c: Criterion[]): Criterion => ({ any: c });
export const atLeast = (n: number, ...c: Criterion[]): Criterion => ({ atLeast: n, of: c });

/** The request states a quantity: reviewers cannot certify an open-ended supply. */
export const quantityStated = has('quantity', 'quantity-specified', 'a request that states the quantity (or duration) of the medication');

/**
 * A treatment the guideline does not recommend: only documented exceptional
 * factors could support it, and the criterion says so.
 */
export const exceptional = has('exceptional-factors', 'exceptional-factors', 'exceptional factors documented to support a treatment the guideline does not recommend');

/** The surgery this service belongs to is supported in the same review. */
export const surgerySupported = has('surgery-supported', 'associated-surgery-supported', 'the associated surgery is medically necessary');

/**
 * A liquid (oral suspension) form of a drug available as tablets needs a
 * documented reason the patient cannot take tablets or capsules.
 */
export const standardForm = any(
  lacks('tablet-form', 'oral-liquid', 'a tablet or capsule form (a liquid compounded form needs a documented reason)'),
  has('dysphagia', 'dysphagia', 'documented inability to take oral capsules or tablets'),
);

/**
 * Criteria that come from how an item stands in its case rather than from
 * one entry: reviewers apply them across the guideline sections.
 */
export const CASE_STRUCTURE_CRITERIA = {
  /**
   * A repeat study of a region already imaged: "repeat MRI is not routinely
   * recommended, and should be reserved for a significant change in symptoms
   * and/or findings suggestive of significant pathology" (ODG; ACOEM's red
   * flags).
   */
  repeatStudy: any(
    has('repeat-red-flags', 'red-flag', 'red flags for a serious condition since the prior study'),
    has('repeat-change', 'symptom-change', 'a significant change in symptoms or findings since the prior study of the region'),
  ),
  /**
   * The remainder of a modified request beyond an authorised trial: the
   * guidelines extend a trial (of therapy sessions, acupuncture, a rental)
   * only with documented objective functional improvement from it.
   */
  beyondTrial: has('trial-results', 'functional-improvement', 'documented objective functional improvement with the authorised trial before further treatment'),
  /** A second drug of a class already in use duplicates it: the guidelines do not support two muscle relaxants, two NSAIDs or two PPIs at once. */
  noSameClass: lacks('same-class', 'same-class-in-use', 'no other drug of the same class already in use'),
  /** A treatment given to accompany another item in dispute (a PPI with an NSAID) is needed only if that item is. */
  parentSupported: has('parent-supported', 'parent-item-supported', 'the treatment it accompanies (requested in this case) is medically necessary'),
} satisfies Record<string, Criterion>;
