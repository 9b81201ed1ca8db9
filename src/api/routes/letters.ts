import { NotFoundError } from '../../domain/index.js';
import type { StoredDetermination } from '../../store/index.js';
import type { ApiServices } from '../services.js';
import { reply, type ApiRouter } from '../route.js';
import { LetterQuery, LetterRef, SimilarLetters, SimilarQuery, StoredLetter } from '../schemas/index.js';
import { LETTER_RESPONSES, letterResponse } from './cases/index.js';

/** Letters of the published corpus: parsed, as received, and rendered anew. */
export function registerLetterRoutes(router: ApiRouter, s: ApiServices): void {
  const find = async (ref: string): Promise<StoredDetermination> => {
    const found = await s.store.determinations.getDetermination(/^\d+$/.test(ref) ? Number(ref) : ref.toUpperCase());
    if (!found) throw new NotFoundError(`letter ${ref}`);
    return found;
  };

  router.add({
    method: 'get',
    path: '/api/letters/:ref',
    operationId: 'getLetter',
    summary: 'A corpus letter, parsed',
    description: 'By letter id, or by case number (the earliest letter stored with it).',
    tag: 'letters',
    access: 'corpus:read',
    params: LetterRef,
    responses: { 200: { description: 'the parsed letter', schema: StoredLetter } },
    handler: async ({ params }) => {
      const l = await find(params.ref);
      return reply({ id: l.id, ingestedAt: l.ingestedAt, originalFormat: l.original.format, determination: l.determination });
    },
  });

  router.add({
    method: 'get',
    path: '/api/letters/:ref/original',
    operationId: 'getLetterOriginal',
    summary: 'A corpus letter as received (its text)',
    description: 'Always text/plain: a letter received as HTML or Markdown is shown as its source, never run. X-Original-Format names the format it came in (PDFs as their extracted text).',
    tag: 'letters',
    access: 'corpus:read',
    params: LetterRef,
    responses: { 200: { description: 'the original text', contentTypes: ['text/plain'] } },
    handler: async ({ c, params }) => {
      const l = await find(params.ref);
      return c.body(l.original.text, 200, {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Original-Format': l.original.format,
        'Content-Disposition': `inline; filename="letter-${l.id}.${l.original.format === 'pdf' ? 'pdf' : l.original.format}.txt"`,
      });
    },
  });

  router.add({
    method: 'get',
    path: '/api/letters/:ref/letter',
    operationId: 'renderLetter',
    summary: 'A corpus letter rendered anew as md, html, txt or pdf',
    tag: 'letters',
    access: 'corpus:read',
    params: LetterRef,
    query: LetterQuery.pick({ format: true }),
    responses: LETTER_RESPONSES,
    handler: async ({ c, params, query }) => {
      const l = await find(params.ref);
      return letterResponse(c, s.jobs, l.determination, query.format, l.determination.caseNumber ?? `letter-${l.id}`);
    },
  });

  router.add({
    method: 'get',
    path: '/api/letters/:ref/similar',
    operationId: 'similarLetters',
    summary: 'Precedents: letters deciding the same treatment, or the same kind under the same guideline',
    description: 'Those sharing a treatment and the guideline cited for it first, then a treatment, then a category under a shared guideline; within each, most similar clinical summary first.',
    tag: 'letters',
    access: 'corpus:read',
    params: LetterRef,
    query: SimilarQuery,
    responses: { 200: { description: 'the precedents, most alike first', schema: SimilarLetters } },
    handler: async ({ params, query }) => {
      const l = await find(params.ref);
      return reply({ items: await s.store.determinations.similar(l.id, query.limit) });
    },
  });
}
