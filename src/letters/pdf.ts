import { LetterParseError } from '../domain/index.js';

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
 * Extracts the text of a PDF letter, one output line per PDF text line and a
 * form feed between pages. The published letters are encrypted with an empty
 * user password, which is supplied; a PDF that needs a real password, a
 * corrupt PDF and a PDF without a text layer each raise LetterParseError.
 */
export async function extractPdfText(bytes: Uint8Array, source: string): Promise<string> {
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
    const pages: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
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
