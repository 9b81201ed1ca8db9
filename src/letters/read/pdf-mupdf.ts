/**
 * PDF text with mupdf (the `mupdf` package: MuPDF compiled to WebAssembly),
 * the default engine: on the 65 published letters it gives the same parsed
 * letters as pdf.js for well under half its CPU (pdf-engines.test.ts, `npm
 * run bench -- --only pdf`).
 */
import { LetterParseError } from '../../domain/index.js';
import { decodedPageContent, overDecodedCap, TextRunBudget } from './pdf-mupdf-guard.js';
import { loadMuPdf, memoryRefusals } from './pdf-mupdf-module.js';
import { MAX_PDF_PAGES, MAX_PDF_TEXT_ITEMS, overMemoryCap, type PdfLimits } from './pdf-limits.js';

/** One line of mupdf's structured text (StructuredText.asJSON). */
interface StextJson {
  blocks: { type: string; lines?: { y: number; text: string }[] }[];
}

/**
 * Structured-text options: spaces kept as the PDF has them (pdf.js keeps
 * them), and text outside the page's box kept too (pdf.js keeps it; mupdf
 * would otherwise bound every glyph to test it).
 */
const STEXT_OPTIONS = 'preserve-whitespace,mediabox-clip=no';

/**
 * Extracts the text of a PDF letter with mupdf, in the layout pdf.js gives
 * (pdf-pdfjs.ts): one output line per line of the page (mupdf's lines on
 * the same baseline joined, as pdf.js joins its text runs up to an end of
 * line), a form feed between pages. Before a page is laid out its content
 * is checked (pdf-mupdf-guard.ts), since mupdf lays a page out whole: a
 * page of millions of text operations, or of content that inflates past
 * the decoded cap, is refused at the limit, unread. mupdf's memory is
 * capped (pdf-mupdf-module.ts): a PDF that needs more is refused whatever
 * needed it (a content stream, a font, an image).
 */
export async function extractPdfTextMuPdf(bytes: Uint8Array, source: string, limits: PdfLimits = {}): Promise<string> {
  const maxPages = limits.maxPages ?? MAX_PDF_PAGES;
  const maxItems = limits.maxTextItems ?? MAX_PDF_TEXT_ITEMS;
  const lib = await loadMuPdf();
  const refusedBefore = memoryRefusals();
  /** The reason to give for an error: mupdf's memory cap if it was reached, whatever mupdf made of it. */
  const refusal = (err: unknown, what: string): LetterParseError => {
    if (memoryRefusals() !== refusedBefore) {
      // What mupdf keeps cached for the documents read so far is let go with the one that went over.
      lib.emptyStore();
      return new LetterParseError(source, overMemoryCap());
    }
    return err instanceof LetterParseError ? err : new LetterParseError(source, `${what} (${reason(err)})`);
  };
  let doc;
  try {
    doc = lib.Document.openDocument(bytes, 'application/pdf');
  } catch (err) {
    throw refusal(err, 'corrupt or unreadable PDF');
  }
  try {
    if (doc.needsPassword() && !doc.authenticatePassword('')) throw new LetterParseError(source, 'PDF is protected by a password other than the empty one');
    const count = doc.countPages();
    if (count > maxPages) throw new LetterParseError(source, `PDF has ${count} pages; a letter has at most ${maxPages}`);
    const pdf = doc.asPDF();
    // A page let through uncounted, read again to be counted after all (pdf-mupdf-guard.ts).
    const reread = (pageNumber: number): Uint8Array[] => {
      const page = doc.loadPage(pageNumber - 1);
      try {
        return 'getObject' in page ? decodedPageContent(page.getObject(), pageNumber, source).streams : [];
      } finally {
        page.destroy();
      }
    };
    const budget = new TextRunBudget(maxItems, source, reread);
    const pages: string[] = [];
    for (let p = 0; p < count; p++) {
      const page = doc.loadPage(p);
      try {
        if ('getObject' in page) {
          const content = decodedPageContent(page.getObject(), p + 1, source);
          budget.take(p + 1, content.streams, !content.whole);
          if (!content.whole) throw new LetterParseError(source, overDecodedCap(p + 1));
        }
        const stext = page.toStructuredText(STEXT_OPTIONS);
        try {
          pages.push(pageText(JSON.parse(stext.asJSON()) as StextJson));
        } finally {
          stext.destroy();
        }
      } finally {
        page.destroy();
      }
    }
    // An allocation mupdf failed and got past (a font it could not load) still refuses the letter.
    if (memoryRefusals() !== refusedBefore) throw refusal(null, '');
    const all = pages.join('\n\f');
    if (!/[A-Za-z]{3}/.test(all)) {
      // mupdf rebuilds a damaged file's cross-reference table where pdf.js gives up: a PDF cut short
      // then opens with its text gone, which is damage, not a missing text layer.
      if (pdf?.wasRepaired()) throw new LetterParseError(source, 'corrupt or unreadable PDF (damaged: its structure had to be rebuilt, and no text is left)');
      throw new LetterParseError(source, 'PDF has no text layer (a scanned image?); OCR it first');
    }
    return all;
  } catch (err) {
    throw refusal(err, 'corrupt or unreadable PDF page');
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
