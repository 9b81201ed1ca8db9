import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deflateBombPdf, manyTextOperationsPdf } from '../../../test/hostile-pdf.js';
import { DWC_PDF } from '../../../test/sample-letters.js';
import { parseLetterFile } from '../../letters/index.js';
import { assessCase, caseFileFromDetermination } from '../../engine/index.js';
import { JobPool } from './job-pool.js';

const REAL_PDF = join(DWC_PDF, 'CM16-0230548.pdf');

describe('the job pool', () => {
  const pools: JobPool[] = [];
  const pool = (options: ConstructorParameters<typeof JobPool>[0] = {}) => {
    const p = new JobPool(options);
    pools.push(p);
    return p;
  };
  afterAll(async () => Promise.all(pools.map((p) => p.close())));

  it('reads a real letter PDF on a worker as the reader does, renders it as a PDF, and drafts its determination as the engine does here', async () => {
    const jobs = pool();
    const bytes = new Uint8Array(readFileSync(REAL_PDF));
    const out = await jobs.prepareLetter(bytes, 'CM16-0230548.pdf', 'pdf');
    const direct = await parseLetterFile(REAL_PDF);
    expect(out.format).toBe('pdf');
    expect(out.caseNumber).toBe('CM16-0230548');
    expect(out.contentHash).toBe(direct.determination.contentHash);
    const pdf = await jobs.renderLetter(direct.determination, 'pdf');
    expect(Buffer.from(pdf as Uint8Array).subarray(0, 5).toString()).toBe('%PDF-');
    // The engine's draft made on a worker is the draft made here.
    const file = caseFileFromDetermination(direct.determination);
    expect(await jobs.assessCase(file)).toEqual(assessCase(file));
  }, 60_000);

  it('refuses a small PDF of millions of tiny text operations by its text-run limit, with the reader\'s one-line reason', async () => {
    const jobs = pool();
    const hostile = manyTextOperationsPdf();
    expect(hostile.length).toBeLessThan(150_000);
    await expect(jobs.prepareLetter(hostile, 'hostile.pdf', 'pdf')).rejects.toThrow(/^hostile\.pdf: PDF has more than 200,000 text runs; a letter has a few thousand at most$/);
    // The worker is still there for the next job.
    expect((await jobs.prepareLetter(new Uint8Array(readFileSync(REAL_PDF)), 'again.pdf', 'pdf')).caseNumber).toBe('CM16-0230548');
  }, 60_000);

  it("refuses deflate bombs on a worker, each with the reader's one-line reason, the worker's WebAssembly memory held to its cap", async () => {
    // mupdf's memory is outside the worker's heap limit: its own cap (pdf-mupdf-module.ts) holds it, in each worker.
    const jobs = pool({ workers: 1 });
    await expect(jobs.prepareLetter(deflateBombPdf(1000), 'bomb.pdf', 'pdf')).rejects.toThrow("bomb.pdf: PDF page 1 has content that decodes to more than 16 MB; a letter's page has some tens of kB");
    await expect(jobs.prepareLetter(deflateBombPdf(1000, 'font'), 'font.pdf', 'pdf')).rejects.toThrow('font.pdf: PDF needs more than 128 MB of memory to read; a letter needs some tens of MB');
    expect((await jobs.prepareLetter(new Uint8Array(readFileSync(REAL_PDF)), 'again.pdf', 'pdf')).caseNumber).toBe('CM16-0230548');
  }, 60_000);

  it('stops a job at its deadline and one over its memory limit, each refused with LIMIT_EXCEEDED, and replaces the worker', async () => {
    const bytes = new Uint8Array(readFileSync(REAL_PDF));
    const slow = pool({ limits: { deadlineMs: 1 } });
    await expect(slow.prepareLetter(bytes, 'slow.pdf', 'pdf')).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', message: 'reading slow.pdf was stopped: it went over the 0 s a job may take on this server' });
    const small = pool({ limits: { maxMemoryMb: 8 } });
    await expect(small.prepareLetter(manyTextOperationsPdf(), 'big.pdf', 'pdf')).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', message: expect.stringMatching(/^reading big\.pdf was stopped: it went over the (8 MB of memory|resources) a job may take on this server$/) });
    const roomy = pool({ limits: { deadlineMs: 60_000 } });
    expect((await roomy.prepareLetter(bytes, 'fine.pdf', 'pdf')).caseNumber).toBe('CM16-0230548');
  }, 90_000);

  it('refuses a PDF with more pages than a letter has', async () => {
    const jobs = pool({ limits: { maxPages: 1 } });
    await expect(jobs.prepareLetter(new Uint8Array(readFileSync(REAL_PDF)), 'long.pdf', 'pdf')).rejects.toThrow(/^long\.pdf: PDF has \d+ pages; a letter has at most 1$/);
  }, 60_000);

  it('refuses at once, as busy, a job that would queue past the queue limit', async () => {
    const jobs = pool({ limits: { maxQueued: 1 } });
    const bytes = new Uint8Array(readFileSync(REAL_PDF));
    const running = [jobs.prepareLetter(bytes, 'a.pdf', 'pdf'), jobs.prepareLetter(bytes, 'b.pdf', 'pdf')];
    await expect(jobs.prepareLetter(bytes, 'c.pdf', 'pdf')).rejects.toMatchObject({ code: 'BUSY' });
    await Promise.all(running);
  }, 60_000);
});
