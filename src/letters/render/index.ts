/**
 * Renders a Determination as a final determination letter in the published
 * layouts. Each format re-parses (through `parseLetterText`, and PDFs through
 * the letter reader) to the same facts.
 */
import { LETTER_FORMATS, type Determination, type LetterFormat } from '../../domain/index.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderPdf } from './pdf.js';
import { renderText } from './text.js';

export { renderHtml, renderMarkdown, renderPdf, renderText };
export { citationClause, citationParagraph, pageRanges } from './citation-text.js';
export { letterModel, itemHeading, usDate, type LetterModel } from './model.js';

export { LETTER_FORMATS };
/** A format a letter is rendered in: every letter format. */
export type RenderFormat = LetterFormat;

/** Renders in one format: text for md/html/txt, bytes for pdf. */
export async function renderLetter(det: Determination, format: RenderFormat): Promise<string | Uint8Array> {
  switch (format) {
    case 'md':
      return renderMarkdown(det);
    case 'html':
      return renderHtml(det);
    case 'txt':
      return renderText(det);
    case 'pdf':
      return renderPdf(det);
  }
}
