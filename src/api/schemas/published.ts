/** Issued letters as published, redacted, for everyone (routes/published.ts). */
import { z } from 'zod';
import { CaseNumber, Decision, Determination } from '../../domain/index.js';
import { named, page, wholeNumber } from './common.js';

export const PublishedSummary = named(
  'PublishedSummary',
  z.object({
    caseNumber: z.string().nullable(),
    version: z.number().int(),
    issuedAt: z.string(),
    decisionDate: z.string().nullable(),
    items: z.array(z.object({ index: z.number().int(), request: z.string(), decision: Decision })),
  }),
);
export const PublishedPage = page('PublishedPage', PublishedSummary);
export const PublishedLetter = named('PublishedLetter', z.object({ caseNumber: z.string().nullable(), version: z.number().int(), issuedAt: z.string(), determination: Determination }));
export const PublishedRef = z.object({ caseNumber: CaseNumber });
export const PublishedQuery = z.object({ version: wholeNumber(z.number().int().positive().optional()) });
