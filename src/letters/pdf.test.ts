import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnImr } from '../../test/crash/harness.js';
import { DWC_PDF, sampleLetters } from '../../test/sample-letters.js';

const dir = mkdtempSync(join(tmpdir(), 'imr-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Found by the letter fuzzer: pdf.js prefetches a damaged page tree's
// dictionaries and leaves their rejection unhandled, which used to end the
// whole process after the PDF's own error was reported.
describe('a PDF whose damaged page tree pdf.js gives up on', () => {
  it('is reported on one line and the letters after it are still parsed', async () => {
    // A published letter with one byte changed and 4 kB cut out of its objects.
    const bytes = Buffer.from(readFileSync(join(DWC_PDF, 'CM17-0017776.pdf')));
    bytes[17613] = 62;
    const damaged = join(dir, 'damaged.pdf');
    writeFileSync(damaged, Buffer.concat([bytes.subarray(0, 580), bytes.subarray(580 + 4092)]));
    const others = sampleLetters().map((s) => s.path);
    const child = spawnImr(['parse', '--json', damaged, ...others]);
    const { code, signal } = await child.exited;
    expect(signal).toBeNull();
    expect(code).toBe(1);
    expect(child.stderr()).toBe(`error: ${damaged}: PDF has no text layer (a scanned image?); OCR it first\n${others.length} parsed, 1 failed\n`);
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
