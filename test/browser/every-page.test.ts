/**
 * Every page of every role, at a phone's width (390 px) and at a desktop's:
 * each page in the role's menu, a case and a letter, opened in Chromium
 * against the real server. None answers "Not found", none is wider than the
 * screen (wide tables scroll inside their card), the menu stays on screen,
 * and axe-core finds no serious or critical accessibility violation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, settled, startBrowserFixture, type BrowserFixture } from './server-fixture.js';

const WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1366, height: 900 },
];

/** Which users to sign in as, and which case pages each may open beside its menu. */
const ROLES = [
  { username: 'admin', cases: true, manages: true },
  { username: 'cora', cases: true, manages: true },
  { username: 'rita', cases: true, manages: false },
  { username: 'ana', cases: false, manages: false },
  { username: 'pub', cases: false, manages: false },
];

describe('every page at phone and desktop width', () => {
  let fx: BrowserFixture;
  let letterId: string;

  beforeAll(async () => {
    fx = await startBrowserFixture();
    const page = await fx.signIn('ana');
    const hits = await (await page.request.get(`${fx.base}/api/corpus/search?q=baclofen&limit=1`)).json();
    letterId = String(hits.items[0].id);
    await page.close();
  });

  afterAll(async () => {
    await fx?.close();
  });

  /** The page's layout problems at its current width: wider than the screen, or menu links off screen. */
  async function layoutProblems(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const out: string[] = [];
      const vw = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth > vw + 1) {
        // Name the outermost elements that stick out (not those inside something that scrolls sideways).
        const culprits: string[] = [];
        const scrolls = (e: Element | null): boolean => {
          for (let p = e?.parentElement; p; p = p.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
          return false;
        };
        for (const e of document.querySelectorAll('body *')) {
          const r = e.getBoundingClientRect();
          if (r.right > vw + 1 && !scrolls(e) && !(e.parentElement && e.parentElement.getBoundingClientRect().right > vw + 1)) culprits.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(r.right)}px)`);
        }
        out.push(`page is ${document.documentElement.scrollWidth}px wide on a ${vw}px screen: ${culprits.slice(0, 4).join(', ')}`);
      }
      for (const a of document.querySelectorAll<HTMLElement>('header a, header button')) {
        const r = a.getBoundingClientRect();
        if (r.right > vw + 1 || r.left < -1) out.push(`"${a.textContent?.trim()}" is off screen (${Math.round(r.left)}–${Math.round(r.right)})`);
      }
      return out;
    });
  }

  it('without --public, the public search page asks to sign in and shows no decision', async () => {
    await fx.browser.context.clearCookies();
    const page = await fx.browser.context.newPage();
    await page.goto(`${fx.base}/decisions`);
    await page.getByText('This server shows its decisions only to signed-in users.').waitFor();
    expect(await page.locator('.hit').count()).toBe(0);
    const probe = page.waitForResponse((r) => r.url().includes('/api/corpus/search'));
    await page.goto(`${fx.base}/login`);
    expect((await probe).status()).toBe(401);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
    expect(await page.getByRole('link', { name: /published decisions/ }).count()).toBe(0);
    await page.close();
  });

  for (const role of ROLES) {
    it(`${role.username}: every page of the menu, a case and a letter`, async () => {
      const page = await fx.signIn(role.username);
      const menu = await page.getByRole('navigation', { name: 'Main' }).locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
      expect(menu.length).toBeGreaterThan(1);
      const paths = [...menu, `/corpus/letters/${letterId}`, '/decisions', ...(role.cases ? [`/cases/${fx.mine.id}`] : []), ...(role.manages ? [`/cases/${fx.awaitingRecords.id}`, `/cases?find=${fx.mine.caseNumber}`] : [])];
      const problems: string[] = [];
      for (const size of WIDTHS) {
        await page.setViewportSize({ width: size.width, height: size.height });
        for (const path of paths) {
          await page.goto(`${fx.base}${path}`);
          await settled(page);
          const where = `${role.username} ${path} at ${size.width}px`;
          expect(await page.getByRole('heading', { name: 'Not found' }).count(), where).toBe(0);
          for (const p of await layoutProblems(page)) problems.push(`${where}: ${p}`);
          for (const v of await axeViolations(page)) problems.push(`${where}: ${v}`);
        }
      }
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
