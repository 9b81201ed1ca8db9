import { LETTER_FORMATS, LETTER_MEDIA_TYPES, type Determination } from '../../../domain/index.js';
import { renderLetter, type RenderFormat } from '../../../letters/render/index.js';
import type { JobPool } from '../../../workflow/jobs/index.js';
import type { AppContext } from '../../context.js';
import type { ResponseSpec } from '../../route.js';

// Text is always sent as UTF-8.
const TYPES = Object.fromEntries(LETTER_FORMATS.map((f) => [f, f === 'pdf' ? LETTER_MEDIA_TYPES[f] : `${LETTER_MEDIA_TYPES[f]}; charset=utf-8`])) as Record<RenderFormat, string>;

/** The documented response of a rendered letter. */
export const LETTER_RESPONSE: ResponseSpec = { description: 'the letter in the format asked for', contentTypes: Object.values(TYPES).map((t) => t.split(';')[0]!) };

/** The responses of a route that renders a letter: the letter, or a PDF refused by the job pool's limits. */
export const LETTER_RESPONSES: Record<number, ResponseSpec> = {
  200: LETTER_RESPONSE,
  422: { description: 'the PDF took more time or memory to make than a letter may (LIMIT_EXCEEDED)' },
  503: { description: 'every worker is busy and the queue is full (BUSY); see Retry-After' },
};

/**
 * A determination rendered as a letter. The renderers escape all letter
 * text; an HTML letter is additionally sandboxed by its
 * Content-Security-Policy (no script, nothing loaded), and may be framed
 * only by this site's own pages.
 */
export async function letterResponse(c: AppContext, jobs: JobPool, det: Determination, format: RenderFormat, name: string): Promise<Response> {
  // A PDF takes long to lay out for a long letter: it is made in the job pool, off the event loop, under its limits.
  const out = format === 'pdf' ? await jobs.renderLetter(det, format) : await renderLetter(det, format);
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
