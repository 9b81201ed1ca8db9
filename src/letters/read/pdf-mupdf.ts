/**
 * PDF text with mupdf (the `mupdf` package: MuPDF compiled to WebAssembly),
 * the default engine: on the 65 published letters it gives the same parsed
 * letters as pdf.js at about twice the speed (pdf-engines.test.ts, `npm run
 * bench -- --only pdf`).
 */
import { LetterParseError } from '../../domain/index.js';
import { MAX_PDF_PAGE_CONTENT_BYTES, MAX_PDF_PAGES, MAX_PDF_TEXT_ITEMS, countTextOperations, tooManyTextRuns, type PdfLimits } from './pdf-limits.js';

type MuPdf = typeof import('mupdf');
type PdfObject = import('mupdf').PDFObject;
let mupdf: Promise<MuPdf> | null = null;

/** mupdf instantiates a 10 MB WebAssembly module; load it only when a PDF is actually read. */
function loadMuPdf(): Promise<MuPdf> {
  mupdf ??= import('mupdf').then((lib) => {
    // mupdf writes its warnings ("repairing PDF document") to stderr; the
    // reason a letter is refused is in the error it throws, reported once.
    lib.setLog({ error: () => undefined, warning: () => undefined });
    return lib;
  });
  return mupdf;
}

/** One line of mupdf's structured text (StructuredText.asJSON). */
interface StextJson {
  blocks: { type: string; lines?: { y: number; text: string }[] }[];
}

/**
 * Extracts the text of a PDF letter with mupdf, in the layout pdf.js gives
 * (pdf-pdfjs.ts): one output line per line of the page (mupdf's lines on
 * the same baseline joined, as pdf.js joins its text runs up to an end of
 * line), a form feed between pages. Before a page is laid out its content's
 * text operations are counted (pdf-limits.ts), since mupdf lays a page out
 * whole: a page of millions of them is refused at the limit, unread.
 */
export async function extractPdfTextMuPdf(bytes: Uint8Array, source: string, limits: PdfLimits = {}): Promise<string> {
  const maxPages = limits.maxPages ?? MAX_PDF_PAGES;
  const maxItems = limits.maxTextItems ?? MAX_PDF_TEXT_ITEMS;
  const lib = await loadMuPdf();
  let doc;
  try {
    doc = lib.Document.openDocument(bytes, 'application/pdf');
  } catch (err) {
    throw new LetterParseError(source, `corrupt or unreadable PDF (${reason(err)})`);
  }
  try {
    if (doc.needsPassword() && !doc.authenticatePassword('')) throw new LetterParseError(source, 'PDF is protected by a password other than the empty one');
    const count = doc.countPages();
    if (count > maxPages) throw new LetterParseError(source, `PDF has ${count} pages; a letter has at most ${maxPages}`);
    const pages: string[] = [];
    let runs = 0;
    for (let p = 0; p < count; p++) {
      const page = doc.loadPage(p);
      try {
        if ('getObject' in page) runs += countPageTextRuns(page.getObject(), p + 1, maxItems - runs, maxItems, source);
        const stext = page.toStructuredText('preserve-whitespace');
        try {
          pages.push(pageText(JSON.parse(stext.asJSON()) as StextJson));
        } finally {
          stext.destroy();
        }
      } finally {
        page.destroy();
      }
    }
    const all = pages.join('\n\f');
    if (!/[A-Za-z]{3}/.test(all)) {
      // mupdf rebuilds a damaged file's cross-reference table where pdf.js gives up: a PDF cut short
      // then opens with its text gone, which is damage, not a missing text layer.
      if (doc.asPDF()?.wasRepaired()) throw new LetterParseError(source, 'corrupt or unreadable PDF (damaged: its structure had to be rebuilt, and no text is left)');
      throw new LetterParseError(source, 'PDF has no text layer (a scanned image?); OCR it first');
    }
    return all;
  } catch (err) {
    if (err instanceof LetterParseError) throw err;
    throw new LetterParseError(source, `corrupt or unreadable PDF page (${reason(err)})`);
  } finally {
    doc.destroy();
  }
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * A page's lines in reading order: mupdf splits a line of the page into
 * several where the PDF placed its runs apart ("Case Number:" and the number
 * after it); runs whose baselines are within a point are one line, as pdf.js
 * reports them.
 */
function pageText(page: StextJson): string {
  let out = '';
  let lastY = Number.NaN;
  for (const block of page.blocks) {
    for (const line of block.lines ?? []) {
      if (out !== '' && Math.abs(line.y - lastY) <= 1) out += out.endsWith(' ') || line.text.startsWith(' ') ? line.text : ` ${line.text}`;
      else out += out === '' ? line.text : `\n${line.text}`;
      lastY = line.y;
    }
  }
  return `${out}\n`;
}

/**
 * The text operations of a page's content and of the forms it draws
 * (counted once each), refusing the page once they pass `budget`, or when
 * its compressed content is larger than a letter's page could be.
 */
function countPageTextRuns(page: PdfObject, pageNumber: number, budget: number, max: number, source: string): number {
  const streams: PdfObject[] = [];
  const contents = page.get('Contents');
  if (contents.isArray()) for (let i = 0; i < contents.length; i++) streams.push(contents.get(i));
  else streams.push(contents);
  collectForms(page.getInheritable('Resources'), streams, new Set(), 0);
  let raw = 0;
  // The streams' declared lengths: reading the raw bytes to measure them would cost a copy of each.
  for (const s of streams) if (s.isStream()) raw += Math.max(0, s.get('Length').asNumber() || 0);
  if (raw > MAX_PDF_PAGE_CONTENT_BYTES) {
    throw new LetterParseError(source, `PDF page ${pageNumber} has ${(raw / 1048576).toFixed(1)} MB of compressed content; a letter's page has some kB`);
  }
  let runs = 0;
  for (const s of streams) {
    if (!s.isStream()) continue;
    const buffer = s.readStream();
    try {
      // A view of the decoded bytes where mupdf holds them, not a copy.
      runs += countTextOperations(buffer.asUint8Array(), budget - runs);
    } finally {
      buffer.destroy();
    }
    if (runs > budget) throw new LetterParseError(source, tooManyTextRuns(max));
  }
  return runs;
}

/** Form XObjects reachable from `resources` (forms within forms, a few levels deep), each once. */
function collectForms(resources: PdfObject, into: PdfObject[], seen: Set<number>, depth: number): void {
  if (depth > 4 || !resources.isDictionary()) return;
  const xobjects = resources.get('XObject');
  if (!xobjects.isDictionary()) return;
  xobjects.forEach((ref) => {
    if (ref.isIndirect()) {
      const n = ref.asIndirect();
      if (seen.has(n)) return;
      seen.add(n);
    }
    const x = ref;
    if (!x.isStream() || x.get('Subtype').toString() !== '/Form') return;
    into.push(x);
    collectForms(x.get('Resources'), into, seen, depth + 1);
  });
}
