import { z } from 'zod';

/**
 * Where a guideline sits in the strength-of-evidence hierarchy: the MTUS (the
 * Chronic Pain Medical Treatment Guidelines and the ACOEM chapters it adopts)
 * comes first, then ODG and other non-MTUS evidence.
 */
export const GuidelineSource = z.enum(['MTUS', 'ODG', 'OTHER']);
export type GuidelineSource = z.infer<typeof GuidelineSource>;

/** One guideline citation as written in a letter ("Decision based on ... Page(s): 63-66"). */
export const GuidelineCitation = z.object({
  source: GuidelineSource,
  /** Canonical document name, e.g. "Chronic Pain Medical Treatment Guidelines", "ACOEM Chapter 12 Low Back Complaints", "Low Back Chapter". */
  document: z.string(),
  /** Sections or topics named by the citation ("Muscle relaxants", "Surgical Considerations"). */
  sections: z.array(z.string()),
  /** Every page in the cited ranges, ascending and unique. */
  pages: z.array(z.number().int().positive()),
  /** The citation text as it appeared, whitespace-normalised. */
  raw: z.string(),
});
export type GuidelineCitation = z.infer<typeof GuidelineCitation>;
