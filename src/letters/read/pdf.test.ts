import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnImr } from '../../../test/crash/harness.js';
import { DWC_PDF, sampleLetters } from '../../../test/sample-letters.js';

const dir = mkdtempSync(join(tmpdir(), 'imr-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Found by the letter fuzzer: pdf.js prefetches a damaged page tree's
// dictionaries and leaves their rejection unhandled, which used to end the
// whole process after the PDF's own error was reported.
describe('a PDF whose damaged page tree pdf.js gives up on', () => {
  // pdf.js finds no page with text in it; mupdf (the default) rebuilds the damaged structure and says so.
  it.each([
    ['pdfjs', 'PDF has no text layer (a scanned image?); OCR it first'],
    ['mupdf', 'corrupt or unreadable PDF (damaged: its structure had to be rebuilt, and no text is left)'],
  ])('is reported on one line by %s and the letters after it are still parsed', async (engine, reason) => {
    // A published letter with one byte changed and 4 kB cut out of its objects.
    const bytes = Buffer.from(readFileSync(join(DWC_PDF, 'CM17-0017776.pdf')));
    bytes[17613] = 62;
    const damaged = join(dir, 'damaged.pdf');
    writeFileSync(damaged, Buffer.concat([bytes.subarray(0, 580), bytes.subarray(580 + 4092)]));
    const others = sampleLetters().map((s) => s.path);
    const child = spawnImr(['parse', '--json', damaged, ...others], { IMR_PDF_ENGINE: engine });
    const { code, signal } = await child.exited;
    expect(signal).toBeNull();
    expect(code).toBe(1);
    expect(child.stderr()).toBe(`error: ${damaged}: ${reason}\n${others.length} parsed, 1 failed\n`);
    expect(child.lines.filter(Boolean).map((l) => JSON.parse(l).source)).toEqual(others);
  });
});

describe('PDF bytes given as a Node Buffer', () => {
  it('are read like any Uint8Array (pdf.js refuses a Buffer; request bodies and file reads give one)', async () => {
    const { extractPdfText } = await import('./pdf.js');
    const text = await extractPdfText(readFileSync(join(DWC_PDF, 'CM16-0246487.pdf')), 'buffer.pdf');
    expect(text).toContain('CM16-0246487');
  });
});
