/**
 * The web UI in a real browser: the real server (in-process, port 0, a
 * temporary SQLite file holding the shared real letters and cases made from
 * them), the built UI, and Debian's Chromium driven by playwright-core.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
/** A name only the other reviewer's case carries: it must never reach rita's browser. */
const HIDDEN_WORKER = 'Zelda Quintessa Hiddenname';

/** Takes a case from application to in review with `reviewerId`. */
async function caseInReview(cases: CaseService, letterPath: string, reviewerId: string, worker?: string): Promise<ImrCase> {
  const det = (await parseLetterFile(letterPath)).determination;
  const input = caseFromLetter(det, { receivedDate: new Date().toISOString().slice(0, 10), urDecisionDate: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10) });
  if (worker) input.parties.worker.name = worker;
  const opened = await cases.open(input, 'setup');
  const ref = String(opened.id);
  await cases.checkEligibility(ref, 'setup');
  await cases.assignCaseNumber(ref, 'setup');
  await cases.requestRecords(ref, 'setup', { electronic: true });
  await cases.receiveRecords(ref, 'setup', [{ title: 'PR-2 progress report', text: 'Neck and right hand pain after a fall at work; conservative care ongoing.' }]);
  return (await cases.assignReviewer(ref, 'setup', reviewerId)).case;
}

describe('the web UI in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imr-browser-'));
  let serving: Serving;
  let browser: TestBrowser;
  let base: string;
  let mine: ImrCase;
  let theirs: ImrCase;

  beforeAll(async () => {
    await ensureWebBuilt(WEB_DIR);
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
    mine = await caseInReview(cases, join(DWC_PDF, 'CM16-0230548.pdf'), 'R-002');
    theirs = await caseInReview(cases, join(DWC_PDF, 'CM16-0213037.pdf'), 'R-004', HIDDEN_WORKER);
    await store.close();
    serving = await startServe({ db, port: 0, host: '127.0.0.1', samples: false, out: () => {}, app: { passwordCost: TEST_PASSWORD_COST } });
    base = serving.server.url;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await serving?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = (username: string): Promise<Page> => signInPage(browser, base, username, PASSWORD);

  it('a reviewer opens their queue and a case, sees the criteria with evidence highlighted, accepts one draft and overrides another; the coordinator issues; the downloaded PDF reads back with those decisions', async () => {
    const draft = assessCase(mine.file);
    expect(draft.items.map((i) => i.decision)).toEqual(['upheld', 'overturned']);
    let page = await signIn('rita');
    expect(new URL(page.url()).pathname).toBe('/queue');
    const rows = page.locator('table.cases tbody tr');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(1);
    await page.getByRole('link', { name: mine.caseNumber! }).click();
    await page.locator('.criterion').first().waitFor();

    // Every piece of evidence the engine cites from the summary is marked there, under its criterion, with exactly its words.
    const summary = page.locator('.evidence-text[data-source="clinicalSummary"]');
    expect(await summary.textContent()).toBe(mine.file.clinicalSummary);
    let cited = 0;
    for (const item of draft.items) {
      for (const [k, c] of item.criteria.entries()) {
        for (const ev of c.evidence.filter((e) => e.source === 'clinicalSummary')) {
          const marked = (await summary.locator(`mark[data-keys~="c${item.index}-${k}"]`).allTextContents()).join('');
          expect(marked).toContain(mine.file.clinicalSummary.slice(ev.start, ev.end));
          cited++;
        }
      }
    }
    expect(cited).toBeGreaterThan(2);
    // The draft's probability, and what the record lacks for the upheld item, worded for the treating physician.
    expect(await page.locator('[data-item="1"] .confidence').textContent()).toMatch(/overturn probability \d+%/);
    expect(await page.getByRole('list', { name: 'What the record lacks for item 1' }).textContent()).toContain(draft.items[0]!.missingDocumentation![0]!.request);
    const criterion = page.locator('[data-item="1"] .crit-btn:not([disabled])').first();
    await criterion.click();
    await expect(criterion.getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await summary.locator('mark.active').count()).toBeGreaterThan(0);

    // Item 1: override the drafted "upheld" with a reason; item 2: accept the drafted "overturned".
    const item1 = page.locator('[data-item="1"]');
    await item1.getByLabel('Override').check();
    await item1.getByLabel('Decision', { exact: true }).selectOption('overturned');
    await item1.getByLabel('Reason for overriding the draft').fill('The records show six weeks of failed conservative care, which the engine could not read.');
    await item1.getByLabel(/Rationale/).fill('Imaging of the neck and hand is medically necessary: red flags were excluded and conservative care has failed for six weeks.');
    await page.locator('[data-item="2"]').getByLabel(/Accept the draft/).check();
    // Meanwhile the case changes under the page (the reviewer decides item 2 from elsewhere): the page's write names a stale version.
    const session = await (await page.request.get(`${base}/api/auth/session`)).json();
    const elsewhere = await page.request.post(`${base}/api/cases/${mine.id}/decisions`, {
      headers: { 'x-csrf-token': session.csrfToken, origin: base },
      data: { version: mine.version, decisions: [{ index: 2, decision: 'overturned', rationale: draft.items[1]!.rationale }] },
    });
    expect(elsewhere.status()).toBe(200);
    await page.getByRole('button', { name: 'Record decisions' }).click();
    await page.getByText('Someone else changed this case').waitFor();
    await page.getByRole('button', { name: 'Reload the case' }).click();
    await page.getByText(`version ${mine.version + 1}`).waitFor();
    await page.getByRole('button', { name: 'Record decisions' }).click();
    await page.getByText('2 decisions recorded.').waitFor();
    await page.locator('h1 .badge', { hasText: 'Decided' }).waitFor();
    await page.close();

    page = await signIn('cora');
    await page.goto(`${base}/cases/${mine.id}`);
    // Issuing shows the letter as it will be published first (test/browser/publication.test.ts goes through it).
    await page.getByRole('button', { name: 'Preview the published letter' }).click();
    await page.getByRole('button', { name: 'Confirm and issue this letter' }).click();
    await page.locator('h1 .badge', { hasText: 'Issued' }).waitFor();
    await page.close();

    page = await signIn('rita');
    await page.goto(`${base}/cases/${mine.id}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download letter (PDF)' }).click()]);
    const pdf = join(dir, 'letter.pdf');
    await download.saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const letter = (await parseLetterFile(pdf)).determination;
    expect(letter.caseNumber).toBe(mine.caseNumber);
    expect(letter.items.map((i) => i.decision)).toEqual(['overturned', 'overturned']);
    expect(letter.items[0]!.rationale).toContain('conservative care has failed for six weeks');
    // The published letter is redacted.
    expect(JSON.stringify(letter)).not.toContain('Gonzalez');
    await page.close();
  });

  it('an analyst searches with a filter, sees the matched words highlighted, opens a letter with its precedents, and sees charts drawn', async () => {
    const page = await signIn('ana');
    expect(new URL(page.url()).pathname).toBe('/corpus');
    await page.getByLabel('Search words').fill('baclofen');
    await page.getByLabel('Outcome').selectOption('upheld');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('.hit').first().waitFor();
    expect(new URL(page.url()).searchParams.get('decision')).toBe('upheld');
    const api = await (await page.request.get(`${base}/api/corpus/search?q=baclofen&decision=upheld&limit=20`)).json();
    expect(api.total).toBeGreaterThan(0);
    await expect(page.locator('.hit').count()).resolves.toBe(Math.min(20, api.total));
    await page.getByRole('heading', { name: `${api.total} letter${api.total === 1 ? '' : 's'}` }).waitFor();
    for (const marks of await page.locator('.hit .snippet').all()) {
      const words = await marks.locator('mark').allTextContents();
      expect(words.length).toBeGreaterThan(0);
      for (const w of words) expect(w.toLowerCase()).toContain('baclofen');
    }

    await page.locator('.hit-title').first().click();
    await page.locator('.similar > li').first().waitFor();
    const highlighted = await page.locator('.prose mark').allTextContents();
    expect(highlighted.length).toBeGreaterThan(0);
    for (const w of highlighted) expect(w.toLowerCase()).toMatch(/^baclofen/);
    expect(await page.locator('.similar > li a').count()).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Analytics' }).click();
    const canvas = page.locator('[data-chart="category"] canvas');
    await canvas.waitFor();
    const drawn = await canvas.evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
    expect(drawn).toBeGreaterThan(2000);
    // The chart's numbers are the server's: its table lists them.
    const stats = await (await page.request.get(`${base}/api/corpus/stats?by=category`)).json();
    const table = page.locator('[data-chart="category"] table');
    await page.locator('[data-chart="category"] summary').click();
    await expect(table.locator('tbody tr').count()).resolves.toBe(stats.rows.length);
    const first = stats.rows[0];
    await expect(table.locator('tbody tr').first().locator('td').nth(1).textContent()).resolves.toBe(String(first.items));
    await page.close();
  });

  it("a reviewer cannot open another reviewer's case: the page says not found, and nothing of the case reaches the browser", async () => {
    const page = await signIn('rita');
    const bodies: { url: string; status: number; body: string }[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (r: Response) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) pending.push(r.text().then((body) => void bodies.push({ url: r.url(), status: r.status(), body }), () => undefined));
    });
    const secrets = [HIDDEN_WORKER, theirs.caseNumber!, theirs.file.clinicalSummary.slice(0, 60), theirs.file.items[0]!.request];
    const noLeak = async () => {
      await Promise.all(pending);
      for (const b of bodies) for (const s of secrets) expect(b.body, `${b.url} leaks "${s}"`).not.toContain(s);
      const html = await page.content();
      for (const s of secrets) expect(html).not.toContain(s);
    };
    await page.goto(`${base}/cases/${theirs.id}`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    await noLeak();
    await page.goto(`${base}/queue`);
    await page.locator('table.cases tbody tr').first().waitFor();
    await noLeak();
    const caseCalls = bodies.filter((b) => /\/api\/cases\/[^/]+$/.test(new URL(b.url).pathname));
    expect(caseCalls.map((b) => [new URL(b.url).pathname, b.status])).toEqual([[`/api/cases/${theirs.id}`, 404]]);

    // By its case number (which the address itself names) it is not found either, and the answer is that of a case never made.
    bodies.length = 0;
    secrets.splice(1, 1);
    await page.goto(`${base}/cases/${theirs.caseNumber}`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    await noLeak();
    const byNumber = bodies.find((b) => new URL(b.url).pathname === `/api/cases/${theirs.caseNumber}`)!;
    const never = await page.request.get(`${base}/api/cases/CM99-9999999`);
    expect(byNumber.status).toBe(404);
    expect(byNumber.body.replace(theirs.caseNumber!, 'REF')).toBe((await never.text()).replace('CM99-9999999', 'REF'));
    await page.close();
  });
});
