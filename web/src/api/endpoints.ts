/** The API calls the UI makes, typed. */
import { query, request, setCsrfToken } from './client.js';
import type {
  AuditEntry,
  CaseAssessment,
  CaseDocument,
  CasePage,
  CaseView,
  CorpusFilters,
  DecisionEntry,
  IssuedVersion,
  IssuePreview,
  IssueResult,
  NewCaseRequest,
  Page,
  ReviewerMatch,
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

export const searchCorpus = (f: CorpusFilters, limit: number, offset: number) => request<SearchPage>('GET', `/api/corpus/search${query({ ...f, limit, offset })}`);
export const corpusStats = (by: StatsDimension, f: CorpusFilters) => request<Stats>('GET', `/api/corpus/stats${query({ ...f, by })}`);
export const getLetter = (id: string) => request<StoredLetter>('GET', `/api/letters/${encodeURIComponent(id)}`);
export const similarLetters = (id: string, limit = 6) => request<SimilarLetters>('GET', `/api/letters/${encodeURIComponent(id)}/similar${query({ limit })}`);

const c = (ref: string | number) => `/api/cases/${encodeURIComponent(String(ref))}`;

export const listCases = (params: { state?: string; flagged?: boolean; limit?: number; offset?: number }) =>
  request<CasePage>('GET', `/api/cases${query({ state: params.state, flagged: params.flagged ? 'true' : undefined, limit: params.limit ?? 200, offset: params.offset ?? 0 })}`);
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
  terminate: (ref: number, version: number, reason: string) => request<CaseView>('POST', `${c(ref)}/terminate`, { version, reason }),
};

/** Where a case's issued letter is downloaded from (the browser's own request carries the session cookie). */
export function caseLetterUrl(ref: string | number, format: 'pdf' | 'html' | 'txt' | 'md', options: { version?: number; redacted?: boolean } = {}): string {
  return `${c(ref)}/letter${query({ format, version: options.version, redacted: options.redacted === false ? 'false' : undefined })}`;
}

export function corpusLetterUrl(id: string | number, format: 'pdf' | 'html' | 'txt'): string {
  return `/api/letters/${encodeURIComponent(String(id))}/letter${query({ format })}`;
}
