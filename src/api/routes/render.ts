import { NotFoundError, type Determination } from '../../domain/index.js';
import { renderLetter, type RenderFormat } from '../../letters/render/index.js';
import type { AppContext } from '../context.js';
import { reply, type ApiRouter, type ResponseSpec } from '../route.js';
import { LetterQuery, PageQuery, pageOf, PublishedLetter, PublishedPage, PublishedQuery, PublishedRef } from '../schemas.js';
import type { ApiServices } from '../services.js';

const TYPES: Record<RenderFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  pdf: 'application/pdf',
};

/** The documented response of a rendered letter. */
export const LETTER_RESPONSE: ResponseSpec = { description: 'the letter in the format asked for', contentTypes: Object.values(TYPES).map((t) => t.split(';')[0]!) };

/**
 * A determination rendered as a letter. The renderers escape all letter
 * text; an HTML letter is additionally sandboxed by its
 * Content-Security-Policy (no script, nothing loaded), and may be framed
 * only by this site's own pages.
 */
export async function letterResponse(c: AppContext, det: Determination, format: RenderFormat, name: string): Promise<Response> {
  const out = await renderLetter(det, format);
  const headers: Record<string, string> = {
    'Content-Type': TYPES[format],
    'Content-Disposition': `inline; filename="${name.replace(/[^\w.-]/g, '_')}.${format}"`,
  };
  if (format === 'html') {
    headers['Content-Security-Policy'] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";
    headers['X-Frame-Options'] = 'SAMEORIGIN';
  }
  return c.body(typeof out === 'string' ? out : new Uint8Array(out), 200, headers);
}

/**
 * Issued determinations as published: the redacted version only, for every
 * role including the public. A case that exists but has issued nothing
 * answers 404 like a case number never used.
 */
export function registerPublishedRoutes(router: ApiRouter, s: ApiServices): void {
  const issuedOf = async (caseNumber: string, version?: number) => {
    const c = await s.store.cases.getByNumber(caseNumber.toUpperCase());
    const issued = c ? await s.store.issued.get(c.id, version) : null;
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
    responses: { 200: LETTER_RESPONSE },
    handler: async ({ c, params, query }) => {
      const i = await issuedOf(params.caseNumber, query.version);
      return letterResponse(c, i.published, query.format, `${i.published.caseNumber ?? 'determination'}-v${i.version}`);
    },
  });
}
