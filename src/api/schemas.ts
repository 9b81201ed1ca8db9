/**
 * The zod schemas the routes validate requests with and describe responses
 * with; the OpenAPI document is generated from these same objects
 * (openapi.ts), so it cannot drift from what the code accepts. Domain
 * schemas are reused as they are and named here for the document.
 */
import { z } from 'zod';
import {
  CorpusFilterFields,
  Application,
  AuditEvent,
  CaseAssessment,
  CaseDocument,
  CaseFile,
  CaseParties,
  CaseState,
  Decision,
  Determination,
  GuidelineCitation,
  ImrCase,
  IsoDate,
  NewCase,
  NewUser,
  Priority,
  Reviewer,
  ReviewerTie,
  TreatmentCategory,
  User,
  UserPatch,
} from '../domain/index.js';
import { TRANSITIONS, type CaseAction as LifecycleAction } from '../workflow/lifecycle.js';

/** Names under which schemas appear in the document's components. */
export const apiSchemas = z.registry<{ id: string }>();

const ids = new Map<string, z.ZodType>();

/** Registers `schema` as a named component and returns it. Two schemas may not share a name: the document would describe one of them wrongly. */
export function named<T extends z.ZodType>(id: string, schema: T): T {
  const taken = ids.get(id);
  if (taken && taken !== schema) throw new Error(`two API schemas are named ${id}`);
  if (!apiSchemas.has(schema)) apiSchemas.add(schema, { id });
  ids.set(id, schema);
  return schema;
}

for (const [id, s] of Object.entries({ Determination, ImrCase, CaseFile, CaseAssessment, CaseParties, Application, Reviewer, ReviewerTie, GuidelineCitation, User, CaseDocument })) {
  named(id, s as z.ZodType);
}

export const Issue = named('Issue', z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }));

export const ErrorBody = named(
  'Error',
  z.object({
    error: z.string().describe('one sentence a person can act on'),
    code: z.string().describe('stable code: VALIDATION, UNAUTHENTICATED, FORBIDDEN, CSRF, NOT_FOUND, CONFLICT, TRANSITION, RATE_LIMITED, ...'),
    issues: z.array(Issue).describe('per-field problems; query and path fields are prefixed with "query" or "path"'),
  }),
);

/**
 * A whole number in a query string or path: decimal digits only, as the
 * command line takes them. Plain coercion would read `0x10` as 16, `1e2` as
 * 100 and an empty value as 0, so that many spellings named one record.
 */
export function wholeNumber<T extends z.ZodType>(schema: T) {
  return z.preprocess((v, ctx) => {
    if (typeof v !== 'string') return v;
    if (/^\d{1,15}$/.test(v)) return Number(v);
    ctx.addIssue({ code: 'custom', message: 'not a whole number' });
    return z.NEVER;
  }, schema);
}

/** Query of every paged listing. */
export const PageQuery = z.object({
  limit: wholeNumber(z.number().int().min(1).max(200).default(20)),
  offset: wholeNumber(z.number().int().min(0).max(1_000_000).default(0)),
});

/** A page of a listing: the same shape everywhere. */
export function page<T extends z.ZodType>(id: string, item: T) {
  return named(
    id,
    z.object({
      items: z.array(item),
      /** Items in all, not only this page. */
      total: z.number().int(),
      /** False when `total` is a lower bound (corpus searches stop counting at the result window). */
      totalExact: z.boolean(),
      limit: z.number().int(),
      offset: z.number().int(),
      /** Offset of the next page; null on the last. */
      nextOffset: z.number().int().nullable(),
    }),
  );
}

/** Builds a page from a slice and the total. */
export function pageOf<T>(items: T[], total: number, q: { limit: number; offset: number }, totalExact = true) {
  const next = q.offset + items.length;
  return { items, total, totalExact, limit: q.limit, offset: q.offset, nextOffset: items.length > 0 && next < total ? next : null };
}

/** The version of the record the client read: a write to a record changed since is refused with 409. */
export const Version = z.number().int().positive().describe('the version you read; a stale one is refused with 409 CONFLICT');

const Ok = named('Ok', z.object({ ok: z.literal(true) }));
export { Ok };

// ---- auth and users ----

export const LoginBody = named('LoginRequest', z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1024) }));

export const SessionInfo = named(
  'Session',
  z.object({
    user: User,
    /** Echo in the X-CSRF-Token header of every POST, PUT, PATCH and DELETE. */
    csrfToken: z.string(),
    expiresAt: z.string(),
  }),
);

export const ChangePasswordBody = named('ChangePasswordRequest', z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().max(1024) }));

export const NewUserBody = named('NewUserRequest', NewUser);
export const UserPatchBody = named('UserPatchRequest', UserPatch.extend({ version: Version }));
export const ResetPasswordBody = named('ResetPasswordRequest', z.object({ password: z.string().max(1024) }));
export const UserPage = page('UserPage', User);

// ---- corpus ----

/** The corpus filters as the domain defines them (CorpusFilterFields), with the text query. */
export const CorpusFilterQuery = z
  .object({ q: z.string().max(500).default('').describe('words (all required), "phrases", OR, -word / NOT word') })
  .extend(CorpusFilterFields.shape);

export const SearchQuery = CorpusFilterQuery.extend(PageQuery.shape).extend({
  sort: z.enum(['relevance', 'date']).default('relevance').describe('with words: best match first, or newest decision first'),
});

export const SearchHit = named(
  'SearchHit',
  z.object({
    id: z.number().int(),
    caseNumber: z.string().nullable(),
    decisionDate: z.string().nullable(),
    score: z.number().nullable(),
    snippet: z.string().describe('matched terms between « and »; … marks cut text'),
    items: z.array(z.object({ idx: z.number().int(), request: z.string(), decision: Decision, category: z.string(), treatment: z.string(), matchesFilters: z.boolean() })),
  }),
);
export const SearchPage = named(
  'SearchPage',
  page('SearchPageBase', SearchHit).extend({
    order: z
      .enum(['relevance', 'decision-date', 'added'])
      .describe('how the hits are ordered: relevance (every match scored), decision-date (newest decision first), or added (most recently added first: more letters match than the result window, too common a query to rank)'),
    estimatedTotal: z.number().int().nullable().describe('when totalExact is false and the query has words: the number of matching letters, estimated; else null'),
  }),
);

export const StatsDimension = z.enum(['category', 'drug', 'product', 'drug-class', 'guideline', 'specialty', 'year', 'month', 'decision']).describe('month: YYYY-MM of the decision date; drug: per generic ingredient; product: per requested product (a combination counts as itself); drug-class: per class');
export const StatsQuery = CorpusFilterQuery.extend({ by: StatsDimension.default('category') });
export const StatsResult = named(
  'Stats',
  z.object({
    by: StatsDimension,
    rows: z.array(z.object({ key: z.string().nullable(), items: z.number().int(), upheld: z.number().int(), overturned: z.number().int(), upheldPct: z.number() })),
  }),
);

export const LetterRef = z.object({ ref: z.string().regex(/^(\d{1,12}|CM\d{2}-\d{7})$/i, 'a letter id or a case number (CMyy-nnnnnnn)') });

export const StoredLetter = named(
  'Letter',
  z.object({
    id: z.number().int(),
    ingestedAt: z.string(),
    originalFormat: z.enum(['txt', 'md', 'html', 'pdf']),
    determination: Determination,
  }),
);

export const RenderFormat = z.enum(['md', 'html', 'txt', 'pdf']);

export const UploadQuery = z.object({
  name: z
    .string()
    .max(4096)
    .optional()
    // A label, cleaned rather than refused: control characters (NUL among them) dropped here, the rest in uploadName.
    .transform((n) => n?.replace(/[\u0000-\u001f\u007f-\u009f]/g, ''))
    .describe('the file name, a label only: reduced to its base name without control characters (at most 100 characters); default upload.EXT'),
});
export const LetterUploadResult = named(
  'LetterUpload',
  z.object({
    status: z.enum(['ingested', 'duplicate']).describe('duplicate: a letter with the same content was already stored, and is the one named'),
    id: z.number().int(),
    caseNumber: z.string().nullable(),
    source: z.string().describe('the label the letter is stored under'),
    originalFormat: z.enum(['txt', 'md', 'html', 'pdf']),
    href: z.string().describe('where the letter is: GET it for the parsed letter'),
  }),
);

export const SimilarQuery = z.object({ limit: wholeNumber(z.number().int().min(1).max(50).default(5)) });
export const SimilarLetters = named(
  'SimilarLetters',
  z.object({
    items: z.array(
      z.object({
        id: z.number().int(),
        caseNumber: z.string().nullable(),
        decisionDate: z.string().nullable(),
        similarity: z.number().min(0).max(1).describe('cosine similarity of the clinical summaries (TF-IDF)'),
        sharedTreatments: z.array(z.string()),
        sharedGuidelines: z.array(z.string()),
        items: z.array(z.object({ idx: z.number().int(), request: z.string(), decision: Decision, treatment: z.string(), shared: z.boolean() })),
      }),
    ),
  }),
);

// ---- cases ----

export const CaseRef = z.object({ ref: z.string().regex(/^(\d{1,12}|CM\d{2}-\d{7})$/i, 'a case id or a case number (CMyy-nnnnnnn)') });

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
export const TerminateBody = named('TerminateRequest', z.object({ version: Version, reason: z.string().trim().min(1).max(10_000) }));

export const WithdrawalSchema = named('Withdrawal', z.object({ at: z.string(), by: z.string(), reason: z.string() }));
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

export const ReviewerMatch = named(
  'ReviewerMatch',
  z.object({ reviewer: Reviewer, blocks: z.array(z.string()), fit: z.number(), fitReasons: z.array(z.string()), workload: z.number().int() }),
);

export const AuditEntry = named('AuditEntry', AuditEvent.extend({ seq: z.number().int(), prevHash: z.string(), hash: z.string() }));
export const AuditPage = page('AuditPage', AuditEntry);
export const AuditQuery = PageQuery.extend({ caseId: wholeNumber(z.number().int().positive().optional()) });
export const AuditVerification = named('AuditVerification', z.object({ verified: z.boolean(), entries: z.number().int(), error: z.string().nullable() }));

export const LetterQuery = z.object({
  format: RenderFormat.default('html'),
  version: wholeNumber(z.number().int().positive().optional()).describe('default: the latest'),
});
export const CaseLetterQuery = LetterQuery.extend({
  redacted: z.enum(['true', 'false']).default('true').transform((v) => v === 'true').describe('false: the internal letter with the names left in'),
});

// ---- published (issued, redacted) ----

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
export const PublishedRef = z.object({ caseNumber: z.string().regex(/^CM\d{2}-\d{7}$/i, 'a case number (CMyy-nnnnnnn)') });
export const PublishedQuery = z.object({ version: wholeNumber(z.number().int().positive().optional()) });

// ---- reviewers ----

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

export const UserRef = z.object({ id: wholeNumber(z.number().int().positive()) });
export const Health = named('Health', z.object({ status: z.literal('ok'), version: z.string() }));
