import { CaseAssessment, NotFoundError, type ImrCase, type IssuedDetermination } from '../../../domain/index.js';
import type { CaseView } from '../../../workflow/cases/index.js';
import { actionsOn } from '../../../workflow/cases/index.js';
import type { Principal } from '../../context.js';
import { can } from '../../roles.js';
import { reply, type ApiRouter, type Reply } from '../../route.js';
import { AuditPage, CaseLetterQuery, CaseListQuery, CasePage, CaseRef, CaseViewSchema, IssuedPage, NewCaseBody, PageQuery, pageOf, ReviewerMatchPage } from '../../schemas/index.js';
import type { ApiServices } from '../../services.js';
import { LETTER_RESPONSES, letterResponse } from './render.js';

/** True when the principal may see the case: any case for case managers, only their own for a reviewer. */
export function maySee(p: Principal, c: ImrCase): boolean {
  if (can(p.user.role, 'cases:manage')) return true;
  return p.user.role === 'reviewer' && p.user.reviewerId !== null && c.reviewerId === p.user.reviewerId;
}

/**
 * The case, if the principal may see it. Anything else is NotFoundError
 * with the same message as for a case that does not exist, so a reviewer
 * learns nothing of other cases, not even that they exist.
 */
export async function visibleCase(s: ApiServices, p: Principal, ref: string): Promise<ImrCase> {
  const c = await s.store.cases.find(ref).catch((err) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  if (!c || !maySee(p, c)) throw new NotFoundError(`case ${ref}`);
  return c;
}

const MANAGER_ACTIONS = new Set(['check-eligibility', 'assign-case-number', 'request-records', 'receive-records', 'assign-reviewer', 'issue', 'terminate', 'correct-clerical', 'request-correction', 'issue-correction', 'cancel-correction']);
const REVIEWER_ACTIONS = new Set(['decide', 'correct', 'make-correction']);

/** A case view with what this user may do to the case now, and its version as the ETag. */
export function caseReply(p: Principal, v: CaseView, status: 200 | 201 = 200): Reply {
  const mine = can(p.user.role, 'cases:decide') && maySee(p, v.case) ? REVIEWER_ACTIONS : can(p.user.role, 'cases:manage') ? MANAGER_ACTIONS : new Set<string>();
  const actions = actionsOn(v.case).filter((a) => mine.has(a));
  return reply({ ...v, actions }, status, { ETag: `"${v.case.version}"` });
}

/** An issued version as the API shows it (IssuedVersion): its letter only by content hash. */
export function issuedVersion(i: IssuedDetermination) {
  return { caseId: i.caseId, version: i.version, issuedAt: i.issuedAt, issuedBy: i.issuedBy, reason: i.reason, contentHash: i.determination.contentHash, withdrawn: i.withdrawn ?? null };
}

/** A case as listed: number, state, priority, items and the next deadline. */
export function summary(v: CaseView) {
  const c = v.case;
  const decided = new Map(c.decisions.map((d) => [d.index, d.decision]));
  const open = v.deadlines.filter((d) => !d.metOn && d.kind !== 'application');
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    state: c.state,
    version: c.version,
    priority: c.priority,
    reviewerId: c.reviewerId,
    receivedDate: c.application.receivedDate,
    items: c.file.items.map((i) => ({ index: i.index, request: i.request, decision: decided.get(i.index) ?? null })),
    urgency: v.urgency,
    due: open[0]?.due ?? null,
    correction: c.correction ? (c.correction.made ? ('made' as const) : ('requested' as const)) : null,
  };
}

/** Cases: listing, opening, reading, the engine's draft, history, issued versions and letters. Lifecycle writes are in case-actions.ts. */
export function registerCaseRoutes(router: ApiRouter, s: ApiServices): void {
  router.add({
    method: 'get',
    path: '/api/cases',
    operationId: 'listCases',
    summary: 'Cases, oldest application first (a reviewer: only theirs)',
    tag: 'cases',
    access: 'cases:read',
    query: CaseListQuery,
    responses: { 200: { description: 'a page of cases', schema: CasePage } },
    handler: async ({ query, principal }) => {
      const own = can(principal.user.role, 'cases:manage') ? {} : { reviewerId: principal.user.reviewerId ?? '\u0000none' };
      const res = await s.cases.page({ ...own, ...(query.state ? { states: query.state } : {}), flagged: query.flagged, limit: query.limit, offset: query.offset });
      return reply(pageOf(res.items.map(summary), res.total, query));
    },
  });

  router.add({
    method: 'post',
    path: '/api/cases',
    operationId: 'openCase',
    summary: 'Open a case from its application, parties and case file',
    tag: 'cases',
    access: 'cases:manage',
    body: NewCaseBody,
    responses: { 201: { description: 'opened (state received)', schema: CaseViewSchema }, 409: { description: 'the case number is taken' } },
    handler: async ({ body, principal }) => {
      const { caseNumber, ...input } = body;
      const opened = await s.cases.open(input, principal.user.username, caseNumber ? { caseNumber } : {});
      return caseReply(principal, s.cases.toView(opened), 201);
    },
  });

  router.add({
    method: 'get',
    path: '/api/cases/:ref',
    operationId: 'getCase',
    summary: 'A case with its deadlines and what you may do to it',
    description: 'The ETag and case.version are the version to name in writes.',
    tag: 'cases',
    access: 'cases:read',
    params: CaseRef,
    responses: { 200: { description: 'the case', schema: CaseViewSchema } },
    handler: async ({ params, principal }) => caseReply(principal, s.cases.toView(await visibleCase(s, principal, params.ref))),
  });

  router.add({
    method: 'get',
    path: '/api/cases/:ref/draft',
    operationId: 'getCaseDraft',
    summary: "The determination engine's draft for the case",
    tag: 'cases',
    access: 'cases:read',
    params: CaseRef,
    responses: {
      200: { description: 'the draft per item', schema: CaseAssessment },
      422: { description: 'drafting took more time or memory than a job may (LIMIT_EXCEEDED)' },
      503: { description: 'every worker is busy and the queue is full (BUSY); see Retry-After' },
    },
    handler: async ({ params, principal }) => {
      const c = await visibleCase(s, principal, params.ref);
      // The draft stored as the case entered review (what an override is judged against), else a
      // fresh one, drafted in the job pool.
      const draft = await s.cases.draft(`#${c.id}`);
      if (!draft) throw new NotFoundError('a determination engine');
      return reply(draft);
    },
  });

  router.add({
    method: 'get',
    path: '/api/cases/:ref/candidates',
    operationId: 'getCaseCandidates',
    summary: 'Every registered reviewer evaluated for the case: who may take it, best first, and who may not and why',
    tag: 'cases',
    access: 'cases:manage',
    params: CaseRef,
    responses: { 200: { description: 'reviewers ranked', schema: ReviewerMatchPage } },
    handler: async ({ params, principal }) => {
      const c = await visibleCase(s, principal, params.ref);
      const ranked = await s.cases.matches(String(c.id));
      return reply(pageOf(ranked, ranked.length, { limit: ranked.length, offset: 0 }));
    },
  });

  router.add({
    method: 'get',
    path: '/api/cases/:ref/history',
    operationId: 'getCaseHistory',
    summary: "The case's audit entries, oldest first",
    tag: 'cases',
    access: 'cases:read',
    params: CaseRef,
    query: PageQuery,
    responses: { 200: { description: 'a page of audit entries', schema: AuditPage } },
    handler: async ({ params, query, principal }) => {
      const c = await visibleCase(s, principal, params.ref);
      const res = await s.store.audit.page({ caseId: c.id, ...query });
      return reply(pageOf(res.items, res.total, query));
    },
  });

  router.add({
    method: 'get',
    path: '/api/cases/:ref/determinations',
    operationId: 'listCaseDeterminations',
    summary: "Issued versions of the case's determination, oldest first",
    tag: 'cases',
    access: 'cases:read',
    params: CaseRef,
    responses: { 200: { description: 'issued versions', schema: IssuedPage } },
    handler: async ({ params, principal }) => {
      const c = await visibleCase(s, principal, params.ref);
      const versions = (await s.store.issued.list(c.id)).map(issuedVersion);
      return reply(pageOf(versions, versions.length, { limit: versions.length, offset: 0 }));
    },
  });

  router.add({
    method: 'get',
    path: '/api/cases/:ref/letter',
    operationId: 'renderCaseLetter',
    summary: "The case's issued determination letter as md, html, txt or pdf",
    description: 'Redacted (as published) unless redacted=false, which gives the internal letter with the names left in.',
    tag: 'cases',
    access: 'cases:read',
    params: CaseRef,
    query: CaseLetterQuery,
    responses: LETTER_RESPONSES,
    handler: async ({ c, params, query, principal }) => {
      const kase = await visibleCase(s, principal, params.ref);
      const issued = await s.store.issued.get(kase.id, query.version);
      if (!issued) throw new NotFoundError(query.version ? `version ${query.version} of the determination of case ${params.ref}` : `an issued determination of case ${params.ref}`);
      const det = query.redacted ? issued.published : issued.determination;
      return letterResponse(c, s.jobs, det, query.format, `${kase.caseNumber ?? `case-${kase.id}`}-v${issued.version}${query.redacted ? '' : '-internal'}`);
    },
  });
}
