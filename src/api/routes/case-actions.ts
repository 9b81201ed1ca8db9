import type { z } from 'zod';
import { ConflictError, type ImrCase } from '../../domain/index.js';
import type { DecisionInput } from '../../workflow/deciding.js';
import type { Principal } from '../context.js';
import { reply, type ApiRouter } from '../route.js';
import { AssignReviewerBody, CaseRef, CaseViewSchema, CorrectBody, DecideBody, IssueResult, RecordsReceivedBody, RecordsRequestBody, TerminateBody, VersionBody } from '../schemas.js';
import type { ApiServices } from '../services.js';
import { caseReply, visibleCase } from './cases.js';

type Versioned = z.ZodType<{ version: number }>;

/**
 * The case lifecycle over HTTP. Every write names the version the client
 * read: the case is read and its visibility checked at that version, and the
 * service writes only if it is still at it, so a stale write, and a write
 * racing a reassignment, are refused with 409 rather than applied.
 */
export function registerCaseActionRoutes(router: ApiRouter, s: ApiServices): void {
  const action = <B extends Versioned>(spec: {
    path: string;
    operationId: string;
    summary: string;
    description?: string;
    access: 'cases:manage' | 'cases:decide';
    body: B;
    run: (ref: string, body: z.output<B>, actor: string) => Promise<ImrCase>;
  }) =>
    router.add({
      method: 'post',
      path: `/api/cases/:ref/${spec.path}`,
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tag: 'case lifecycle',
      access: spec.access,
      params: CaseRef,
      body: spec.body,
      responses: { 200: { description: 'the case after the step, at its new version', schema: CaseViewSchema }, 409: { description: 'stale version, or the case is not in a state this step is taken from' } },
      handler: async ({ params, body, principal }) => {
        const c = await checked(principal, params.ref, body.version);
        return caseReply(principal, s.cases.toView(await spec.run(String(c.id), body, principal.user.username)));
      },
    });

  const checked = async (p: Principal, ref: string, version: number): Promise<ImrCase> => {
    const c = await visibleCase(s, p, ref);
    if (c.version !== version) throw new ConflictError(`case ${c.caseNumber ?? `#${c.id}`}`, version, c.version);
    return c;
  };

  action({
    path: 'eligibility',
    operationId: 'checkEligibility',
    summary: 'Check eligibility: the case becomes eligible, or ineligible with every reason',
    access: 'cases:manage',
    body: VersionBody,
    run: (ref, b, actor) => s.cases.checkEligibility(ref, actor, { expectedVersion: b.version }),
  });
  action({
    path: 'case-number',
    operationId: 'assignCaseNumber',
    summary: "Assign the year's next case number (an imported case keeps its own)",
    access: 'cases:manage',
    body: VersionBody,
    run: (ref, b, actor) => s.cases.assignCaseNumber(ref, actor, { expectedVersion: b.version }),
  });
  action({
    path: 'records/request',
    operationId: 'requestRecords',
    summary: 'Record that the records were requested from the claims administrator (the records deadline starts)',
    access: 'cases:manage',
    body: RecordsRequestBody,
    run: (ref, b, actor) => s.cases.requestRecords(ref, actor, { electronic: b.electronic, expectedVersion: b.version }),
  });
  action({
    path: 'records',
    operationId: 'receiveRecords',
    summary: 'Record the records received, adding their documents to the case file',
    access: 'cases:manage',
    body: RecordsReceivedBody,
    run: (ref, b, actor) => s.cases.receiveRecords(ref, actor, b.documents, { expectedVersion: b.version }),
  });
  action({
    path: 'reviewer',
    operationId: 'assignReviewer',
    summary: 'Assign an expert reviewer: the one named, or the best match',
    description: 'Conflicts of interest, licensure, active practice and availability block (422 with each reason).',
    access: 'cases:manage',
    body: AssignReviewerBody,
    run: async (ref, b, actor) => (await s.cases.assignReviewer(ref, actor, b.reviewerId, { expectedVersion: b.version })).case,
  });
  action({
    path: 'decisions',
    operationId: 'decide',
    summary: "Record the assigned reviewer's decisions on some or all items",
    description: "Each decision needs a rationale; one that differs from the engine's draft needs an override reason. The case is decided once every item is.",
    access: 'cases:decide',
    body: DecideBody,
    run: (ref, b, actor) => s.cases.decide(ref, actor, b.decisions as DecisionInput[], { expectedVersion: b.version }),
  });
  action({
    path: 'terminate',
    operationId: 'terminateCase',
    summary: 'End a case whose treatment the claims administrator authorised',
    access: 'cases:manage',
    body: TerminateBody,
    run: (ref, b, actor) => s.cases.terminate(ref, actor, b.reason, { expectedVersion: b.version }),
  });

  router.add({
    method: 'post',
    path: '/api/cases/:ref/issue',
    operationId: 'issueDetermination',
    summary: 'Issue the final determination (version 1), frozen from then on',
    tag: 'case lifecycle',
    access: 'cases:manage',
    params: CaseRef,
    body: VersionBody,
    responses: { 200: { description: 'issued', schema: IssueResult }, 409: { description: 'stale version, or the case is not decided' } },
    handler: async ({ params, body, principal }) => {
      const c = await checked(principal, params.ref, body.version);
      const res = await s.cases.issue(String(c.id), principal.user.username, { expectedVersion: body.version });
      return issued(principal, res);
    },
  });

  router.add({
    method: 'post',
    path: '/api/cases/:ref/corrections',
    operationId: 'correctDetermination',
    summary: 'Correct an issued determination: the decisions given replace those of their items, and version N+1 is issued',
    tag: 'case lifecycle',
    access: 'cases:decide',
    params: CaseRef,
    body: CorrectBody,
    responses: { 200: { description: 'the corrected version issued', schema: IssueResult }, 409: { description: 'stale version, or the case is not issued' } },
    handler: async ({ params, body, principal }) => {
      const c = await checked(principal, params.ref, body.version);
      const res = await s.cases.correct(String(c.id), principal.user.username, body.decisions as DecisionInput[], body.reason, { expectedVersion: body.version });
      return issued(principal, res);
    },
  });

  const issued = (p: Principal, res: Awaited<ReturnType<typeof s.cases.issue>>) => {
    const view = caseReply(p, s.cases.toView(res.case));
    const i = res.issued;
    return reply(
      { case: view.body, issued: { caseId: i.caseId, version: i.version, issuedAt: i.issuedAt, issuedBy: i.issuedBy, reason: i.reason, contentHash: i.determination.contentHash } },
      200,
      view.headers,
    );
  };
}
