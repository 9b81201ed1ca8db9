import { NotFoundError, Reviewer, type ReviewerInput } from '../../../domain/index.js';
import { reply, type ApiRouter } from '../../route.js';
import { PageQuery, pageOf, ReviewerPage, ReviewerPatchBody, ReviewerRef } from '../../schemas/index.js';
import type { ApiServices } from '../../services.js';

/** The expert reviewer registry (coordinators and admins; identities are never published). */
export function registerReviewerRoutes(router: ApiRouter, s: ApiServices): void {
  router.add({
    method: 'get',
    path: '/api/reviewers',
    operationId: 'listReviewers',
    summary: 'Registered reviewers, by id',
    tag: 'reviewers',
    access: 'reviewers:read',
    query: PageQuery,
    responses: { 200: { description: 'a page of reviewers', schema: ReviewerPage } },
    handler: async ({ query }) => {
      const all = await s.store.reviewers.list();
      return reply(pageOf(all.slice(query.offset, query.offset + query.limit), all.length, query));
    },
  });

  router.add({
    method: 'post',
    path: '/api/reviewers',
    operationId: 'addReviewer',
    summary: 'Register a reviewer',
    tag: 'reviewers',
    access: 'reviewers:manage',
    body: Reviewer,
    responses: { 201: { description: 'registered', schema: Reviewer }, 409: { description: 'the id is taken' } },
    handler: async ({ body, principal }) => reply(await s.cases.addReviewer(body, principal.user.username), 201),
  });

  router.add({
    method: 'get',
    path: '/api/reviewers/:id',
    operationId: 'getReviewer',
    summary: 'One reviewer',
    tag: 'reviewers',
    access: 'reviewers:read',
    params: ReviewerRef,
    responses: { 200: { description: 'the reviewer', schema: Reviewer } },
    handler: async ({ params }) => {
      const r = await s.store.reviewers.get(params.id);
      if (!r) throw new NotFoundError(`reviewer ${params.id}`);
      return reply(r);
    },
  });

  router.add({
    method: 'patch',
    path: '/api/reviewers/:id',
    operationId: 'updateReviewer',
    summary: "Change a reviewer's record (availability, hours, ties, credentials)",
    tag: 'reviewers',
    access: 'reviewers:manage',
    params: ReviewerRef,
    body: ReviewerPatchBody,
    responses: { 200: { description: 'the reviewer as changed', schema: Reviewer } },
    handler: async ({ params, body, principal }) => reply(await s.cases.updateReviewer(params.id, body as Partial<ReviewerInput>, principal.user.username)),
  });
}
