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
