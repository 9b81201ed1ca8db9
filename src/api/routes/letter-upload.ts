import { LETTER_FORMATS, LETTER_MEDIA_TYPES, type LetterFormat } from '../../domain/index.js';
import { ingestUpload } from '../../workflow/corpus/index.js';
import { reply, type ApiRouter } from '../route.js';
import { LetterUploadResult, UploadQuery } from '../schemas/index.js';
import type { ApiServices } from '../services.js';

/** The media types a letter may be uploaded as, and the format each is read as. */
export const UPLOAD_TYPES: Record<string, LetterFormat> = Object.fromEntries(LETTER_FORMATS.map((f) => [LETTER_MEDIA_TYPES[f], f]));

/**
 * Adding a letter to the corpus by uploading its file: the raw file as the
 * body, its media type as Content-Type, its name in ?name= (a label only).
 */
export function registerLetterUploadRoute(router: ApiRouter, s: ApiServices): void {
  router.add({
    method: 'post',
    path: '/api/letters',
    operationId: 'uploadLetter',
    summary: 'Add a letter to the corpus by uploading its file',
    description: [
      'The body is the file itself (text, Markdown, HTML or PDF, as Content-Type says), not JSON; ?name= gives its file name, used only as the label the letter is stored under.',
      'It is parsed as `imr ingest` parses files, and stored with an audit entry in one transaction. A letter whose content is already stored is not stored again: 200 names the stored one.',
      'A file that is not a readable determination letter (empty, binary, cut short, not a letter) is refused with 422 and the reason; nothing is stored.',
    ].join(' '),
    tag: 'letters',
    access: 'letters:upload',
    query: UploadQuery,
    upload: { contentTypes: Object.keys(UPLOAD_TYPES), maxBytes: s.maxUploadBytes, description: `the letter file, at most ${s.maxUploadBytes} bytes` },
    responses: {
      201: { description: 'stored; Location names the new letter', schema: LetterUploadResult },
      200: { description: 'a letter with the same content was already stored: nothing was written, and that letter is named', schema: LetterUploadResult },
      422: { description: 'not a readable determination letter, or one that took more time or memory to read than a letter may (LIMIT_EXCEEDED): the reason, on one line; nothing stored' },
      503: { description: 'every worker is busy and the queue is full (BUSY); see Retry-After' },
    },
    handler: async ({ query, file, principal }) => {
      const upload = { name: query.name, bytes: file!.bytes, format: UPLOAD_TYPES[file!.contentType]! };
      const out = await ingestUpload(s.store, upload, principal.user.username, s.clock, s.jobs);
      const href = `/api/letters/${out.id}`;
      const body = { status: out.status, id: out.id, caseNumber: out.caseNumber, source: out.source, originalFormat: out.format, href };
      return out.status === 'ingested' ? reply(body, 201, { Location: href }) : reply(body, 200);
    },
  });
}
