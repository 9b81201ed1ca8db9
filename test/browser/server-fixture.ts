/**
 * The real server for a browser test file: a temporary SQLite file holding
 * the real letters, the registry, one user per role and two cases in review
 * made from real letters, served with the built UI on port 0; and Chromium.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PASSWORD, TEST_PASSWORD_COST, USERS } from '../api-fixtures.js';
import { DWC_PDF, realLetterPaths } from '../sample-letters.js';
import { startServe, type Serving } from '../../src/cli/serve/index.js';
import { ensureWebBuilt, WEB_DIR } from '../../src/cli/serve/index.js';
import type { ImrCase } from '../../src/domain/index.js';
import { assessCase } from '../../src/engine/index.js';
import { parseLetterFile } from '../../src/letters/index.js';
import { openStore } from '../../src/store/index.js';
import { CaseService } from '../../src/workflow/cases/index.js';
import { caseFromLetter, REVIEWERS } from '../case-fixtures.js';
import { UserService } from '../../src/workflow/accounts/index.js';
import { launchChromium, signInPage, type TestBrowser } from './chromium.js';

const SECOND_REVIEWER = { id: 'R-004', name: 'Dr. Dana Spine', boardCertifications: ['Orthopedic Surgery'], licensureStates: ['CA'], yearsInPractice: 15, hoursPerWeek: 40 };

export interface BrowserFixture {
  base: string;
  browser: TestBrowser;
  /** A case in review by R-002 (rita's). */
  mine: ImrCase;
  /** A case in review by R-004 (otto's). */
  theirs: ImrCase;
  /** A case whose records are requested, not yet received. */
  awaitingRecords: ImrCase;
  /** Opens a new page signed in as `username` (the shared test password). */
  signIn(username: string, password?: string): Promise<Page>;
  close(): Promise<void>;
}

async function caseInReview(cases: CaseService, letterPath: string, reviewerId: string): Promise<ImrCase> {
  const det = (await parseLetterFile(letterPath)).determination;
  const input = caseFromLetter(det, { receivedDate: new Date().toISOString().slice(0, 10), urDecisionDate: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10) });
  const ref = String((await cases.open(input, 'setup')).id);
  await cases.checkEligibility(ref, 'setup');
  await cases.assignCaseNumber(ref, 'setup');
  await cases.requestRecords(ref, 'setup', { electronic: true });
  await cases.receiveRecords(ref, 'setup', [{ title: 'PR-2 progress report', text: 'Neck and right hand pain after a fall at work; conservative care ongoing.' }]);
  return (await cases.assignReviewer(ref, 'setup', reviewerId)).case;
}

async function caseAwaitingRecords(cases: CaseService, letterPath: string): Promise<ImrCase> {
  const det = (await parseLetterFile(letterPath)).determination;
  const input = caseFromLetter(det, { receivedDate: new Date().toISOString().slice(0, 10), urDecisionDate: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10) });
  const ref = String((await cases.open(input, 'setup')).id);
  await cases.checkEligibility(ref, 'setup');
  await cases.assignCaseNumber(ref, 'setup');
  return cases.requestRecords(ref, 'setup', { electronic: true });
}

/** Builds the UI when stale, fills a store, starts the server and Chromium. */
export async function startBrowserFixture(options: { publicAccess?: boolean } = {}): Promise<BrowserFixture> {
  await ensureWebBuilt(WEB_DIR);
  const dir = mkdtempSync(join(tmpdir(), 'imr-browser-'));
  const db = join(dir, 'ui.db');
  const store = await openStore({ path: db });
  const letters = realLetterPaths();
  for (const path of letters) {
    const { file, determination } = await parseLetterFile(path);
    await store.determinations.insertDetermination(determination, { text: file.text, format: file.format });
  }
  const cases = new CaseService(store, { assessor: assessCase });
  for (const r of [...REVIEWERS, SECOND_REVIEWER]) await cases.addReviewer(r, 'setup');
  const users = new UserService(store, { passwordCost: TEST_PASSWORD_COST });
  for (const u of USERS) await users.add({ ...u, password: PASSWORD, mustChangePassword: false }, 'setup');
  const mine = await caseInReview(cases, join(DWC_PDF, 'CM16-0230548.pdf'), 'R-002');
  const theirs = await caseInReview(cases, join(DWC_PDF, 'CM16-0213037.pdf'), 'R-004');
  const awaitingRecords = await caseAwaitingRecords(cases, join(DWC_PDF, 'CM16-0224814.pdf'));
  await store.close();
  const serving: Serving = await startServe({ db, port: 0, host: '127.0.0.1', samples: false, out: () => {}, ...(options.publicAccess ? { publicAccess: true } : {}), app: { passwordCost: TEST_PASSWORD_COST } });
  const browser = await launchChromium();
  const base = serving.server.url;
  return {
    base,
    browser,
    mine,
    theirs,
    awaitingRecords,
    signIn: (username, password = PASSWORD) => signInPage(browser, base, username, password),
    async close() {
      await browser.close();
      await serving.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The page's serious and critical accessibility violations by axe-core, as "rule: target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol: the page's own CSP (script-src 'self') rightly refuses an injected script tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const res = await axe.run(document, { resultTypes: ['violations'] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

/** Waits until the page has its heading and nothing is still loading. */
export async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.loading'), undefined, { timeout: 30_000 });
}
