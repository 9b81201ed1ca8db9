/**
 * A valid request for every operation of the OpenAPI document: what the API
 * fuzzers (api-requests.ts) mutate. Paths name the cases, users and letters
 * they act on with tokens the worker resolves (api-target.ts), so that a step
 * always finds a case in the state it is taken from.
 */
import type { Who } from './api-target.js';

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A valid request of one operation, before mutation. */
export interface Fixture {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  /** JSON body. */
  body?: Json;
  /** A file upload: its text (and a PDF for mutations to use), type and name. */
  upload?: { text: string; pdf: Uint8Array; type: string; name: string };
  who: Who;
}

const RATIONALE = 'The guideline criteria were weighed against the records; the request is decided accordingly.';

/** One valid request per operation; `newCase` and `decisions` are bodies for the fixture case, `letter` a real letter's text. */
export function fixtures(newCase: Json, decisions: Json[], letter: string, pdf: Uint8Array): Fixture[] {
  const file = (newCase as { file: Json }).file;
  const v = '$version';
  const action = (operationId: string, path: string, state: string, body: Json, who: Who = 'cora'): Fixture => ({ operationId, method: 'POST', path: `/api/cases/{case:${state}}/${path}`, body: { version: v, ...(body as object) }, who });
  return [
    { operationId: 'health', method: 'GET', path: '/api/health', who: 'anonymous' },
    { operationId: 'openapi', method: 'GET', path: '/openapi.json', who: 'anonymous' },
    { operationId: 'login', method: 'POST', path: '/api/auth/login', body: { username: 'fuzz', password: 'correct horse battery staple' }, who: 'anonymous' },
    { operationId: 'logout', method: 'POST', path: '/api/auth/logout', who: 'ana' },
    { operationId: 'getSession', method: 'GET', path: '/api/auth/session', who: 'ana' },
    { operationId: 'changePassword', method: 'POST', path: '/api/auth/password', body: { currentPassword: 'correct horse battery staple', newPassword: 'another long enough password' }, who: 'pub' },
    { operationId: 'listUsers', method: 'GET', path: '/api/users', query: { limit: '5', offset: '1' }, who: 'admin' },
    { operationId: 'createUser', method: 'POST', path: '/api/users', body: { username: 'u-CM99-FRESH00', role: 'analyst', password: 'a long enough password' }, who: 'admin' },
    { operationId: 'getUser', method: 'GET', path: '/api/users/{user:target}', who: 'admin' },
    { operationId: 'updateUser', method: 'PATCH', path: '/api/users/{user:target}', body: { version: v, displayName: 'Target User', role: 'analyst' }, who: 'admin' },
    { operationId: 'resetPassword', method: 'PUT', path: '/api/users/{user:target}/password', body: { password: 'a fresh long password' }, who: 'admin' },
    { operationId: 'searchCorpus', method: 'GET', path: '/api/corpus/search', query: { q: 'baclofen "medically necessary" -opioid', decision: 'upheld', drug: 'baclofen', guideline: 'MTUS', specialty: 'Pain', from: '2016-01-01', to: '2017-12-31', limit: '5' }, who: 'ana' },
    { operationId: 'corpusStats', method: 'GET', path: '/api/corpus/stats', query: { by: 'drug', q: 'pain', category: 'medication' }, who: 'ana' },
    { operationId: 'getLetter', method: 'GET', path: '/api/letters/{letter}', who: 'ana' },
    { operationId: 'getLetterOriginal', method: 'GET', path: '/api/letters/{letter}/original', who: 'ana' },
    { operationId: 'renderLetter', method: 'GET', path: '/api/letters/{letter}/letter', query: { format: 'html' }, who: 'ana' },
    { operationId: 'similarLetters', method: 'GET', path: '/api/letters/{letter}/similar', query: { limit: '3' }, who: 'ana' },
    { operationId: 'uploadLetter', method: 'POST', path: '/api/letters', query: { name: 'CM99-FRESH00.txt' }, upload: { text: letter, pdf, type: 'text/plain', name: 'CM99-FRESH00.txt' }, who: 'cora' },
    { operationId: 'listPublished', method: 'GET', path: '/api/published', query: { limit: '5' }, who: 'pub' },
    { operationId: 'getPublished', method: 'GET', path: '/api/published/{case-number:issued}', query: { version: '1' }, who: 'pub' },
    { operationId: 'renderPublished', method: 'GET', path: '/api/published/{case-number:issued}/letter', query: { format: 'txt' }, who: 'pub' },
    { operationId: 'listCases', method: 'GET', path: '/api/cases', query: { state: 'in-review,decided', flagged: 'false', limit: '10' }, who: 'cora' },
    { operationId: 'searchCases', method: 'GET', path: '/api/case-search', query: { q: 'cm', limit: '10' }, who: 'cora' },
    { operationId: 'openCase', method: 'POST', path: '/api/cases', body: newCase, who: 'cora' },
    { operationId: 'getCase', method: 'GET', path: '/api/cases/{case:in-review}', who: 'rita' },
    { operationId: 'getCaseDraft', method: 'GET', path: '/api/cases/{case:in-review}/draft', who: 'rita' },
    { operationId: 'getCaseCandidates', method: 'GET', path: '/api/cases/{case:records-received}/candidates', who: 'cora' },
    { operationId: 'getCaseHistory', method: 'GET', path: '/api/cases/{case:decided}/history', query: { limit: '50' }, who: 'rita' },
    { operationId: 'listCaseDeterminations', method: 'GET', path: '/api/cases/{case:issued}/determinations', who: 'cora' },
    { operationId: 'renderCaseLetter', method: 'GET', path: '/api/cases/{case:issued}/letter', query: { format: 'md', redacted: 'false' }, who: 'cora' },
    action('checkEligibility', 'eligibility', 'received', {}),
    action('assignCaseNumber', 'case-number', 'eligible', {}),
    action('requestRecords', 'records/request', 'assigned', { electronic: true }),
    action('receiveRecords', 'records', 'records-requested', { documents: [{ title: 'PR-2 progress report', date: '2016-11-28', text: 'Neck pain after a fall at work; full strength.' }] }),
    action('assignReviewer', 'reviewer', 'records-received', { reviewerId: 'R-002' }),
    action('decide', 'decisions', 'in-review', { decisions }, 'rita'),
    action('terminateCase', 'terminate', 'received', { reason: 'The claims administrator authorised the treatment.' }),
    { operationId: 'previewIssue', method: 'GET', path: '/api/cases/{case:decided}/issue-preview', who: 'cora' },
    // A well-formed hash that is not the preview's: the validators pass it, the service refuses it (409), nothing is published.
    { operationId: 'issueDetermination', method: 'POST', path: '/api/cases/{case:decided}/issue', body: { version: v, previewHash: 'ab'.repeat(32) }, who: 'cora' },
    { operationId: 'withdrawPublished', method: 'POST', path: '/api/cases/{case:issued}/withdraw', body: { reason: 'a name was left in the summary', publishedVersion: 1 }, who: 'cora' },
    { operationId: 'previewCorrection', method: 'POST', path: '/api/cases/{case:issued}/corrections/preview', body: { decisions: [{ ...(decisions[0] as object), rationale: `Corrected. ${RATIONALE}` }], reason: 'wrong guideline cited' }, who: 'rita' },
    // A well-formed hash that is not the preview's: refused with 409, nothing published.
    { operationId: 'correctDetermination', method: 'POST', path: '/api/cases/{case:issued}/corrections', body: { version: v, decisions: [{ ...(decisions[0] as object), rationale: `Corrected. ${RATIONALE}` }], reason: 'wrong guideline cited', previewHash: 'cd'.repeat(32) }, who: 'rita' },
    { operationId: 'previewClericalCorrection', method: 'POST', path: '/api/cases/{case:issued}/corrections/clerical/preview', body: { correction: { injuryDates: ['2016-10-31'] }, reason: 'injury date mistyped at intake' }, who: 'cora' },
    // A well-formed hash that is not the preview's: refused with 409, nothing published.
    { operationId: 'correctClerical', method: 'POST', path: '/api/cases/{case:issued}/corrections/clerical', body: { version: v, correction: { injuryDates: ['2016-10-31'] }, reason: 'injury date mistyped at intake', previewHash: 'ef'.repeat(32) }, who: 'cora' },
    action('requestCorrection', 'corrections/request', 'issued', { note: 'Item 1: the rationale misstates the age of the injury.' }),
    action('makeCorrection', 'corrections/request/answer', 'issued', { decisions: [{ ...(decisions[0] as object), rationale: `Corrected. ${RATIONALE}` }], reason: 'age of the injury misstated' }, 'rita'),
    action('cancelCorrection', 'corrections/request/cancel', 'issued', {}),
    { operationId: 'previewRequestedCorrection', method: 'GET', path: '/api/cases/{case:issued}/corrections/request/preview', who: 'cora' },
    { operationId: 'issueRequestedCorrection', method: 'POST', path: '/api/cases/{case:issued}/corrections/request/issue', body: { version: v, previewHash: '12'.repeat(32) }, who: 'cora' },
    { operationId: 'listReviewers', method: 'GET', path: '/api/reviewers', query: { limit: '2' }, who: 'cora' },
    { operationId: 'addReviewer', method: 'POST', path: '/api/reviewers', body: { id: 'R-CM99-FRESH00', name: 'Dr. New', boardCertifications: ['Internal Medicine'], licensureStates: ['CA'], yearsInPractice: 8, hoursPerWeek: 20 }, who: 'cora' },
    { operationId: 'getReviewer', method: 'GET', path: '/api/reviewers/R-003', who: 'cora' },
    { operationId: 'updateReviewer', method: 'PATCH', path: '/api/reviewers/R-003', body: { hoursPerWeek: 12, available: true, ties: [{ kind: 'provider', name: 'Valley Clinic' }] }, who: 'cora' },
    { operationId: 'assessCaseFile', method: 'POST', path: '/api/engine/assess', body: file, who: 'ana' },
    { operationId: 'listAudit', method: 'GET', path: '/api/audit', query: { caseId: '1', limit: '20' }, who: 'admin' },
    { operationId: 'verifyAudit', method: 'GET', path: '/api/audit/verify', who: 'admin' },
  ];
}

