/**
 * The analyst's search and analytics in a real browser against the real
 * server and the real letters: case number, sort, relevance for common and
 * rare words, CSV downloads of results and of chart tables, the time axis,
 * drugs by ingredient, product and class.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startBrowserFixture, type BrowserFixture } from './server-fixture.js';

/** The rows of a downloaded CSV (fields here hold no line breaks except quoted ones, read as RFC 4180). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"' && text[i + 1] === '"') (f += '"'), i++;
      else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') row.push(f), (f = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(f), rows.push(row), (row = []), (f = ''), i++;
    else f += c;
  }
  return rows;
}

describe("the analyst's search and analytics in Chromium", () => {
  let fx: BrowserFixture;

  beforeAll(async () => {
    fx = await startBrowserFixture();
  });

  afterAll(async () => {
    await fx?.close();
  });

  const api = async (page: Page, path: string) => (await page.request.get(`${fx.base}${path}`)).json();
  const downloaded = async (page: Page, click: () => Promise<void>): Promise<string> => {
    const [d] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
    return readFileSync((await d.path())!, 'utf8');
  };

  it('finds a letter by case number, sorts by date, says when common words rank letters alike, and downloads all results as CSV', async () => {
    const page = await fx.signIn('ana');
    await page.getByLabel('Case number').fill('CM16-0230548');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { name: '1 letter' }).waitFor();
    expect(await page.locator('.hit-title').textContent()).toBe('CM16-0230548');

    // A rare word: relevance is shown per hit, the best first at 100%.
    await page.goto(`${fx.base}/corpus?q=baclofen`);
    await settled(page);
    const rare = await page.locator('.hit .relevance').allTextContents();
    expect(rare.length).toBeGreaterThan(1);
    expect(rare[0]).toContain('relevance 100% of the best');
    expect(await page.getByText('about equally relevant').count()).toBe(0);

    // A word in most letters: the scores are all alike, and the page says so rather than showing meaningless figures.
    await page.goto(`${fx.base}/corpus?q=pain`);
    await settled(page);
    const common = await api(page, '/api/corpus/search?q=pain&limit=20');
    const scores = common.items.map((h: { score: number }) => h.score);
    expect(Math.min(...scores) / Math.max(...scores)).toBeGreaterThan(0.95);
    await page.getByText('about equally relevant').waitFor();
    expect(await page.locator('.hit .relevance').count()).toBe(0);

    // Sorted by date: the API's order, newest decision first.
    await page.getByLabel('Sort').selectOption('date');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/sort=date/);
    await settled(page);
    const byDate = await api(page, '/api/corpus/search?q=pain&sort=date&limit=20');
    const dates = byDate.items.map((h: { decisionDate: string | null }) => h.decisionDate ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(await page.locator('.hit-title').allTextContents()).toEqual(byDate.items.map((h: { caseNumber: string }) => h.caseNumber));

    // The CSV holds every result (all pages), one row per disputed item.
    const all: { caseNumber: string; items: { request: string }[] }[] = [];
    for (let offset = 0; offset < byDate.total; offset += 200) all.push(...(await api(page, `/api/corpus/search?q=pain&sort=date&limit=200&offset=${offset}`)).items);
    expect(all.length).toBeGreaterThan(20);
    const rows = csvRows(await downloaded(page, () => page.getByRole('button', { name: /Download results/ }).click()));
    expect(rows[0]).toEqual(['case number', 'decision date', 'relevance %', 'item', 'request', 'category', 'treatment', 'decision']);
    expect(rows.length - 1).toBe(all.reduce((n, h) => n + h.items.length, 0));
    expect(rows.slice(1).map((r) => r[0])).toEqual(all.flatMap((h) => h.items.map(() => h.caseNumber ?? '')));
    expect(rows.slice(1).map((r) => r[4])).toEqual(all.flatMap((h) => h.items.map((i) => i.request)));

    // Body region and diagnosis: the letters naming them, as the search words' clauses.
    await page.goto(`${fx.base}/corpus`);
    await settled(page);
    await page.getByLabel('Body region').selectOption('cervical');
    await page.getByLabel('Diagnosis').fill('radiculopathy');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/region=cervical/);
    await settled(page);
    const narrowed = await api(page, `/api/corpus/search?${new URLSearchParams({ q: 'cervical OR neck "radiculopathy"', limit: '20' })}`);
    const cervical = await api(page, `/api/corpus/search?${new URLSearchParams({ q: 'cervical OR neck', limit: '20' })}`);
    expect(narrowed.total).toBeGreaterThan(0);
    expect(narrowed.total).toBeLessThan(cervical.total);
    expect(await page.locator('.hit-title').allTextContents()).toEqual(narrowed.items.map((h: { caseNumber: string | null; id: number }) => h.caseNumber ?? `Letter ${h.id}`));
    await page.close();
  });

  it('analytics: the time axis spans the data with one gap for the empty years, drugs by ingredient, product and class, no web address as a guideline, and each table as CSV', async () => {
    const page = await fx.signIn('ana');
    await page.goto(`${fx.base}/analytics`);
    await page.locator('[data-chart="month"] canvas').waitFor();
    await settled(page);

    const tableOf = async (by: string) => {
      const card = page.locator(`[data-chart="${by}"]`);
      await card.locator('summary').click();
      return card.locator('table tbody tr td:first-child').allTextContents();
    };
    const months = await tableOf('month');
    const monthStats = (await api(page, '/api/corpus/stats?by=month')).rows.filter((r: { key: string | null }) => r.key !== null);
    const gaps = months.filter((m) => m.startsWith('no decisions'));
    expect(gaps.length).toBeGreaterThan(0);
    // Months with decisions, plus at most a few filled months and the gaps: not ~30 empty months.
    expect(months.length).toBeLessThanOrEqual(monthStats.length + gaps.length + 6);

    const products = await tableOf('product');
    const ingredients = await tableOf('drug');
    expect(ingredients).toContain('acetaminophen');
    expect(products).toContain('hydrocodone + acetaminophen');
    const productStats = (await api(page, '/api/corpus/stats?by=product')).rows.map((r: { key: string }) => r.key);
    expect(productStats).not.toContain('acetaminophen');
    expect(await tableOf('drug-class')).toContain('opioid');
    for (const g of await tableOf('guideline')) expect(g).not.toMatch(/^(https?:|www\.)/i);

    // The CSV of a chart is its table.
    const card = page.locator('[data-chart="product"]');
    const rows = csvRows(await downloaded(page, () => card.getByRole('button', { name: /Download CSV/ }).click()));
    expect(rows[0]).toEqual(['product', 'items', 'upheld', 'overturned', 'overturned %']);
    const shown = await card.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual(shown.map((r) => r.slice(0, 4)));

    // A case-number filter narrows the statistics to that letter.
    await page.getByLabel('Case number').fill('CM16-0230548');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/caseNumber=CM16-0230548/);
    await settled(page);
    const one = await api(page, '/api/corpus/stats?by=category&caseNumber=CM16-0230548');
    const letter = (await api(page, '/api/corpus/search?caseNumber=CM16-0230548')).items[0];
    expect(one.rows.reduce((n: number, r: { items: number }) => n + r.items, 0)).toBe(letter.items.length);
    expect(await page.locator('.kpi-value').first().textContent()).toBe(String(letter.items.length));
    await page.close();
  });
});
