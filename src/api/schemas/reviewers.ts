/** The reviewer registry and matching reviewers to cases (routes/reviewers.ts). */
import { z } from 'zod';
import { Reviewer, ReviewerTie } from '../../domain/index.js';
import type { ReviewerMatch as WorkflowReviewerMatch } from '../../workflow/cases/index.js';
import { named, page, type Assert, type Same } from './common.js';

export const ReviewerMatch = named(
  'ReviewerMatch',
  z.object({ reviewer: Reviewer, blocks: z.array(z.string()), fit: z.number(), fitReasons: z.array(z.string()), workload: z.number().int() }),
);

export const ReviewerPage = page('ReviewerPage', Reviewer);
export const ReviewerRef = z.object({ id: z.string().min(1).max(64) });
// Written out rather than derived from Reviewer: a partial of Reviewer would fill its defaults
// (no ties, available) into every patch and so reset fields the patch does not name.
export const ReviewerPatchBody = named(
  'ReviewerPatch',
  z.object({
    name: z.string().min(1).optional(),
    boardCertifications: z.array(z.string().min(1)).optional(),
    subspecialties: z.array(z.string().min(1)).optional(),
    specialties: z.array(z.string().min(1)).optional(),
    licensureStates: z.array(z.string()).optional(),
    yearsInPractice: z.number().int().optional(),
    hoursPerWeek: z.number().optional(),
    available: z.boolean().optional(),
    ties: z.array(ReviewerTie).optional(),
  }),
);

export const ReviewerMatchPage = page('ReviewerMatchPage', ReviewerMatch);

// What the workflow returns is what the document describes.
export type ReviewerShapesMatchTheWorkflow = [Assert<Same<z.output<typeof ReviewerMatch>, WorkflowReviewerMatch>>];
