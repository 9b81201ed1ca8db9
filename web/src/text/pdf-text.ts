/**
 * The text of a PDF record, read in the browser: pdf.js parses it in a web
 * worker (off the page's thread), page by page, reporting progress. Records
 * are often hundreds of scanned-and-OCRed pages, and DWC PDFs are encrypted
 * with an empty password, which pdf.js opens.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';

let worker: Worker | null = null;

async function pdfjs() {
  const lib = await import('pdfjs-dist');
  if (!worker) {
    // Bundled by Vite as a same-origin module worker, which the CSP (script-src 'self') allows.
    worker = new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url), { type: 'module' });
    lib.GlobalWorkerOptions.workerPort = worker;
  }
  return lib;
}

/** A PDF that pdf.js could not read (damaged, or locked with a real password). */
export class PdfReadError extends Error {
  constructor(name: string, reason: string) {
    super(`${name}: not a readable PDF (${reason})`);
    this.name = 'PdfReadError';
  }
}

/** The text of every page, pages separated by a form feed; `onPage(done, pages)` after each page. */
export async function pdfText(name: string, bytes: ArrayBuffer, onPage: (done: number, pages: number) => void): Promise<string> {
  const lib = await pdfjs();
  let doc: PDFDocumentProxy;
  try {
    doc = await lib.getDocument({ data: new Uint8Array(bytes), password: '', isEvalSupported: false }).promise;
  } catch (err) {
    throw new PdfReadError(name, err instanceof Error ? err.message : String(err));
  }
  const pages: string[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      pages.push(text.trim());
      page.cleanup();
      onPage(p, doc.numPages);
    }
  } finally {
    await doc.destroy();
  }
  return pages.join('\n\f\n');
}
