/** Cases and every lifecycle step: intake, records, assignment, decisions, issuing, corrections (routes/cases.ts, case-actions.ts, case-search.ts). */
import { z } from 'zod';
import { CaseDocument, CaseState, ClericalCorrection, Decision, Determination, GuidelineCitation, idOrCaseNumber, ImrCase, NewCase, Priority, Withdrawal } from '../../domain/index.js';
import { TRANSITIONS, type CaseAction as LifecycleAction } from '../../workflow/cases/index.js';
import type { DeadlineWithStatus } from '../../workflow/deadlines/index.js';
import { LetterQuery, named, page, PageQuery, Version, type Assert, type Same } from './common.js';

export const CaseRef = z.object({ ref: idOrCaseNumber('case') });

export const Deadline = named(
  'Deadline',
  z.object({
    kind: z.enum(['application', 'records', 'decision']),
    from: z.string(),
    due: z.string(),
    days: z.number().int(),
    working: z.boolean(),
    rule: z.string(),
    status: z.enum(['met', 'late', 'ok', 'at-risk', 'overdue']),
    daysLeft: z.number().int(),
    metOn: z.string().nullable(),
  }),
);

/** The lifecycle's actions, from its own table so the two cannot differ. */
export const CaseAction = z.enum(Object.keys(TRANSITIONS) as [LifecycleAction, ...LifecycleAction[]]);

export const CaseViewSchema = named(
  'CaseView',
  z.object({
    case: ImrCase,
    deadlines: z.array(Deadline),
    urgency: z.enum(['overdue', 'at-risk']).nullable(),
    /** What the signed-in user may do to the case now. */
    actions: z.array(CaseAction),
  }),
);

export const CaseSummary = named(
  'CaseSummary',
  z.object({
    id: z.number().int(),
    caseNumber: z.string().nullable(),
    state: CaseState,
    version: z.number().int(),
    priority: Priority,
    reviewerId: z.string().nullable(),
    receivedDate: z.string(),
    items: z.array(z.object({ index: z.number().int(), request: z.string(), decision: Decision.nullable() })),
    urgency: z.enum(['overdue', 'at-risk']).nullable(),
    /** The next open deadline. */
    due: z.string().nullable(),
    /** Where a correction asked of the reviewer is: requested (the reviewer's to make), made (the coordinator's to issue), or none. */
    correction: z.enum(['requested', 'made']).nullable(),
  }),
);
export const CasePage = page('CasePage', CaseSummary);

export const CaseListQuery = PageQuery.extend({
  state: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const states = s.split(',').map((x) => x.trim());
      for (const st of states) if (!CaseState.safeParse(st).success) ctx.addIssue({ code: 'custom', message: `"${st}" is not a case state (${CaseState.options.join(', ')})` });
      return states as CaseState[];
    })
    .describe('one state or several, comma-separated'),
  flagged: z.enum(['true', 'false']).optional().transform((v) => v === 'true').describe('only at-risk and overdue cases'),
});

export const NewCaseBody = named('NewCaseRequest', NewCase.extend({ caseNumber: z.string().optional().describe('keep an existing case number (CMyy-nnnnnnn)') }));
export const VersionBody = named('VersionRequest', z.object({ version: Version }));
export const RecordsRequestBody = named('RecordsRequest', z.object({ version: Version, electronic: z.boolean().default(false) }));
export const RecordsReceivedBody = named('RecordsReceived', z.object({ version: Version, documents: z.array(CaseDocument).max(500) }));
export const AssignReviewerBody = named('AssignReviewerRequest', z.object({ version: Version, reviewerId: z.string().min(1).optional().describe('default: the best match') }));

export const DecisionEntry = named(
  'ItemDecisionRequest',
  z.object({
    index: z.number().int().positive(),
    decision: Decision,
    guidelines: z.union([z.string().max(5000), z.array(GuidelineCitation).max(50)]).default('').describe('as a letter writes them ("MTUS Chronic Pain Medical Treatment Guidelines Page(s): 63-66") or as citations'),
    rationale: z.string().max(50_000),
    overrideReason: z.string().max(10_000).nullable().optional().describe("required when the decision differs from the engine's draft"),
  }),
);
export const DecideBody = named('DecideRequest', z.object({ version: Version, decisions: z.array(DecisionEntry).min(1).max(200) }));
export const CorrectPreviewBody = named('CorrectPreviewRequest', z.object({ decisions: z.array(DecisionEntry).min(1).max(200), reason: z.string().trim().min(1).max(10_000) }));
export const CorrectBody = named(
  'CorrectRequest',
  z.object({
    version: Version,
    decisions: z.array(DecisionEntry).min(1).max(200),
    reason: z.string().trim().min(1).max(10_000),
    previewHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'the previewHash of POST /api/cases/{ref}/corrections/preview')
      .describe('the hash of the previewed corrected letter: it is issued only if it is still exactly what was previewed'),
  }),
);
const PreviewHash = z.string().regex(/^[0-9a-f]{64}$/, 'the previewHash of the preview').describe('the hash of the previewed letter: it is issued only if it is still exactly what was previewed');
const Reason = z.string().trim().min(1).max(10_000);
export const ClericalPreviewBody = named('ClericalCorrectionPreviewRequest', z.object({ correction: ClericalCorrection, reason: Reason }));
export const ClericalCorrectBody = named('ClericalCorrectionRequest', z.object({ version: Version, correction: ClericalCorrection, reason: Reason, previewHash: PreviewHash }));
export const CorrectionRequestBody = named('CorrectionRequestRequest', z.object({ version: Version, note: z.string().trim().min(1).max(10_000).describe('what the reviewer is asked to correct, and why') }));
export const CorrectionAnswerBody = named('CorrectionAnswerRequest', z.object({ version: Version, decisions: z.array(DecisionEntry).min(1).max(200), reason: Reason }));
export const IssueCorrectionBody = named('IssueCorrectionRequest', z.object({ version: Version, previewHash: PreviewHash }));
export const TerminateBody = named('TerminateRequest', z.object({ version: Version, reason: z.string().trim().min(1).max(10_000) }));

export const WithdrawalSchema = named('Withdrawal', Withdrawal);
export const IssuedVersion = named(
  'IssuedVersion',
  z.object({
    caseId: z.number().int(),
    version: z.number().int(),
    issuedAt: z.string(),
    issuedBy: z.string(),
    reason: z.string().nullable(),
    contentHash: z.string(),
    withdrawn: WithdrawalSchema.nullable().describe('set when this version is no longer published'),
  }),
);
export const IssueBody = named(
  'IssueRequest',
  z.object({
    version: Version,
    previewHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'the previewHash of GET /api/cases/{ref}/issue-preview')
      .describe('the hash of the previewed letter: the letter is issued only if it is still exactly what was previewed'),
  }),
);
export const WithdrawBody = named(
  'WithdrawRequest',
  z.object({
    reason: z.string().trim().min(1).max(10_000),
    publishedVersion: z.number().int().positive().optional().describe('default: the latest version still published'),
  }),
);
/** One field of the letter with what the redaction removes from it marked. */
export const PreviewField = named(
  'PreviewField',
  z.object({
    field: z.string().describe('path in the determination, e.g. clinicalSummary or items.0.rationale'),
    segments: z.array(z.object({ text: z.string(), removed: z.string().nullable().describe('the category removed, null for text kept'), replacement: z.string().nullable() })),
  }),
);
export const IssuePreviewSchema = named(
  'IssuePreview',
  z.object({
    caseNumber: z.string().nullable(),
    version: z.number().int(),
    previewHash: z.string(),
    published: Determination,
    letter: z.string().describe('the letter as it would be published, as plain text'),
    removals: z.number().int(),
    fields: z.array(PreviewField),
  }),
);
export const IssueResult = named('IssueResult', z.object({ case: CaseViewSchema, issued: IssuedVersion }));

export const CaseLetterQuery = LetterQuery.extend({
  redacted: z.enum(['true', 'false']).default('true').transform((v) => v === 'true').describe('false: the internal letter with the names left in'),
});

export const IssuedPage = page('IssuedVersionPage', IssuedVersion);

export const CaseSearchQuery = PageQuery.extend({
  q: z.string().trim().min(2, 'at least 2 characters').max(100).describe("a case number or its beginning (CM16-023), or part of the injured worker's name"),
});
export const CaseSearchHit = named('CaseSearchHit', CaseSummary.extend({ worker: z.string() }));
export const CaseSearchPage = page('CaseSearchPage', CaseSearchHit);

// What the workflow returns is what the document describes.
export type CaseShapesMatchTheWorkflow = [Assert<Same<z.output<typeof Deadline>, DeadlineWithStatus>>];
