/**
 * The API's request and response shapes, taken from the server's own zod
 * schemas as types only (nothing of the server is bundled), so the client
 * cannot drift from what the server sends.
 */
import type { z } from 'zod';
import type * as S from '../../../src/api/schemas/index.js';

export type { CaseAssessment, CriterionResult, Evidence, ItemAssessment } from '../../../src/domain/cases/assessment.js';
export type { CaseState, ImrCase, ItemDecision } from '../../../src/domain/cases/case.js';
export type { Decision, Determination, DisputedItem } from '../../../src/domain/determination.js';
export type { GuidelineCitation } from '../../../src/domain/guideline-citation.js';
import type { CorpusFilterName } from '../../../src/domain/corpus-filters.js';
export type { CorpusFilterName };
export type { Reviewer } from '../../../src/domain/cases/reviewer.js';
export type { Role, User } from '../../../src/domain/user.js';
export type { TreatmentCategory } from '../../../src/domain/treatment.js';

type Out<T extends z.ZodType> = z.output<T>;

export type Session = Out<typeof S.SessionInfo>;
export type SearchPage = Out<typeof S.SearchPage>;
export type SearchHit = Out<typeof S.SearchHit>;
export type StatsDimension = Out<typeof S.StatsDimension>;
export type Stats = Out<typeof S.StatsResult>;
export type StatsRow = Stats['rows'][number];
export type StoredLetter = Out<typeof S.StoredLetter>;
export type SimilarLetters = Out<typeof S.SimilarLetters>;
export type SimilarLetter = SimilarLetters['items'][number];
export type CaseView = Out<typeof S.CaseViewSchema>;
export type CaseAction = Out<typeof S.CaseAction>;
export type Deadline = Out<typeof S.Deadline>;
export type CaseSummary = Out<typeof S.CaseSummary>;
/** What a coordinator may correct without the reviewer: each field given replaces the case's. */
export type ClericalCorrection = z.input<typeof S.ClericalPreviewBody>['correction'];
export type CasePage = Out<typeof S.CasePage>;
/** A case found by number or worker: its summary and the worker's name. */
export type CaseSearchHit = CaseSummary & { worker: string };
export type ReviewerMatch = Out<typeof S.ReviewerMatch>;
export type IssuedVersion = Out<typeof S.IssuedVersion>;
export type IssueResult = Out<typeof S.IssueResult>;
export type IssuePreview = Out<typeof S.IssuePreviewSchema>;
export type AuditEntry = Out<typeof S.AuditEntry>;
export type LetterUploadResult = Out<typeof S.LetterUploadResult>;
export type AuditVerification = Out<typeof S.AuditVerification>;
export type NewUserRequest = z.input<typeof S.NewUserBody>;
export type UserPatch = Omit<z.input<typeof S.UserPatchBody>, 'version'>;
export type ReviewerPatch = z.input<typeof S.ReviewerPatchBody>;
export type DecisionEntry = z.input<typeof S.DecisionEntry>;
export type NewCaseRequest = z.input<typeof S.NewCaseBody>;
export type CaseDocument = z.input<typeof S.RecordsReceivedBody>['documents'][number];

/** A page of a listing. */
export interface Page<T> {
  items: T[];
  total: number;
  totalExact: boolean;
  limit: number;
  offset: number;
  nextOffset: number | null;
}

/**
 * The filters of a corpus search or of statistics, as form text: the API's
 * filters (defined once, in the domain's CORPUS_FILTERS), the words, the
 * order, and the page's own region and diagnosis (sent as words).
 */
export type CorpusFilters = Partial<Record<CorpusFilterName, string>> & {
  q?: string;
  sort?: string;
  /** A key of BODY_REGIONS. */
  region?: string;
  diagnosis?: string;
};
