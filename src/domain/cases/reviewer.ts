import { z } from 'zod';
import { label } from '../primitives/label.js';

/** Whom a reviewer may be tied to; any tie to the case's party of that kind blocks the assignment. */
export const TieKind = z.enum(['employer', 'claims-administrator', 'provider', 'worker']);
export type TieKind = z.infer<typeof TieKind>;

/** A material professional, familial or financial affiliation the reviewer has declared. */
export const ReviewerTie = z.object({
  kind: TieKind,
  /** The party's name as the case would write it ("Acme Widgets, Inc.", "Dr. Jane Roe"). */
  name: z.string().min(1),
  /** What the tie is ("former employee", "spouse", "shareholder"). */
  nature: z.string().optional(),
});
export type ReviewerTie = z.infer<typeof ReviewerTie>;

/**
 * An expert reviewer in the registry: identity (never published) and the
 * credentials that the letter does publish, plus what matching needs.
 */
export const Reviewer = z.object({
  /** Registry id chosen by the organisation ("R-0042"). */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64'),
  name: label(),
  boardCertifications: z.array(z.string().min(1)).min(1, 'a reviewer is board certified in at least one specialty'),
  subspecialties: z.array(z.string().min(1)).default([]),
  /** Fields the reviewer evaluates and treats ("spine", "pain management", "psychiatry"), used for matching beside the certifications. */
  specialties: z.array(z.string().min(1)).default([]),
  /** USPS codes of the states where the reviewer holds an unrestricted license. */
  licensureStates: z.array(z.string().regex(/^[A-Z]{2}$/, 'a two-letter USPS code')).min(1, 'at least one licensure state'),
  yearsInPractice: z.number().int().min(0).max(70),
  /** Hours a week currently spent in active clinical practice. */
  hoursPerWeek: z.number().min(0).max(168),
  available: z.boolean().default(true),
  ties: z.array(ReviewerTie).default([]),
});
export type Reviewer = z.infer<typeof Reviewer>;
export type ReviewerInput = z.input<typeof Reviewer>;
