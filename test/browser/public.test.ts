/**
 * The public decision search in a real browser against the real server run
 * with --public: no account, search by case number, words, dates, reviewer
 * specialty, category and outcome, each letter as HTML and as PDF.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLetterFile } from '../../src/letters/index.js';
import { axeViolations, settled, startBrowserFixture, type BrowserFixture } from './server-fixture.js';

describe('the public decision search in Chromium (--public)', () => {
  let fx: BrowserFixture;

  beforeAll(async () => {
    fx = await startBrowserFixture({ publicAccess: true });
  });

  afterAll(async () => {
    await fx?.close();
  });

  /** A page with no session at all. */
  async function anonymous(path: string): Promise<Page> {
    await fx.browser.context.clearCookies();
    const page = await fx.browser.context.newPage();
    await page.goto(`${fx.base}${path}`);
    return page;
  }

  const apiSearch = async (page: Page, q: Record<string, string>) => (await page.request.get(`${fx.base}/api/corpus/search?${new URLSearchParams({ ...q, limit: '20' })}`)).json();

  it('anyone finds a decision by its case number and reads it as HTML and as PDF, without signing in', async () => {
    const page = await anonymous('/login');
    await page.getByRole('link', { name: 'Search published decisions without signing in' }).click();
    await page.getByRole('heading', { level: 1, name: 'IMR decision search' }).waitFor();
    await settled(page);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);

    // A real published letter of the corpus (samples/dwc-2016-2017).
    const caseNumber = 'CM16-0230548';
    await page.getByLabel('Case number').fill(caseNumber.toLowerCase());
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { name: '1 letter' }).waitFor();
    expect(await page.locator('.hit-title').textContent()).toBe(caseNumber);

    const html = page.getByRole('link', { name: `Letter ${caseNumber} (HTML)` });
    const htmlRes = await page.request.get(new URL((await html.getAttribute('href'))!, fx.base).href);
    expect(htmlRes.status()).toBe(200);
    expect(htmlRes.headers()['content-type']).toContain('text/html');
    expect(await htmlRes.text()).toContain(caseNumber);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: `PDF of ${caseNumber}` }).click()]);
    const pdf = join(tmpdir(), `imr-public-${process.pid}.pdf`);
    await download.saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await parseLetterFile(pdf)).determination.caseNumber).toBe(caseNumber);
    await page.close();
  });

  it('anyone searches by words, outcome, category, reviewer specialty and dates; the results are the API\'s, and the page is usable at 390 px', async () => {
    const page = await anonymous('/decisions');
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    // The filters are those of a real overturned letter about therapy: its item's category, its reviewer's certification, its year.
    const seed = (await apiSearch(page, { q: 'therapy', decision: 'overturned' })).items.find((h: { decisionDate: string | null }) => h.decisionDate);
    const letter = await (await page.request.get(`${fx.base}/api/letters/${seed.id}`)).json();
    const category = seed.items.find((i: { decision: string }) => i.decision === 'overturned').category as string;
    const specialty = (letter.determination.reviewer.boardCertifications[0] as string).split(/[ &]/)[0]!;
    const year = (seed.decisionDate as string).slice(0, 4);
    const filters = { q: 'therapy', decision: 'overturned', category, specialty, from: `${year}-01-01`, to: `${year}-12-31` };
    await page.getByLabel('Search words').fill(filters.q);
    await page.getByLabel('Outcome').selectOption(filters.decision);
    await page.getByLabel('Treatment category').selectOption(filters.category);
    await page.getByLabel('Reviewer specialty').fill(filters.specialty);
    await page.getByLabel('Decided from').fill(filters.from);
    await page.getByLabel('Decided to').fill(filters.to);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/specialty=/);
    await settled(page);
    const api = await apiSearch(page, filters);
    const titles = await page.locator('.hit-title').allTextContents();
    expect(titles).toEqual(api.items.map((h: { caseNumber: string | null; id: number }) => h.caseNumber ?? `Letter ${h.id}`));
    expect(titles).toContain(seed.caseNumber);
    // Narrower than the same words alone, so the filters did something.
    const wordsOnly = await apiSearch(page, { q: filters.q });
    expect(api.total).toBeLessThan(wordsOnly.total);
    for (const d of api.items.map((h: { decisionDate: string }) => h.decisionDate)) expect(d >= filters.from && d <= filters.to).toBe(true);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
    expect(wide).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    // Nothing of the cases' own data is open to the public.
    expect([401, 403]).toContain((await page.request.get(`${fx.base}/api/cases`)).status());
    await page.close();
  });
});
