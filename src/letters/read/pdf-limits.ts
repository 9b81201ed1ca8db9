/**
 * Bounds on the work one PDF may cause, shared by the PDF text engines, and
 * the count of text-showing operations in a page's content that lets an
 * engine without a streaming text reader (mupdf) refuse a page of millions
 * of tiny text operations before it lays them out.
 */

/** Bounds on the work one PDF may cause: a published letter has a few pages of plain text. */
export interface PdfLimits {
  /** Most pages (default MAX_PDF_PAGES). */
  maxPages?: number;
  /** Most text items (runs of text) over all pages (default MAX_PDF_TEXT_ITEMS). */
  maxTextItems?: number;
}

/** Pages a letter may have: the longest published ones have about 10. */
export const MAX_PDF_PAGES = 100;
/** Text runs a letter may have: a published page has a few hundred; a PDF of millions of tiny text operations is refused at this count, not read to its end. */
export const MAX_PDF_TEXT_ITEMS = 200_000;
/**
 * Compressed content a page may have before it is decoded and counted: a
 * published letter's page has some kB. Decoding is what bounds the memory of
 * the count (a few hundred kB of deflated operators decode to tens of MB).
 */
export const MAX_PDF_PAGE_CONTENT_BYTES = 1024 * 1024;
/**
 * Decoded content a page may have: a published letter's page has some tens
 * of kB. Under the compressed cap a deflate bomb still inflates to a
 * gigabyte; decoding stops here.
 */
export const MAX_PDF_PAGE_DECODED_BYTES = 16 * 1024 * 1024;
/**
 * Memory mupdf's WebAssembly module may grow to, in MB: reading a published
 * letter needs the 22 MB it starts with. Outside V8's heap, it is bounded
 * by nothing else, and it never shrinks (pdf-mupdf-module.ts).
 */
export const MAX_PDF_WASM_MEMORY_MB = 128;

/** The one-line reason for a PDF that needs more of mupdf's memory than MAX_PDF_WASM_MEMORY_MB. */
export function overMemoryCap(): string {
  return `PDF needs more than ${MAX_PDF_WASM_MEMORY_MB} MB of memory to read; a letter needs some tens of MB`;
}

/** The one-line reason for a PDF over the text-run limit (the same whatever the engine). */
export function tooManyTextRuns(max: number): string {
  return `PDF has more than ${max.toLocaleString('en-US')} text runs; a letter has a few thousand at most`;
}

const enum Scan {
  Normal,
  String,
  Hex,
  Comment,
  AfterLt,
  InlineImage,
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelimiter = (c: number) => c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;

/**
 * Counts the operations of PDF content (decoded content-stream bytes) that
 * each make a run of text: `Tj`, `TJ`, `'` and `"`, and `Do` (a form or image
 * drawn, which may hold text of its own). Strings, hex strings, comments and
 * inline image data are skipped, so text inside them is not mistaken for an
 * operator. Stops counting once `stopAfter` is passed.
 */
export function countTextOperations(content: Uint8Array, stopAfter = Number.POSITIVE_INFINITY): number {
  let count = 0;
  let state = Scan.Normal;
  let depth = 0;
  let escaped = false;
  // The current token's first two bytes and its length: enough to tell the operators apart.
  let t0 = 0;
  let t1 = 0;
  let len = 0;
  // Inline image data ends at whitespace, "EI", whitespace.
  let ei = 0;
  /** Counts the token that just ended if it is a text operator; true if it was ID (binary image data follows). */
  const endToken = (): boolean => {
    const n = len;
    len = 0;
    if (n === 2) {
      if (t0 === 0x54 && (t1 === 0x6a || t1 === 0x4a)) count++; // Tj, TJ
      else if (t0 === 0x44 && t1 === 0x6f) count++; // Do
      else if (t0 === 0x49 && t1 === 0x44) return true; // ID
    } else if (n === 1 && (t0 === 0x27 || t0 === 0x22)) count++; // ' and "
    return false;
  };
  for (let i = 0; i < content.length; i++) {
    const c = content[i]!;
    switch (state) {
      case Scan.Normal:
        if (isSpace(c) || isDelimiter(c)) {
          const image = endToken();
          if (count > stopAfter) return count;
          if (image) {
            state = Scan.InlineImage;
            ei = 0;
            continue;
          }
          if (c === 0x28) {
            state = Scan.String;
            depth = 1;
            escaped = false;
          } else if (c === 0x3c) state = Scan.AfterLt;
          else if (c === 0x25) state = Scan.Comment;
        } else {
          if (len === 0) t0 = c;
          else if (len === 1) t1 = c;
          len++;
        }
        break;
      case Scan.String:
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x28) depth++;
        else if (c === 0x29 && --depth === 0) state = Scan.Normal;
        break;
      case Scan.AfterLt:
        // "<<" opens a dictionary; "<" anything else a hex string.
        state = c === 0x3c ? Scan.Normal : c === 0x3e ? Scan.Normal : Scan.Hex;
        break;
      case Scan.Hex:
        if (c === 0x3e) state = Scan.Normal;
        break;
      case Scan.Comment:
        if (c === 0x0a || c === 0x0d) state = Scan.Normal;
        break;
      case Scan.InlineImage:
        if (ei === 0) ei = isSpace(c) ? 1 : 0;
        else if (ei === 1) ei = c === 0x45 ? 2 : isSpace(c) ? 1 : 0;
        else if (ei === 2) ei = c === 0x49 ? 3 : isSpace(c) ? 1 : 0;
        else if (isSpace(c) || isDelimiter(c)) {
          state = Scan.Normal;
          ei = 0;
        } else ei = 0;
        break;
    }
  }
  endToken();
  return count;
}
