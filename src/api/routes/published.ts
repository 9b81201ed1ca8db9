import { NotFoundError } from '../../domain/index.js';
import { reply, type ApiRouter } from '../route.js';
import { LetterQuery, PageQuery, pageOf, PublishedLetter, PublishedPage, PublishedQuery, PublishedRef } from '../schemas/index.js';
import type { ApiServices } from '../services.js';
import { LETTER_RESPONSES, letterResponse } from './cases/index.js';

/**
 * Issued determinations as published: the redacted version only, for every
 * role including the public, and never a withdrawn one. A case that exists but has issued nothing
 * answers 404 like a case number never used.
 */
export function registerPublishedRoutes(router: ApiRouter, s: ApiServices): void {
  const issuedOf = async (caseNumber: string, version?: number) => {
    const c = await s.store.cases.getByNumber(caseNumber.toUpperCase());
    // Never a withdrawn version: a leak withdrawn is gone for the public, and a corrected letter replaces the one before.
    const issued = c ? await s.store.issued.getPublished(c.id, version) : null;
    if (!issued) throw new NotFoundError(version ? `version ${version} of the published determination of ${caseNumber}` : `a published determination of ${caseNumber}`);
    return issued;
  };

  router.add({
    method: 'get',
    path: '/api/published',
    operationId: 'listPublished',
    summary: 'Issued determinations (latest version of each), redacted, most recent first',
    tag: 'published',
    access: 'published:read',
    query: PageQuery,
    responses: { 200: { description: 'a page of published determinations', schema: PublishedPage } },
    handler: async ({ query }) => {
      const { total, items } = await s.store.issued.latestPage(query);
      const rows = items.map((i) => ({
        caseNumber: i.published.caseNumber,
        version: i.version,
        issuedAt: i.issuedAt,
        decisionDate: i.published.dates.decision,
        items: i.published.items.map((x) => ({ index: x.index, request: x.request, decision: x.decision })),
      }));
      return reply(pageOf(rows, total, query));
    },
  });

  router.add({
    method: 'get',
    path: '/api/published/:caseNumber',
    operationId: 'getPublished',
    summary: 'A published (redacted) determination',
    tag: 'published',
    access: 'published:read',
    params: PublishedRef,
    query: PublishedQuery,
    responses: { 200: { description: 'the redacted determination', schema: PublishedLetter } },
    handler: async ({ params, query }) => {
      const i = await issuedOf(params.caseNumber, query.version);
      return reply({ caseNumber: i.published.caseNumber, version: i.version, issuedAt: i.issuedAt, determination: i.published });
    },
  });

  router.add({
    method: 'get',
    path: '/api/published/:caseNumber/letter',
    operationId: 'renderPublished',
    summary: 'A published (redacted) determination letter as md, html, txt or pdf',
    tag: 'published',
    access: 'published:read',
    params: PublishedRef,
    query: LetterQuery,
    responses: LETTER_RESPONSES,
    handler: async ({ c, params, query }) => {
      const i = await issuedOf(params.caseNumber, query.version);
      return letterResponse(c, s.jobs, i.published, query.format, `${i.published.caseNumber ?? 'determination'}-v${i.version}`);
    },
  });
}
