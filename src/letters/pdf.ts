import { LetterParseError } from '../domain/index.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

/** pdf.js is large; load it only when a PDF is actually read. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/**
 * Extracts the text of a PDF letter, one output line per PDF text line and a
 * form feed between pages. The published letters are encrypted with an empty
 * user password, which is supplied; a PDF that needs a real password, a
 * corrupt PDF and a PDF without a text layer each raise LetterParseError.
 */
export async function extractPdfText(bytes: Uint8Array, source: string): Promise<string> {
  const { getDocument } = await loadPdfJs();
  // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy.
  const task = getDocument({ data: bytes.slice(), password: '', isEvalSupported: false, verbosity: 0, useSystemFonts: false, stopAtErrors: false });
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
