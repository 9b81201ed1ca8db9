/**
 * PDF letters to text, by one of three engines: mupdf (WebAssembly, the
 * default), pdf.js, or poppler's pdftotext where installed. Each gives the
 * same parsed letters on the published ones (pdf-engines.test.ts); they
 * differ in speed (`npm run bench -- --only pdf`).
 */
import { LetterParseError } from '../../domain/index.js';
import { extractPdfTextMuPdf } from './pdf-mupdf.js';
import { extractPdfTextPdfJs } from './pdf-pdfjs.js';
import { extractPdfTextPoppler } from './pdf-poppler.js';
import type { PdfLimits } from './pdf-limits.js';

export { MAX_PDF_PAGES, MAX_PDF_TEXT_ITEMS, type PdfLimits } from './pdf-limits.js';

/** The PDF text engines. */
export const PDF_ENGINES = ['mupdf', 'pdfjs', 'poppler'] as const;
export type PdfEngine = (typeof PDF_ENGINES)[number];

/** A PDF engine that is not one of PDF_ENGINES was asked for. */
export class PdfEngineError extends LetterParseError {}

/**
 * The engine used when none is named: `IMR_PDF_ENGINE` (mupdf, pdfjs or
 * poppler) or mupdf.
 */
export function defaultPdfEngine(): PdfEngine {
  const named = process.env.IMR_PDF_ENGINE;
  if (named === undefined || named === '') return 'mupdf';
  if ((PDF_ENGINES as readonly string[]).includes(named)) return named as PdfEngine;
  throw new PdfEngineError('IMR_PDF_ENGINE', `no such PDF engine "${named}" (${PDF_ENGINES.join(', ')})`);
}

/**
 * Extracts the text of a PDF letter, one output line per PDF text line and a
 * form feed between pages. The published letters are encrypted with an empty
 * user password, which is supplied; a PDF that needs a real password, a
 * corrupt PDF, a PDF without a text layer and one over the limits each raise
 * LetterParseError.
 */
export function extractPdfText(bytes: Uint8Array, source: string, limits: PdfLimits = {}, engine: PdfEngine = defaultPdfEngine()): Promise<string> {
  if (engine === 'pdfjs') return extractPdfTextPdfJs(bytes, source, limits);
  if (engine === 'poppler') return extractPdfTextPoppler(bytes, source, limits);
  return extractPdfTextMuPdf(bytes, source, limits);
}
