import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deflateBombPdf, largeContentPdf, manyTextOperationsPdf } from '../../../test/hostile-pdf.js';
import { DWC_PDF } from '../../../test/sample-letters.js';
import { parseLetterText } from '../parse.js';
import { defaultPdfEngine, extractPdfText, type PdfEngine } from './pdf.js';
import { countTextOperations, MAX_PDF_TEXT_ITEMS, MAX_PDF_WASM_MEMORY_MB } from './pdf-limits.js';
import { muPdfMemoryBytes } from './pdf-mupdf-module.js';
import { popplerAvailable } from './pdf-poppler.js';
import { letterLines } from './text.js';

const pdfs = readdirSync(DWC_PDF)
  .filter((f) => f.endsWith('.pdf'))
  .sort()
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DWC_PDF, name))) }));

/** A parsed letter as plain data (dates and all), for a deep comparison. */
const parsed = (text: string, name: string) => JSON.parse(JSON.stringify(parseLetterText(text, name)));

describe('the PDF text engines on the 65 published letters', () => {
  it('are all there', () => expect(pdfs).toHaveLength(65));

  const compare = (engine: PdfEngine) => async () => {
    const differing: string[] = [];
    for (const { name, bytes } of pdfs) {
      const reference = await extractPdfText(bytes, name, {}, 'pdfjs');
      const text = await extractPdfText(bytes, name, {}, engine);
      // Every field of the parsed letter: items, decisions, citations, dates, reviewer, summary.
      expect(parsed(text, name), name).toEqual(parsed(reference, name));
      // And the normalised lines the parser reads, so search snippets and stored text read alike.
      if (JSON.stringify(letterLines(text)) !== JSON.stringify(letterLines(reference))) differing.push(name);
    }
    expect(differing).toEqual([]);
  };
  it('mupdf gives the letters pdf.js gives, field for field and line for line', compare('mupdf'), 120_000);
  it.skipIf(!popplerAvailable())('pdftotext gives the letters pdf.js gives, field for field and line for line', compare('poppler'), 120_000);

  it('read by default with mupdf, unless IMR_PDF_ENGINE names another engine', () => {
    const saved = process.env.IMR_PDF_ENGINE;
    try {
      delete process.env.IMR_PDF_ENGINE;
      expect(defaultPdfEngine()).toBe('mupdf');
      process.env.IMR_PDF_ENGINE = 'pdfjs';
      expect(defaultPdfEngine()).toBe('pdfjs');
      process.env.IMR_PDF_ENGINE = 'acrobat';
      expect(() => defaultPdfEngine()).toThrow('IMR_PDF_ENGINE: no such PDF engine "acrobat" (mupdf, pdfjs, poppler)');
    } finally {
      if (saved === undefined) delete process.env.IMR_PDF_ENGINE;
      else process.env.IMR_PDF_ENGINE = saved;
    }
  });
});

describe('the text-run limit under mupdf', () => {
  it('refuses a small PDF of millions of tiny text operations with the same reason as pdf.js', async () => {
    const hostile = manyTextOperationsPdf();
    const reason = 'hostile.pdf: PDF has more than 200,000 text runs; a letter has a few thousand at most';
    await expect(extractPdfText(hostile, 'hostile.pdf', {}, 'mupdf')).rejects.toThrow(reason);
    await expect(extractPdfText(hostile, 'hostile.pdf', {}, 'pdfjs')).rejects.toThrow(reason);
  }, 60_000);

  it('is counted from the content as pdf.js counts its runs: a published letter is far under it, and a lower limit refuses one', async () => {
    const { name, bytes } = pdfs.find((p) => p.name === 'CM16-0230548.pdf')!;
    await expect(extractPdfText(bytes, name, { maxTextItems: 20 }, 'mupdf')).rejects.toThrow(`${name}: PDF has more than 20 text runs; a letter has a few thousand at most`);
    await expect(extractPdfText(bytes, name, { maxTextItems: 20 }, 'pdfjs')).rejects.toThrow(`${name}: PDF has more than 20 text runs; a letter has a few thousand at most`);
    expect(await extractPdfText(bytes, name, { maxTextItems: MAX_PDF_TEXT_ITEMS }, 'mupdf')).toContain('CM16-0230548');
  });

  it('refuses a page whose compressed content is larger than a letter page could be, before decoding it', async () => {
    // Random letters compress to about three quarters of their size: 1.6 MB of them is over the 1 MB limit.
    const big = largeContentPdf(1600);
    await expect(extractPdfText(big, 'big.pdf', {}, 'mupdf')).rejects.toThrow(/^big\.pdf: PDF page 1 has 1\.\d MB of compressed content; a letter's page has some kB$/);
    // A page of some hundred kB of the same content is read.
    expect(await extractPdfText(largeContentPdf(100), 'small.pdf', {}, 'mupdf')).toContain('Case Number: CM16-0000000');
  });

  it('skips strings, hex strings, comments and inline image data when it counts text operations', () => {
    const content = Buffer.from('BT (a Tj b) Tj <54 6a> Tj [(x) 3 (y)] TJ % Tj in a comment\n (q) \' 1 2 (r) " ET /Im0 Do BI /W 1 ID  Tj TJ \n EI Q');
    expect(countTextOperations(content)).toBe(6);
    expect(countTextOperations(content, 2)).toBe(3);
  });
});

describe('deflate bombs under mupdf: 1,000 MB of content in under 1 MB of PDF', () => {
  const MB = 1024 * 1024;
  const rssGrowth = async (read: () => Promise<unknown>) => {
    const before = process.memoryUsage().rss;
    await read().catch(() => undefined);
    return (process.memoryUsage().rss - before) / MB;
  };

  it('refuses a page whose content inflates past 16 MB when it gets there, not at 1,000 MB', async () => {
    const bomb = deflateBombPdf(1000);
    expect(bomb.length).toBeLessThan(MB);
    const reason = "bomb.pdf: PDF page 1 has content that decodes to more than 16 MB; a letter's page has some tens of kB";
    await expect(extractPdfText(bomb, 'bomb.pdf', {}, 'mupdf')).rejects.toThrow(reason);
    // Inflated whole, it would be 1,000 MB; stopped at the cap, it is some tens.
    expect(await rssGrowth(() => extractPdfText(bomb, 'bomb.pdf', {}, 'mupdf'))).toBeLessThan(100);
    // Below the cap the same construction is an ordinary page.
    expect(await extractPdfText(deflateBombPdf(8), 'padded.pdf', {}, 'mupdf')).toContain('Case Number: CM16-0000000');
  });

  it("refuses one in an embedded font file or behind a filter chain mupdf inflates itself at mupdf's memory cap, and reads the next letter", async () => {
    // Neither is decoded by the reader's check of the content: mupdf decodes them, in its own memory.
    const before = process.memoryUsage().rss;
    for (const place of ['font', 'content-deflated-twice'] as const) {
      const bomb = deflateBombPdf(1000, place);
      expect(bomb.length).toBeLessThan(MB);
      const reason = `bomb.pdf: PDF needs more than ${MAX_PDF_WASM_MEMORY_MB} MB of memory to read; a letter needs some tens of MB`;
      await expect(extractPdfText(bomb, 'bomb.pdf', {}, 'mupdf'), place).rejects.toThrow(reason);
      expect(muPdfMemoryBytes()).toBeLessThanOrEqual(MAX_PDF_WASM_MEMORY_MB * MB);
      const { name, bytes } = pdfs[0]!;
      expect(await extractPdfText(bytes, name, {}, 'mupdf')).toContain(name.replace('.pdf', ''));
    }
    // Inflated whole, each would be 1,000 MB of mupdf's memory, which never shrinks: the process grew by the cap at most.
    expect((process.memoryUsage().rss - before) / MB).toBeLessThan(MAX_PDF_WASM_MEMORY_MB + 32);
  });
});
