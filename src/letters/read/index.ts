/**
 * Reading letter files: text, Markdown/HTML and PDF (mupdf, pdf.js or pdftotext, with the hostile-PDF limits), walked from folders.
 */
export { collectLetterFiles, countLetterFiles, walkLetterFiles } from './files.js';
export { extractPdfText, MAX_PDF_PAGES, MAX_PDF_TEXT_ITEMS, type PdfEngine, type PdfLimits } from './pdf.js';
export { popplerAvailable } from './pdf-poppler.js';
export { type LetterFile, type LetterFormat, loadLetterBytesSync, MAX_LETTER_BYTES, readLetterBytes, readLetterFile, withoutNul } from './read.js';
export { letterLines } from './text.js';
