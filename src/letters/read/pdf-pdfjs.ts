/**
 * PDF text with pdf.js (pdfjs-dist): the engine OpenIMR used first, kept
 * as an option (`IMR_PDF_ENGINE=pdfjs`) and as the reference the faster
 * engines are compared against (pdf-engines.test.ts).
 */
import { LetterParseError } from '../../domain/index.js';
import { MAX_PDF_PAGES, MAX_PDF_TEXT_ITEMS, type PdfLimits } from './pdf-limits.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

/** pdf.js is large; load it only when a PDF is actually read. */
function loadPdfJs(): Promise<PdfJs> {
  if (!pdfjs) absorbPdfJsStrayRejections();
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/**
 * True for pdf.js's own exceptions (FormatError, XRefEntryException, ...):
 * they do not capture a stack of their own but share the one their common
 * prototype took inside pdf.js (BaseExceptionClosure).
 */
function isPdfJsException(reason: unknown): boolean {
  return reason instanceof Error && !Object.hasOwn(reason, 'stack') && typeof reason.stack === 'string' && reason.stack.includes('BaseExceptionClosure');
}

/**
 * pdf.js prefetches the page dictionaries of a page tree as promises and,
 * when a damaged tree makes it stop early (Catalog.getPageDict), never
 * handles their rejection. Node reports it after extractPdfText has already
 * failed or succeeded, and by default ends the process: one damaged PDF
 * killed `imr parse` mid-batch, or an ingest's parser thread. Those stray
 * rejections of pdf.js's own exceptions are absorbed here (the letter they
 * belong to was reported by its own error). Any other unhandled rejection
 * is rethrown as Node would, unless the process has handlers of its own.
 */
function absorbPdfJsStrayRejections(): void {
  process.on('unhandledRejection', (reason) => {
    if (isPdfJsException(reason)) return;
    if (process.listenerCount('unhandledRejection') === 1) throw reason;
  });
}

/**
 * Extracts the text of a PDF letter with pdf.js, one output line per PDF text line and a
 * form feed between pages. The published letters are encrypted with an empty
 * user password, which is supplied; a PDF that needs a real password, a
 * corrupt PDF and a PDF without a text layer each raise LetterParseError.
 */
export async function extractPdfTextPdfJs(bytes: Uint8Array, source: string, limits: PdfLimits = {}): Promise<string> {
  const maxPages = limits.maxPages ?? MAX_PDF_PAGES;
  const maxItems = limits.maxTextItems ?? MAX_PDF_TEXT_ITEMS;
  const { getDocument } = await loadPdfJs();
  // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy,
  // and a plain Uint8Array (it refuses a Node Buffer, which bytes read from a
  // request or a stream often are).
  const task = getDocument({ data: new Uint8Array(bytes), password: '', isEvalSupported: false, verbosity: 0, useSystemFonts: false, stopAtErrors: false });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    const name = (err as { name?: string }).name ?? '';
    const msg = (err as Error).message ?? String(err);
    if (name === 'PasswordException') throw new LetterParseError(source, 'PDF is protected by a password other than the empty one');
    throw new LetterParseError(source, `corrupt or unreadable PDF (${msg})`);
  }
  try {
    if (doc.numPages > maxPages) throw new LetterParseError(source, `PDF has ${doc.numPages} pages; a letter has at most ${maxPages}`);
    const pages: string[] = [];
    let items = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await readTextContent(page, maxItems - items, maxItems, source);
      items += content.items.length;
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text);
      page.cleanup();
    }
    const all = pages.join('\n\f');
    if (!/[A-Za-z]{3}/.test(all)) throw new LetterParseError(source, 'PDF has no text layer (a scanned image?); OCR it first');
    return all;
  } catch (err) {
    if (err instanceof LetterParseError) throw err;
    throw new LetterParseError(source, `corrupt or unreadable PDF page (${(err as Error).message ?? String(err)})`);
  } finally {
    await doc.destroy();
  }
}

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>;
type TextContent = Awaited<ReturnType<PdfPage['getTextContent']>>;

/**
 * A page's text runs, read as a stream so that a page of millions of tiny
 * text operations is refused once it passes `budget` runs instead of being
 * gathered whole first.
 */
async function readTextContent(page: PdfPage, budget: number, max: number, source: string): Promise<{ items: TextContent['items'] }> {
  const reader = page.streamTextContent().getReader();
  const items: TextContent['items'] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { items };
    for (const item of (value as TextContent).items) items.push(item);
    if (items.length > budget) {
      // pdf.js refuses a cancel without a reason (it throws, outside any handler).
      await reader.cancel(new Error('too many text runs')).catch(() => undefined);
      throw new LetterParseError(source, `PDF has more than ${max.toLocaleString('en-US')} text runs; a letter has a few thousand at most`);
    }
  }
}
