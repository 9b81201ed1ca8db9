/**
 * Reading a request's body: JSON for most routes, a file for uploads, each
 * refused in the API's error shape (415 for another media type, 400 for JSON
 * that does not parse, 413 for a file past its limit).
 */
import { ValidationError } from '../domain/index.js';
import type { AppContext } from './context.js';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.js';
import type { UploadedBody, UploadSpec } from './route.js';

/** Deepest nesting of arrays and objects a JSON body may have: the API's deepest body (a case file) nests about 6 levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * The deepest nesting of arrays and objects in JSON text, stopping as soon as
 * it passes `limit`: one pass over the characters, no recursion, so a body
 * nested millions deep is measured in milliseconds and never parsed.
 */
export function jsonDepthOver(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \\ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 /* [ */ || ch === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (ch === 93 /* ] */ || ch === 125 /* } */) depth--;
  }
  return false;
}

/** The body as JSON; refused unless it is sent as application/json, and when nested deeper than MAX_JSON_DEPTH. */
export async function readJson(c: AppContext): Promise<unknown> {
  const type = c.req.header('content-type');
  // JSON only: a browser cannot send it cross-site without a CORS preflight, which this server never grants.
  if (!type || !/^application\/json\s*(;|$)/i.test(type)) throw new UnsupportedMediaTypeError(type);
  const text = await c.req.text();
  if (text.trim() === '') throw new ValidationError('the request body is empty: send a JSON object', [{ path: [], message: 'empty' }]);
  if (jsonDepthOver(text, MAX_JSON_DEPTH)) throw new ValidationError(`the request body is nested deeper than ${MAX_JSON_DEPTH} levels`, [{ path: [], message: `nested deeper than ${MAX_JSON_DEPTH} levels` }]);
  try {
    return JSON.parse(text);
  } catch (err) {
    // Said without the parser's own message, which quotes the body back (line breaks and all).
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new ValidationError(`the request body is not valid JSON${at ? ` (at character ${at})` : ''}`, [{ path: [], message: 'not valid JSON' }]);
  }
}

/** The media type of a Content-Type header: lower-cased, without parameters. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * The raw body of an upload, read as it arrives and refused (413) as soon as
 * it passes `maxBytes`, or before anything is read when its declared length
 * does: an oversized upload is never held in memory.
 */
export async function readUpload(c: AppContext, spec: UploadSpec): Promise<UploadedBody> {
  const contentType = mediaType(c.req.header('content-type'));
  if (!spec.contentTypes.includes(contentType)) throw new UnsupportedMediaTypeError(c.req.header('content-type'), spec.contentTypes);
  const declared = Number(c.req.header('content-length'));
  if (declared > spec.maxBytes) throw new PayloadTooLargeError(spec.maxBytes, 'the file');
  const chunks: Uint8Array[] = [];
  let size = 0;
  const stream = c.req.raw.body;
  if (stream) {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > spec.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new PayloadTooLargeError(spec.maxBytes, 'the file');
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { bytes, contentType };
}

