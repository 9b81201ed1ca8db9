/**
 * The coordinator's case search, priority column and letter upload in a
 * real browser against the real server and the real letters.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DWC_PDF, SAMPLE_LETTERS } from '../sample-letters.js';
import { parseLetterFile } from '../../src/letters/index.js';
import { axeViolations, settled, startBrowserFixture, type BrowserFixture } from './server-fixture.js';

describe("the coordinator's pages in Chromium", () => {
  let fx: BrowserFixture;

  beforeAll(async () => {
    fx = await startBrowserFixture();
  });

  afterAll(async () => {
    await fx?.close();
  });

  it('finds a case by its number and by part of the worker\'s name, with its priority shown', async () => {
    const page = await fx.signIn('cora');
    await settled(page);
    const rows = page.locator('table.cases tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await page.getByRole('columnheader', { name: 'Priority' }).count()).toBe(1);
    for (const c of [fx.mine, fx.theirs]) expect(await rows.filter({ hasText: c.caseNumber! }).locator('td:nth-child(2)').textContent()).toBe(c.priority === 'expedited' ? 'Expedited' : 'Standard');

    await page.getByLabel('Case number or worker').fill(fx.mine.caseNumber!.slice(0, -3).toLowerCase());
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(/find=/);
    await settled(page);
    const byNumber = await rows.locator('td:first-child').allTextContents();
    expect(byNumber).toContain(fx.mine.caseNumber);
    for (const n of byNumber) expect(n.startsWith(fx.mine.caseNumber!.slice(0, -3))).toBe(true);

    const worker = fx.theirs.parties.worker.name;
    const part = worker.split(/\s+/).pop()!.slice(0, 5);
    await page.getByLabel('Case number or worker').fill(part);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(new RegExp(`find=${part}`));
    await settled(page);
    const api = await (await page.request.get(`${fx.base}/api/case-search?q=${encodeURIComponent(part)}`)).json();
    expect(api.items.map((c: { id: number }) => c.id)).toContain(fx.theirs.id);
    expect(await rows.count()).toBe(api.total);
    expect(await rows.filter({ hasText: fx.theirs.caseNumber! }).locator('td:nth-child(2)').textContent()).toBe(worker);
    // A reviewer may not search cases at all.
    const rita = await fx.signIn('rita');
    expect((await rita.request.get(`${fx.base}/api/case-search?q=${encodeURIComponent(part)}`)).status()).toBe(403);
    await rita.close();
    await page.close();
  });

  it('adds record files (PDFs and text, several at once), their text read in the background with progress, and records them received', async () => {
    const page = await fx.signIn('cora');
    await page.goto(`${fx.base}/cases/${fx.awaitingRecords.id}`);
    await page.getByRole('button', { name: /Record records received/ }).waitFor();
    const pdfs = ['CM16-0230548.pdf', 'CM16-0231745.pdf'];
    const note = 'PR-2 progress report: neck pain 6/10, home exercise continues.';
    await page.getByLabel('Add record files (PDF, text)').setInputFiles([
      ...pdfs.map((n) => ({ name: n, mimeType: 'application/pdf', buffer: readFileSync(join(DWC_PDF, n)) })),
      { name: 'PR-2 2017-01-10.txt', mimeType: 'text/plain', buffer: Buffer.from(note) },
      { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 this is not really a PDF') },
    ]);
    for (const n of [...pdfs, 'PR-2 2017-01-10.txt']) await page.locator(`li[data-record="${n}"][data-state="read"]`).waitFor({ timeout: 60_000 });
    await page.locator('li[data-record="broken.pdf"][data-state="failed"]').waitFor();
    expect(await page.locator('li[data-record="CM16-0230548.pdf"]').textContent()).toMatch(/\d+ pages/);
    await page.getByRole('button', { name: 'Record records received (3 documents)' }).click();
    await page.locator('h1 .badge', { hasText: 'Records received' }).waitFor();
    const view = await (await page.request.get(`${fx.base}/api/cases/${fx.awaitingRecords.id}`)).json();
    const docs = view.case.file.documents as { title: string; text: string }[];
    const added = docs.slice(-3);
    expect(added.map((d) => d.title)).toEqual(['CM16-0230548', 'CM16-0231745', 'PR-2 2017-01-10']);
    // The PDFs' text is their letters' text, as the server's own reader gets it.
    for (const [k, n] of pdfs.entries()) {
      const server = (await parseLetterFile(join(DWC_PDF, n))).file.text;
      const words = (t: string) => t.replace(/\s+/g, ' ').trim();
      expect(words(added[k]!.text)).toContain(n.replace('.pdf', ''));
      expect(words(added[k]!.text).slice(0, 2000).split(' ').filter((w) => words(server).includes(w)).length).toBeGreaterThan(150);
    }
    expect(added[2]!.text).toBe(note);
    await page.close();
  });

  it('the assigned reviewer corrects an issued determination from the case page: version 2 is issued with the corrected decision, version 1 stays', async () => {
    const write = async (username: string, path: string, data: object) => {
      const page = await fx.signIn(username);
      const session = await (await page.request.get(`${fx.base}/api/auth/session`)).json();
      const res = await page.request.post(`${fx.base}${path}`, { headers: { 'x-csrf-token': session.csrfToken, origin: fx.base }, data });
      expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
      const body = await res.json();
      await page.close();
      return body;
    };
    const c = fx.mine;
    const decided = await write('rita', `/api/cases/${c.id}/decisions`, {
      version: c.version,
      decisions: c.file.items.map((i) => ({ index: i.index, decision: 'upheld', rationale: `Not medically necessary on the records provided for ${i.request}.`, overrideReason: 'The records do not document the failed conservative care the draft assumed.' })),
    });
    const preview = await fx.signIn('cora');
    const previewHash = (await (await preview.request.get(`${fx.base}/api/cases/${c.id}/issue-preview`)).json()).previewHash;
    await preview.close();
    await write('cora', `/api/cases/${c.id}/issue`, { version: decided.case.version, previewHash });

    const page = await fx.signIn('rita');
    await page.goto(`${fx.base}/cases/${c.id}`);
    await page.getByRole('heading', { name: 'Correct the issued determination' }).waitFor();
    await page.getByLabel(/Correct item 1:/).check();
    await page.getByLabel('Corrected decision for item 1').selectOption('overturned');
    await page.getByLabel('Corrected rationale for item 1').fill('The records show six weeks of failed conservative care; imaging is medically necessary.');
    await page.getByLabel('Reason for the correction').fill('The progress report of the records was overlooked.');
    await page.getByRole('button', { name: 'Preview the corrected letter' }).click();
    // The corrected letter as it will be published, marked Corrected, before anything is issued.
    await page.locator('form[aria-labelledby="correct-title"] pre.published-letter').waitFor();
    expect(await page.locator('form[aria-labelledby="correct-title"] pre.published-letter').textContent()).toMatch(/^Corrected: version 2, replacing version 1/);
    expect((await (await page.request.get(`${fx.base}/api/cases/${c.id}/determinations`)).json()).items).toHaveLength(1);
    await page.getByRole('button', { name: 'Issue the corrected determination' }).click();
    await page.locator('form[aria-labelledby="correct-title"] .banner').first().waitFor();
    expect(await page.locator('form[aria-labelledby="correct-title"] .banner').first().textContent()).toBe('Version 2 issued.');
    const versions = await (await page.request.get(`${fx.base}/api/cases/${c.id}/determinations`)).json();
    expect(versions.items.map((v: { version: number; reason: string | null }) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, 'The progress report of the records was overlooked.'],
    ]);
    const read = async (version: number) => {
      const res = await page.request.get(`${fx.base}/api/cases/${c.id}/letter?format=pdf&version=${version}`);
      const path = join(tmpdir(), `imr-correct-${process.pid}-${version}.pdf`);
      writeFileSync(path, await res.body());
      return (await parseLetterFile(path)).determination.items.map((i) => i.decision);
    };
    expect(await read(1)).toEqual(c.file.items.map(() => 'upheld'));
    expect(await read(2)).toEqual(c.file.items.map((i) => (i.index === 1 ? 'overturned' : 'upheld')));
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('adds many letter files to the corpus at once, with progress and each file\'s outcome', async () => {
    const page = await fx.signIn('cora');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Add letters' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add letters to the corpus' }).waitFor();
    const pdf = join(DWC_PDF, 'CM16-0213037.pdf');
    const text = join(SAMPLE_LETTERS, readdirSync(SAMPLE_LETTERS).filter((f) => f.endsWith('.txt')).sort()[0]!);
    await page.getByLabel('Choose letter files').setInputFiles([
      { name: 'CM16-0213037.pdf', mimeType: 'application/pdf', buffer: readFileSync(pdf) },
      { name: text.split('/').pop()!, mimeType: 'text/plain', buffer: readFileSync(text) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Meeting notes: nothing here is a determination letter.\n') },
      { name: 'scan.png', mimeType: 'image/png', buffer: readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'screenshots', 'login.png')) },
    ]);
    await page.getByText('4 of 4 files read').waitFor({ timeout: 60_000 });
    const state = (name: string) => page.locator(`tr[data-file="${name}"]`).getAttribute('data-state');
    // The text letter is already in the corpus (the server holds every sample letter); the PDF is the same letter as a stored text, read afresh.
    expect(await state(text.split('/').pop()!)).toBe('duplicate');
    expect(['stored', 'duplicate']).toContain(await state('CM16-0213037.pdf'));
    expect(await state('notes.txt')).toBe('refused');
    expect((await page.locator('tr[data-file="notes.txt"] .small').textContent())!.length).toBeGreaterThan(5);
    expect(await state('scan.png')).toBe('refused');
    // Each stored or found letter is linked, and is the one the server holds under that case number.
    await page.locator('tr[data-file="CM16-0213037.pdf"] a').click();
    await page.getByRole('heading', { level: 1, name: /CM16-0213037/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
