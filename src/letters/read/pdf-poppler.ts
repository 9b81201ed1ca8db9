/**
 * PDF text with poppler's `pdftotext` (Debian's poppler-utils), run as a
 * child process: not an npm package, so not the default, but the fastest of
 * the three and a check on the others (pdf-engines.test.ts compares all
 * three on the published letters where it is installed).
 */
import { execFile, spawnSync } from 'node:child_process';
import { LetterParseError } from '../../domain/index.js';
import { MAX_PDF_PAGES, type PdfLimits } from './pdf-limits.js';

/** Wall time pdftotext may take for one letter. */
const POPPLER_DEADLINE_MS = 20_000;
/** Text pdftotext may write for one letter (a letter is some tens of kB). */
const POPPLER_MAX_OUTPUT = 16 * 1024 * 1024;

let available: boolean | undefined;

/** True when `pdftotext` can be run on this machine. */
export function popplerAvailable(): boolean {
  available ??= spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
  return available;
}

/**
 * Extracts the text of a PDF letter with `pdftotext -raw` (content-stream
 * order, the order pdf.js gives), form feeds between pages. Pages past the
 * limit are not converted: one page more than allowed is asked for, and its
 * presence refuses the letter. The text-run limit has no equivalent here;
 * the child's deadline and output cap bound its work instead.
 */
export function extractPdfTextPoppler(bytes: Uint8Array, source: string, limits: PdfLimits = {}): Promise<string> {
  const maxPages = limits.maxPages ?? MAX_PDF_PAGES;
  return new Promise((resolve, reject) => {
    const child = execFile(
      'pdftotext',
      ['-q', '-raw', '-enc', 'UTF-8', '-upw', '', '-l', String(maxPages + 1), '-', '-'],
      { encoding: 'utf8', timeout: POPPLER_DEADLINE_MS, maxBuffer: POPPLER_MAX_OUTPUT },
      (err, stdout) => {
        if (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') return reject(new LetterParseError(source, 'pdftotext (poppler-utils) is not installed; use another PDF engine'));
          if (err.killed || code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return reject(new LetterParseError(source, 'PDF took pdftotext too long or too much output; not a letter'));
          // pdftotext exits 1 for a PDF it cannot open, 3 for a bad password.
          if ((err as { code?: unknown }).code === 3) return reject(new LetterParseError(source, 'PDF is protected by a password other than the empty one'));
          return reject(new LetterParseError(source, 'corrupt or unreadable PDF (pdftotext could not open it)'));
        }
        // pdftotext ends every page with a form feed.
        const pages = stdout.split('\f');
        if (pages.at(-1) === '') pages.pop();
        if (pages.length > maxPages) return reject(new LetterParseError(source, `PDF has more than ${maxPages} pages; a letter has at most ${maxPages}`));
        const all = pages.join('\n\f');
        if (!/[A-Za-z]{3}/.test(all)) return reject(new LetterParseError(source, 'PDF has no text layer (a scanned image?); OCR it first'));
        resolve(all);
      },
    );
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(bytes);
  });
}
