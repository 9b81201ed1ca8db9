/**
 * The check a page passes before mupdf lays it out. mupdf lays a page out
 * whole, so a page of millions of tiny text operations, or of content that
 * inflates to a gigabyte, has to be refused before that, from the content
 * itself: its compressed size, its decoded size and its text operations
 * (pdf-limits.ts) are checked here, stream by stream.
 *
 * Cheap on real letters, where it runs on every page: a stream deflated
 * alone (all of the published letters' content) is inflated by Node's zlib
 * from the bytes mupdf hands over decrypted but still compressed, which
 * costs less than mupdf's own inflating in WebAssembly and is stopped at
 * the decoded cap however far the stream would inflate; and the text
 * operations are only counted once the content read so far is large enough
 * to hold more of them than the limit allows (an operation and what ends
 * it take at least two bytes), which a letter never is.
 */
import { constants, inflateSync } from 'node:zlib';
import { LetterParseError } from '../../domain/index.js';
import { countTextOperations, MAX_PDF_PAGE_CONTENT_BYTES, MAX_PDF_PAGE_DECODED_BYTES, tooManyTextRuns } from './pdf-limits.js';

type PdfObject = import('mupdf').PDFObject;

/** Deflate inflates at most 1032 bytes out of one compressed byte. */
const MAX_DEFLATE_RATIO = 1032;

/** The text-run budget of one document, kept as its pages are checked. */
export class TextRunBudget {
  /** Text operations counted, on the pages whose content was scanned. */
  private counted = 0;
  /** The most operations the pages not scanned can hold (half their decoded bytes), by page. */
  private unscanned = new Map<number, number>();
  private bound = 0;

  constructor(
    private readonly max: number,
    private readonly source: string,
    /** The decoded content of an earlier page again, to count it after all. */
    private readonly reread: (pageNumber: number) => Uint8Array[],
  ) {}

  /**
   * Takes a page's decoded content into the budget: unread if the budget
   * holds even at two bytes an operation, else counted (and the pages let
   * through unread before it counted too, so that a refusal is never for
   * operations that are not there). `mustCount` counts it whatever its
   * size: the head of content over the decoded cap, which is refused for
   * its text operations if they are over the limit, else for its size.
   */
  take(pageNumber: number, content: Uint8Array[], mustCount = false): void {
    // Every counted operation but a stream's last ends at a byte of its own (a space or delimiter).
    const most = content.reduce((n, c) => n + Math.ceil(c.length / 2), 0);
    if (!mustCount && this.counted + this.bound + most <= this.max) {
      this.unscanned.set(pageNumber, most);
      this.bound += most;
      return;
    }
    for (const page of [...this.unscanned.keys()]) this.count(this.reread(page), page);
    this.count(content, pageNumber);
  }

  private count(content: Uint8Array[], pageNumber: number): void {
    this.bound -= this.unscanned.get(pageNumber) ?? 0;
    this.unscanned.delete(pageNumber);
    for (const c of content) {
      this.counted += countTextOperations(c, this.max - this.counted);
      if (this.counted > this.max) throw new LetterParseError(this.source, tooManyTextRuns(this.max));
    }
  }
}

/** A page's content, decoded: whole, or the head of it when it decodes to more than the cap. */
export interface PageContent {
  streams: Uint8Array[];
  whole: boolean;
}

/**
 * A page's content streams and the forms it draws (forms within forms, a
 * few levels deep, each once), decoded, after the check of their declared
 * compressed size (before anything is decoded). Decoding stops at
 * MAX_PDF_PAGE_DECODED_BYTES for the page, however far the content would
 * inflate: what was decoded up to there is returned, not whole.
 */
export function decodedPageContent(page: PdfObject, pageNumber: number, source: string): PageContent {
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
  const decoded: Uint8Array[] = [];
  let left = MAX_PDF_PAGE_DECODED_BYTES;
  for (const s of streams) {
    if (!s.isStream()) continue;
    const { bytes, whole } = decodeStream(s, left);
    decoded.push(bytes);
    if (!whole) return { streams: decoded, whole: false };
    left -= bytes.length;
  }
  return { streams: decoded, whole: true };
}

/** The one-line reason for a page whose content decodes to more than MAX_PDF_PAGE_DECODED_BYTES. */
export function overDecodedCap(pageNumber: number): string {
  return `PDF page ${pageNumber} has content that decodes to more than ${MAX_PDF_PAGE_DECODED_BYTES / 1048576} MB; a letter's page has some tens of kB`;
}

/**
 * A stream's decoded bytes, whole if they fit in `cap`. A stream deflated
 * alone is inflated here; any other by mupdf, whose memory is capped
 * (pdf-mupdf-module.ts).
 */
function decodeStream(stream: PdfObject, cap: number): { bytes: Uint8Array; whole: boolean } {
  if (deflatedAlone(stream)) {
    const raw = stream.readRawStream();
    try {
      const compressed = raw.asUint8Array();
      try {
        return { bytes: inflateSync(compressed, { maxOutputLength: cap }), whole: true };
      } catch (err) {
        // Damaged deflate data, which mupdf reads up to the damage: its own reading decides.
        if ((err as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') return viaMuPdf(stream, cap);
        return { bytes: head(compressed, cap), whole: false };
      }
    } finally {
      raw.destroy();
    }
  }
  return viaMuPdf(stream, cap);
}

/**
 * The head of content that inflates past `cap`: what a prefix of its
 * compressed bytes short enough never to inflate past the cap gives, for
 * its text operations to be counted.
 */
function head(compressed: Uint8Array, cap: number): Uint8Array {
  try {
    return inflateSync(compressed.subarray(0, Math.floor(cap / MAX_DEFLATE_RATIO)), { maxOutputLength: cap, finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return new Uint8Array(0);
  }
}

function viaMuPdf(stream: PdfObject, cap: number): { bytes: Uint8Array; whole: boolean } {
  const buffer = stream.readStream();
  try {
    const bytes = buffer.asUint8Array();
    // Copied out of mupdf's memory, which the next read may move.
    return bytes.length > cap ? { bytes: bytes.slice(0, cap), whole: false } : { bytes: bytes.slice(), whole: true };
  } finally {
    buffer.destroy();
  }
}

/** Filter /FlateDecode (or [/FlateDecode]) without parameters: the bytes mupdf gives raw are zlib data. */
function deflatedAlone(stream: PdfObject): boolean {
  if (!stream.get('DecodeParms').isNull()) return false;
  let filter = stream.get('Filter');
  if (filter.isArray()) {
    if (filter.length !== 1) return false;
    filter = filter.get(0);
  }
  return filter.isName() && filter.asName() === 'FlateDecode';
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
