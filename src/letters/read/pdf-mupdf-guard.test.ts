import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DWC_PDF } from '../../../test/sample-letters.js';
import { extractPdfText } from './pdf.js';
import { countTextOperations } from './pdf-limits.js';
import { TextRunBudget } from './pdf-mupdf-guard.js';
import { loadMuPdf } from './pdf-mupdf-module.js';

/** Pages of `runs` one-character text operations each (7 bytes an operation). */
const page = (runs: number) => [Buffer.from('(a) Tj '.repeat(runs))];

describe('the text-run budget of a document', () => {
  it('lets pages through uncounted while they cannot hold too many, and counts them all once they could, refusing only over the limit', () => {
    const pages = [page(10), page(10), page(10)];
    const reread: number[] = [];
    const run = (max: number) => {
      const budget = new TextRunBudget(max, 'three.pdf', (n) => (reread.push(n), pages[n - 1]!));
      pages.forEach((content, i) => budget.take(i + 1, content));
    };
    // 70 bytes a page hold at most 35 operations: all three fit in 105 unread.
    run(105);
    expect(reread).toEqual([]);
    // At 40 the first page fits unread, the second no longer does: the first is read again and counted.
    run(40);
    expect(reread).toEqual([1]);
    // The 30 there are are within 30; 29 refuses.
    run(30);
    expect(() => run(29)).toThrow('three.pdf: PDF has more than 29 text runs; a letter has a few thousand at most');
  });

  it('bounds a page of many one-byte streams by each stream, whose last operation needs nothing after it', () => {
    // 1,000 streams of one quote each: 1,000 operations in 1,000 bytes.
    const streams = Array.from({ length: 1000 }, () => Buffer.from("'"));
    expect(() => new TextRunBudget(600, 'quotes.pdf', () => []).take(1, streams)).toThrow('quotes.pdf: PDF has more than 600 text runs');
  });

  it('counts a page over the decoded cap whatever its size, so that too many text operations are the reason given', () => {
    const budget = new TextRunBudget(1000, 'big.pdf', () => []);
    expect(() => budget.take(1, page(1001), true)).toThrow('big.pdf: PDF has more than 1,000 text runs');
    expect(() => new TextRunBudget(1000, 'big.pdf', () => []).take(1, page(900), true)).not.toThrow();
  });
});

describe('the text-run limit on a published letter of two pages', () => {
  it('refuses it one operation under the count taken from its decoded content by mupdf itself, and reads it at that count', async () => {
    const name = 'CM16-0230548.pdf';
    const bytes = new Uint8Array(readFileSync(join(DWC_PDF, name)));
    // The count, independently of the reader's check: every content stream as mupdf decodes it.
    const lib = await loadMuPdf();
    const doc = lib.Document.openDocument(bytes, 'application/pdf');
    doc.authenticatePassword('');
    let runs = 0;
    for (let p = 0; p < doc.countPages(); p++) {
      const pdfPage = doc.loadPage(p);
      if (!('getObject' in pdfPage)) throw new Error('not a PDF page');
      const contents = pdfPage.getObject().get('Contents');
      const streams = contents.isArray() ? Array.from({ length: contents.length }, (_, i) => contents.get(i)) : [contents];
      for (const s of streams) {
        const buffer = s.readStream();
        runs += countTextOperations(buffer.asUint8Array());
        buffer.destroy();
      }
    }
    expect(doc.countPages()).toBeGreaterThan(1);
    doc.destroy();
    expect(await extractPdfText(bytes, name, { maxTextItems: runs }, 'mupdf')).toContain('CM16-0230548');
    await expect(extractPdfText(bytes, name, { maxTextItems: runs - 1 }, 'mupdf')).rejects.toThrow(`${name}: PDF has more than ${(runs - 1).toLocaleString('en-US')} text runs`);
  });
});
