import type { z } from 'zod';
import { ConflictError, type ImrCase } from '../../../domain/index.js';
import type { DecisionInput } from '../../../workflow/cases/index.js';
import type { Principal } from '../../context.js';
import { reply, type ApiRouter } from '../../route.js';
import { renderText } from '../../../letters/render/index.js';
import type { IssuePreview } from '../../../workflow/cases/index.js';
import { AssignReviewerBody, CaseRef, ClericalCorrectBody, ClericalPreviewBody, CorrectionAnswerBody, CorrectionRequestBody, IssueCorrectionBody, CaseViewSchema, CorrectBody, CorrectPreviewBody, DecideBody, IssueBody, IssuedVersion, IssuePreviewSchema, IssueResult, RecordsReceivedBody, RecordsRequestBody, TerminateBody, VersionBody, WithdrawBody } from '../../schemas/index.js';
import type { ApiServices } from '../../services.js';
import { caseReply, issuedVersion, visibleCase } from './cases.js';

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
    method: 'get',
    path: '/api/cases/:ref/issue-preview',
    operationId: 'previewIssue',
    summary: 'The letter as issuing would publish it, with what the redaction removes marked; publishes nothing',
    description: 'Give its previewHash to POST /api/cases/{ref}/issue to publish exactly this letter.',
    tag: 'case lifecycle',
    access: 'cases:manage',
    params: CaseRef,
    responses: { 200: { description: 'the preview', schema: IssuePreviewSchema }, 409: { description: 'the case is not decided' } },
    handler: async ({ params, principal }) => {
      const c = await visibleCase(s, principal, params.ref);
      return reply(previewBody(await s.cases.previewIssue(String(c.id))));
    },
  });

  router.add({
    method: 'post',
    path: '/api/cases/:ref/issue',
    operationId: 'issueDetermination',
    summary: 'Issue the final determination (version 1) as previewed, frozen from then on',
    description: 'Needs the previewHash of GET /api/cases/{ref}/issue-preview: a letter that would differ from the preview is refused (409 PREVIEW_STALE) and nothing is published.',
    tag: 'case lifecycle',
    access: 'cases:manage',
    params: CaseRef,
    body: IssueBody,
    responses: { 200: { description: 'issued', schema: IssueResult }, 409: { description: 'stale version, the case is not decided, or the letter is not the one previewed' } },
    handler: async ({ params, body, principal }) => {
      const c = await checked(principal, params.ref, body.version);
      const res = await s.cases.issue(String(c.id), principal.user.username, { expectedVersion: body.version, previewHash: body.previewHash });
      return issued(principal, res);
    },
  });

  router.add({
    method: 'post',
    path: '/api/cases/:ref/withdraw',
    operationId: 'withdrawPublished',
    summary: 'Withdraw a published version of the determination: the public no longer gets it (audited)',
    tag: 'case lifecycle',
    access: 'cases:manage',
    params: CaseRef,
    body: WithdrawBody,
    responses: { 200: { description: 'the version, withdrawn', schema: IssuedVersion }, 404: { description: 'no such case, or no published version' } },
    handler: async ({ params, body, principal }) => {
      const c = await visibleCase(s, principal, params.ref);
      return reply(issuedVersion(await s.cases.withdraw(String(c.id), principal.user.username, body.reason, body.publishedVersion)));
    },
  });

  router.add({
    method: 'post',
    path: '/api/cases/:ref/corrections',
    operationId: 'correctDetermination',
    summary: 'Correct an issued determination as previewed: the decisions given replace those of their items, version N+1 is issued marked Corrected, and the versions it replaces are withdrawn from publication',
    tag: 'case lifecycle',
    access: 'cases:decide',
    params: CaseRef,
    body: CorrectBody,
    responses: { 200: { description: 'the corrected version issued', schema: IssueResult }, 409: { description: 'stale version, the case is not issued, or the letter is not the one previewed' } },
    handler: async ({ params, body, principal }) => {
      const c = await checked(principal, params.ref, body.version);
      const res = await s.cases.correct(String(c.id), principal.user.username, body.decisions as DecisionInput[], body.reason, { expectedVersion: body.version, previewHash: body.previewHash });
      return issued(principal, res);
    },
  });

  router.add({
    method: 'post',
    path: '/api/cases/:ref/corrections/preview',
    operationId: 'previewCorrection',
    summary: 'The corrected letter as the correction would publish it ("Corrected", version N+1), with what the redaction removes marked; publishes nothing',
    description: 'Give its previewHash with the same decisions to POST /api/cases/{ref}/corrections.',
    tag: 'case lifecycle',
    access: 'cases:decide',
    params: CaseRef,
    body: CorrectPreviewBody,
    responses: { 200: { description: 'the preview', schema: IssuePreviewSchema }, 409: { description: 'the case is not issued' } },
    handler: async ({ params, body, principal }) => {
      const c = await visibleCase(s, principal, params.ref);
      return reply(previewBody(await s.cases.previewCorrection(String(c.id), principal.user.username, body.decisions as DecisionInput[], body.reason)));
    },
  });

  // ---- the coordinator's corrections: clerical ones issued at once; decisions and rationales asked of the reviewer ----

  router.add({
    method: 'post',
    path: '/api/cases/:ref/corrections/clerical/preview',
    operationId: 'previewClericalCorrection',
    summary: "The letter a clerical correction (parties, dates, the worker's age and sex) would publish, marked Corrected; publishes nothing",
    description: 'Decisions, rationales, citations, requests and the clinical summary are not part of a clerical correction: ask the reviewer for those (POST /api/cases/{ref}/corrections/request).',
    tag: 'case lifecycle',
    access: 'cases:manage',
    params: CaseRef,
    body: ClericalPreviewBody,
    responses: { 200: { description: 'the preview', schema: IssuePreviewSchema }, 409: { description: 'the case is not issued' } },
    handler: async ({ params, body, principal }) => {
      const c = await visibleCase(s, principal, params.ref);
      return reply(previewBody(await s.cases.previewClericalCorrection(String(c.id), body.correction, body.reason)));
    },
  });

  router.add({
    method: 'post',
    path: '/api/cases/:ref/corrections/clerical',
    operationId: 'correctClerical',
    summary: 'Issue a clerical correction as previewed: version N+1 marked Corrected, the versions it replaces withdrawn from publication',
    tag: 'case lifecycle',
    access: 'cases:manage',
    params: CaseRef,
    body: ClericalCorrectBody,
    responses: { 200: { description: 'the corrected version issued', schema: IssueResult }, 409: { description: 'stale version, the case is not issued, or the letter is not the one previewed' } },
    handler: async ({ params, body, principal }) => {
      const c = await checked(principal, params.ref, body.version);
      return issued(principal, await s.cases.correctClerical(String(c.id), principal.user.username, body.correction, body.reason, { expectedVersion: body.version, previewHash: body.previewHash }));
    },
  });

  action({
    path: 'corrections/request',
    operationId: 'requestCorrection',
    summary: "Ask the assigned reviewer to correct the issued determination's decisions or rationales; the note appears in their queue",
    description: 'One request at a time (409 while one is open). The reviewer answers it (POST .../corrections/request/answer); the coordinator then previews and issues it.',
    access: 'cases:manage',
    body: CorrectionRequestBody,
    run: (ref, b, actor) => s.cases.requestCorrection(ref, actor, b.note, { expectedVersion: b.version }),
  });
  action({
    path: 'corrections/request/answer',
    operationId: 'makeCorrection',
    summary: "The assigned reviewer's corrected decisions and rationales for the open request, with the reason; nothing is issued",
    description: "Validated as decisions are (a rationale each; differing from the engine's draft needs an override reason). Answered again before it is issued, the new answer replaces the earlier.",
    access: 'cases:decide',
    body: CorrectionAnswerBody,
    run: (ref, b, actor) => s.cases.makeCorrection(ref, actor, b.decisions as DecisionInput[], b.reason, { expectedVersion: b.version }),
  });
  action({
    path: 'corrections/request/cancel',
    operationId: 'cancelCorrection',
    summary: 'Withdraw the open correction request; nothing is issued',
    access: 'cases:manage',
    body: VersionBody,
    run: (ref, b, actor) => s.cases.cancelCorrection(ref, actor, { expectedVersion: b.version }),
  });

  router.add({
    method: 'get',
    path: '/api/cases/:ref/corrections/request/preview',
    operationId: 'previewRequestedCorrection',
    summary: "The letter issuing the reviewer's correction would publish, marked Corrected; publishes nothing",
    tag: 'case lifecycle',
    access: 'cases:manage',
    params: CaseRef,
    responses: { 200: { description: 'the preview', schema: IssuePreviewSchema }, 409: { description: 'no correction was requested, or the reviewer has not made it' } },
    handler: async ({ params, principal }) => {
      const c = await visibleCase(s, principal, params.ref);
      return reply(previewBody(await s.cases.previewRequestedCorrection(String(c.id))));
    },
  });

  router.add({
    method: 'post',
    path: '/api/cases/:ref/corrections/request/issue',
    operationId: 'issueRequestedCorrection',
    summary: "Issue the reviewer's correction as previewed: version N+1 marked Corrected, the versions it replaces withdrawn, the request closed",
    tag: 'case lifecycle',
    access: 'cases:manage',
    params: CaseRef,
    body: IssueCorrectionBody,
    responses: { 200: { description: 'the corrected version issued', schema: IssueResult }, 409: { description: 'stale version, no correction made, or the letter is not the one previewed' } },
    handler: async ({ params, body, principal }) => {
      const c = await checked(principal, params.ref, body.version);
      return issued(principal, await s.cases.issueRequestedCorrection(String(c.id), principal.user.username, { expectedVersion: body.version, previewHash: body.previewHash }));
    },
  });

  const issued = (p: Principal, res: Awaited<ReturnType<typeof s.cases.issue>>) => {
    const view = caseReply(p, s.cases.toView(res.case));
    return reply({ case: view.body, issued: issuedVersion(res.issued) }, 200, view.headers);
  };
}

/**
 * The preview as the API gives it: the published letter as text, and each
 * field that loses something, cut into kept text and removed spans (the
 * removed text is shown to the coordinator, who may see the case, so that
 * a wrong removal or a miss can be seen before anything is published).
 */
function previewBody(p: IssuePreview) {
  const byField = new Map<string, IssuePreview['removals']>();
  for (const r of p.removals) byField.set(r.field!, [...(byField.get(r.field!) ?? []), r]);
  const fields = [...byField].map(([field, removals]) => {
    const text = field.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], p.determination) as string;
    const segments: { text: string; removed: string | null; replacement: string | null }[] = [];
    let at = 0;
    for (const r of [...removals].sort((a, b) => a.start - b.start)) {
      if (r.start > at) segments.push({ text: text.slice(at, r.start), removed: null, replacement: null });
      segments.push({ text: text.slice(r.start, r.end), removed: r.category, replacement: r.replacement });
      at = r.end;
    }
    if (at < text.length) segments.push({ text: text.slice(at), removed: null, replacement: null });
    return { field, segments };
  });
  return { caseNumber: p.caseNumber, version: p.version, previewHash: p.previewHash, published: p.published, letter: renderText(p.published), removals: p.removals.length, fields };
}
