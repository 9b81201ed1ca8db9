/**
 * Screenshots of the web UI's main pages, for the README: the demo (sample
 * letters, demo users and cases) on a temporary database, served on
 * loopback and photographed with Chromium into docs/screenshots/.
 *
 *     npm run screenshots
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SAMPLES_DIR } from '../src/cli/options.js';
import { DEMO_PASSWORD, seedDemo } from '../src/cli/serve/index.js';
import { startServe } from '../src/cli/serve/index.js';
import { ensureWebBuilt } from '../src/cli/serve/index.js';
import { openStore } from '../src/store/index.js';
import { ingestFiles } from '../src/workflow/corpus/index.js';
import { launchChromium } from '../test/browser/chromium.js';

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'imr-shots-'));
  const db = join(dir, 'demo.db');
  await ensureWebBuilt(undefined, (l) => console.log(l));
  const store = await openStore({ path: db });
  await ingestFiles(store, [SAMPLES_DIR]);
  await seedDemo(store);
  await store.close();
  // Served --public so that the public decision search can be photographed too.
  const serving = await startServe({ db, port: 0, host: '127.0.0.1', samples: false, publicAccess: true, out: () => {} });
  const browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
  const base = serving.server.url;
  try {
    const page = await browser.context.newPage();
    const shot = async (name: string, fullPage = false) => {
      // Nothing still loading, and a moment for charts to finish drawing.
      await page.waitForFunction(() => !document.querySelector('.loading'));
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
      console.log(`docs/screenshots/${name}.png`);
    };
    const signIn = async (username: string) => {
      await page.goto(`${base}/login`);
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('main h1').first().waitFor();
    };
    const signOut = () => page.getByRole('button', { name: 'Sign out' }).click();

    await page.goto(`${base}/login`);
    await page.getByLabel('Username').waitFor();
    await shot('login');

    await signIn('analyst');
    await page.goto(`${base}/corpus?q=baclofen&decision=upheld`);
    await page.locator('.hit').first().waitFor();
    await shot('corpus-search');
    await page.locator('.hit-title').first().click();
    await page.locator('.similar > li').first().waitFor();
    await shot('letter-view');
    await page.goto(`${base}/analytics`);
    await page.locator('canvas').first().waitFor();
    await shot('analytics', true);
    await signOut();

    await signIn('reviewer');
    await page.locator('table.cases tbody tr').first().waitFor();
    await shot('reviewer-queue');
    await page.locator('table.cases .case-link').first().click();
    await page.locator('[data-item]').first().waitFor();
    // Mark one criterion's evidence, when the draft has any to show.
    const criterion = page.locator('.crit-btn:not([disabled])').first();
    if (await criterion.count()) await criterion.click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('case-review');
    await signOut();

    await signIn('coordinator');
    await page.locator('table.cases tbody tr').first().waitFor();
    await shot('coordinator-cases');
    await page.getByRole('row').filter({ hasText: 'Records received' }).getByRole('link').first().click();
    await page.locator('table.candidates').waitFor();
    await page.locator('#steps-title').scrollIntoViewIfNeeded();
    await shot('coordinator-assignment');
    await page.goto(`${base}/cases/new`);
    await page.getByLabel('Injured worker').waitFor();
    await shot('coordinator-intake');
    await page.goto(`${base}/letters/upload`);
    await page.getByText('Choose letter files').waitFor();
    await page.getByLabel('Choose letter files').setInputFiles(readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort().slice(0, 3).map((f) => join(SAMPLES_DIR, f)));
    await page.getByText('3 of 3 files read').waitFor();
    await shot('coordinator-letter-upload');
    // Correcting an issued determination: clerical facts here, a decision or rationale asked of the reviewer.
    await page.goto(`${base}/cases?state=issued`);
    await page.locator('table.cases .case-link').first().click();
    await page.locator('[data-corrections]').waitFor();
    await page.getByText('Correct clerical facts').click();
    await page.getByText('Ask the reviewer to correct a decision or rationale').click();
    await page.locator('[data-corrections]').evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 70));
    await shot('coordinator-correction');
    // The same list on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/cases`);
    await page.locator('table.cases tbody tr').first().waitFor();
    await shot('phone-coordinator-cases');
    await page.setViewportSize({ width: 1400, height: 900 });
    await signOut();

    await signIn('admin');
    await page.goto(`${base}/users`);
    await page.locator('table.users tbody tr').first().waitFor();
    await shot('admin-users');
    await page.goto(`${base}/audit`);
    await page.locator('table.audit tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.locator('[data-verified]').waitFor();
    await shot('admin-audit');
    await page.goto(`${base}/reviewers`);
    await page.locator('table.reviewers tbody tr').first().waitFor();
    await shot('admin-reviewers');
    await signOut();

    await page.context().clearCookies();
    await page.goto(`${base}/decisions?q=physical+therapy`);
    await page.locator('.hit').first().waitFor();
    await shot('public-search');
  } finally {
    await browser.close();
    await serving.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
