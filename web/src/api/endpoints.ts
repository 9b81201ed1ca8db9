/** The API calls the UI makes, typed. */
import { LETTER_MEDIA_TYPES, letterFormatOfName } from '../../../src/domain/letter-formats.js';
import type { LetterFormat } from '../../../src/domain/index.js';
import { wordsWith } from '../text/mentions.js';
import { query, request, setCsrfToken, upload } from './client.js';
import type {
  AuditEntry,
  CaseAssessment,
  CaseDocument,
  ClericalCorrection,
  CasePage,
  CaseSearchHit,
  CaseView,
  CorpusFilters,
  DecisionEntry,
  IssuedVersion,
  IssuePreview,
  LetterUploadResult,
  IssueResult,
  NewCaseRequest,
  Page,
  AuditVerification,
  NewUserRequest,
  Reviewer,
  ReviewerMatch,
  ReviewerPatch,
  User,
  UserPatch,
  SearchPage,
  Session,
  SimilarLetters,
  Stats,
  StatsDimension,
  StoredLetter,
} from './types.js';

export async function login(username: string, password: string): Promise<Session> {
  const s = await request<Session>('POST', '/api/auth/login', { username, password });
  setCsrfToken(s.csrfToken);
  return s;
}

export async function currentSession(): Promise<Session> {
  const s = await request<Session>('GET', '/api/auth/session');
  setCsrfToken(s.csrfToken);
  return s;
}

export async function logout(): Promise<void> {
  await request('POST', '/api/auth/logout');
  setCsrfToken(null);
}

export const changePassword = (currentPassword: string, newPassword: string) => request<Session>('POST', '/api/auth/password', { currentPassword, newPassword });

/** The filters as the API takes them: region and diagnosis become clauses of the search words. */
function apiFilters(f: CorpusFilters): Omit<CorpusFilters, 'region' | 'diagnosis'> {
  const { region, diagnosis, ...rest } = f;
  return { ...rest, q: wordsWith(f.q, region, diagnosis) };
}

export const searchCorpus = (f: CorpusFilters, limit: number, offset: number) => request<SearchPage>('GET', `/api/corpus/search${query({ ...apiFilters(f), limit, offset })}`);
export const corpusStats = (by: StatsDimension, f: CorpusFilters) => {
  const { sort: _order, ...filters } = apiFilters(f); // order means nothing to counts
  return request<Stats>('GET', `/api/corpus/stats${query({ ...filters, by })}`);
};
export const getLetter = (id: string) => request<StoredLetter>('GET', `/api/letters/${encodeURIComponent(id)}`);
export const similarLetters = (id: string, limit = 6) => request<SimilarLetters>('GET', `/api/letters/${encodeURIComponent(id)}/similar${query({ limit })}`);

const c = (ref: string | number) => `/api/cases/${encodeURIComponent(String(ref))}`;

export const listCases = (params: { state?: string; flagged?: boolean; limit?: number; offset?: number }) =>
  request<CasePage>('GET', `/api/cases${query({ state: params.state, flagged: params.flagged ? 'true' : undefined, limit: params.limit ?? 200, offset: params.offset ?? 0 })}`);
/** Cases by number (or its beginning) or by part of the worker's name. */
export const searchCases = (q: string) => request<Page<CaseSearchHit>>('GET', `/api/case-search${query({ q, limit: 200 })}`);
export const getCase = (ref: string | number) => request<CaseView>('GET', c(ref));
export const getDraft = (ref: string | number) => request<CaseAssessment>('GET', `${c(ref)}/draft`);
export const getCandidates = (ref: string | number) => request<Page<ReviewerMatch>>('GET', `${c(ref)}/candidates`);
export const getHistory = (ref: string | number) => request<Page<AuditEntry>>('GET', `${c(ref)}/history?limit=200`);
export const getIssued = (ref: string | number) => request<Page<IssuedVersion>>('GET', `${c(ref)}/determinations`);
export const openCase = (body: NewCaseRequest) => request<CaseView>('POST', '/api/cases', body);

/** The lifecycle steps, each naming the version read. */
export const caseSteps = {
  eligibility: (ref: number, version: number) => request<CaseView>('POST', `${c(ref)}/eligibility`, { version }),
  caseNumber: (ref: number, version: number) => request<CaseView>('POST', `${c(ref)}/case-number`, { version }),
  requestRecords: (ref: number, version: number, electronic: boolean) => request<CaseView>('POST', `${c(ref)}/records/request`, { version, electronic }),
  receiveRecords: (ref: number, version: number, documents: CaseDocument[]) => request<CaseView>('POST', `${c(ref)}/records`, { version, documents }),
  assignReviewer: (ref: number, version: number, reviewerId?: string) => request<CaseView>('POST', `${c(ref)}/reviewer`, { version, ...(reviewerId ? { reviewerId } : {}) }),
  decide: (ref: number, version: number, decisions: DecisionEntry[]) => request<CaseView>('POST', `${c(ref)}/decisions`, { version, decisions }),
  /** The letter as issuing would publish it, with each removal marked; publishes nothing. */
  previewIssue: (ref: number) => request<IssuePreview>('GET', `${c(ref)}/issue-preview`),
  /** Issues the letter previewed, and only it: the server refuses a letter that differs from the preview. */
  issue: (ref: number, version: number, previewHash: string) => request<IssueResult>('POST', `${c(ref)}/issue`, { version, previewHash }),
  /** Withdraws a published version (the latest still published by default): the public no longer gets it. */
  withdraw: (ref: number, reason: string, publishedVersion?: number) => request<IssuedVersion>('POST', `${c(ref)}/withdraw`, { reason, ...(publishedVersion ? { publishedVersion } : {}) }),
  /** The letter a correction would publish (version N+1, marked Corrected), with each removal marked; publishes nothing. */
  previewCorrection: (ref: number, decisions: DecisionEntry[], reason: string) => request<IssuePreview>('POST', `${c(ref)}/corrections/preview`, { decisions, reason }),
  /** Issues the correction previewed, and only it: the server refuses a letter that differs from the preview. */
  correct: (ref: number, version: number, decisions: DecisionEntry[], reason: string, previewHash: string) => request<IssueResult>('POST', `${c(ref)}/corrections`, { version, decisions, reason, previewHash }),
  terminate: (ref: number, version: number, reason: string) => request<CaseView>('POST', `${c(ref)}/terminate`, { version, reason }),
  /** The letter a clerical correction (parties, dates, age and sex) would publish, marked Corrected; publishes nothing. */
  previewClerical: (ref: number, correction: ClericalCorrection, reason: string) => request<IssuePreview>('POST', `${c(ref)}/corrections/clerical/preview`, { correction, reason }),
  /** Issues the clerical correction previewed, and only it. */
  correctClerical: (ref: number, version: number, correction: ClericalCorrection, reason: string, previewHash: string) =>
    request<IssueResult>('POST', `${c(ref)}/corrections/clerical`, { version, correction, reason, previewHash }),
  /** Asks the assigned reviewer to correct decisions or rationales; the note is shown to them. */
  requestCorrection: (ref: number, version: number, note: string) => request<CaseView>('POST', `${c(ref)}/corrections/request`, { version, note }),
  /** The reviewer's answer to the open request: the corrected decisions and the reason; nothing is issued. */
  answerCorrection: (ref: number, version: number, decisions: DecisionEntry[], reason: string) => request<CaseView>('POST', `${c(ref)}/corrections/request/answer`, { version, decisions, reason }),
  cancelCorrection: (ref: number, version: number) => request<CaseView>('POST', `${c(ref)}/corrections/request/cancel`, { version }),
  /** The letter issuing the reviewer's correction would publish; publishes nothing. */
  previewRequestedCorrection: (ref: number) => request<IssuePreview>('GET', `${c(ref)}/corrections/request/preview`),
  issueRequestedCorrection: (ref: number, version: number, previewHash: string) => request<IssueResult>('POST', `${c(ref)}/corrections/request/issue`, { version, previewHash }),
};

/** Where a case's issued letter is downloaded from (the browser's own request carries the session cookie). */
export function caseLetterUrl(ref: string | number, format: LetterFormat, options: { version?: number; redacted?: boolean } = {}): string {
  return `${c(ref)}/letter${query({ format, version: options.version, redacted: options.redacted === false ? 'false' : undefined })}`;
}

export function corpusLetterUrl(id: string | number, format: LetterFormat): string {
  return `/api/letters/${encodeURIComponent(String(id))}/letter${query({ format })}`;
}

// ---- administration ----

/** Every item of a paged listing (the API pages by at most 200). */
async function all<T>(path: (limit: number, offset: number) => string, cap = 5000): Promise<T[]> {
  const out: T[] = [];
  let offset: number | null = 0;
  while (offset !== null && out.length < cap) {
    const page: Page<T> = await request<Page<T>>('GET', path(200, offset));
    out.push(...page.items);
    offset = page.nextOffset;
  }
  return out;
}

export const listUsers = () => all<User>((limit, offset) => `/api/users${query({ limit, offset })}`);
export const createUser = (body: NewUserRequest) => request<User>('POST', '/api/users', body);
export const updateUser = (id: number, version: number, patch: UserPatch) => request<User>('PATCH', `/api/users/${id}`, { ...patch, version });
export const resetPassword = (id: number, password: string) => request<User>('PUT', `/api/users/${id}/password`, { password });

/** What the server filters the audit trail by: every one given must hold; dates are UTC days, both included. */
export interface AuditQuery {
  caseId?: number;
  caseNumber?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** One page of the audit trail as filtered by the server, newest first. */
export const listAudit = (f: AuditQuery, limit: number, offset: number) => request<Page<AuditEntry>>('GET', `/api/audit${query({ ...f, order: 'desc', limit, offset })}`);
export const verifyAudit = () => request<AuditVerification>('GET', '/api/audit/verify');

export const listReviewers = () => all<Reviewer>((limit, offset) => `/api/reviewers${query({ limit, offset })}`);
export const addReviewer = (body: Reviewer) => request<Reviewer>('POST', '/api/reviewers', body);
export const updateReviewer = (id: string, patch: ReviewerPatch) => request<Reviewer>('PATCH', `/api/reviewers/${encodeURIComponent(id)}`, patch);

/** The media type a letter file is sent as, from its own type or its name; null for a kind the API does not read. */
export function letterTypeOf(file: { name: string; type: string }): string | null {
  if ((Object.values(LETTER_MEDIA_TYPES) as string[]).includes(file.type)) return file.type;
  const format = letterFormatOfName(file.name);
  return format ? LETTER_MEDIA_TYPES[format] : null;
}

/** Adds a letter file to the corpus: 201 stored, 200 already stored. */
export const uploadLetter = (file: File, contentType: string) => upload<LetterUploadResult>(`/api/letters${query({ name: file.name })}`, file, contentType);
