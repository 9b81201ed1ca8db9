/**
 * Publication safety in the web UI, in a real browser (Debian's Chromium):
 * the coordinator previews the letter as it will be published, sees what
 * the redaction removes marked in place, confirms, and later withdraws the
 * published version; the public then no longer gets it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, TEST_PASSWORD_COST, USERS } from '../api-fixtures.js';
import { DWC_PDF } from '../sample-letters.js';
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

/** Identifiers the case never lists as parties, in the summary and a rationale. */
const UNLISTED = "Her husband, Jorge Ibáñez, drove her to Fresno Spine Imaging Center; call 5595550142. Seen by Dr. Siobhan O'Callaghan.";

describe('issuing and withdrawing in the web UI, in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imr-browser-deid-'));
  let serving: Serving;
  let browser: TestBrowser;
  let base: string;
  let decided: ImrCase;

  beforeAll(async () => {
    await ensureWebBuilt(WEB_DIR);
    const db = join(dir, 'ui.db');
    const store = await openStore({ path: db });
    const cases = new CaseService(store, { assessor: assessCase });
    for (const r of REVIEWERS) await cases.addReviewer(r, 'setup');
    const users = new UserService(store, { passwordCost: TEST_PASSWORD_COST });
    for (const u of USERS.filter((x) => x.reviewerId !== 'R-004')) await users.add({ ...u, password: PASSWORD, mustChangePassword: false }, 'setup');
    const det = (await parseLetterFile(join(DWC_PDF, 'CM16-0230548.pdf'))).determination;
    const input = caseFromLetter(det, { receivedDate: new Date().toISOString().slice(0, 10), urDecisionDate: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10) });
    input.file.clinicalSummary = `${input.file.clinicalSummary} ${UNLISTED}`;
    const ref = String((await cases.open(input, 'setup')).id);
    await cases.checkEligibility(ref, 'setup');
    await cases.assignCaseNumber(ref, 'setup');
    await cases.requestRecords(ref, 'setup', { electronic: true });
    await cases.receiveRecords(ref, 'setup', [{ title: 'PR-2 progress report', text: 'Neck and right hand pain after a fall at work.' }]);
    await cases.assignReviewer(ref, 'setup', 'R-002');
    const draft = assessCase((await store.cases.find(ref)).file);
    decided = await cases.decide(
      ref,
      'rita',
      draft.items.map((i) => ({ index: i.index, decision: i.decision ?? 'upheld', guidelines: 'MTUS Neck and Upper Back Complaints 2004', rationale: `${i.rationale} Discussed with Mr. Gonzalez's daughter, Ashley Gonzalez.` })),
    );
    expect(decided.state).toBe('decided');
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

  it('the coordinator previews the published letter with the removals marked, confirms it, and withdraws it; the public then has none', async () => {
    const page = await signIn('cora');
    await page.goto(`${base}/cases/${decided.id}`);
    await page.getByRole('button', { name: 'Preview the published letter' }).click();
    const preview = page.locator('.issue-preview');
    await preview.waitFor();

    // Nothing is published yet.
    const pub = await page.request.get(`${base}/api/published/${decided.caseNumber}`);
    expect(pub.status()).toBe(404);

    // What the redaction removes is shown marked, in place, with its kind.
    const summary = preview.locator('[data-field="clinicalSummary"] .preview-text');
    const shown = await summary.textContent();
    expect(shown).toContain(UNLISTED);
    const marked = await summary.locator('mark.removed').evaluateAll((ms) => ms.map((m) => [m.textContent, m.getAttribute('data-category')]));
    for (const [text, category] of [
      ['Jorge Ibáñez', 'person'],
      ['Fresno Spine Imaging Center', 'organisation'],
      ['5595550142', 'phone'],
      ["Dr. Siobhan O'Callaghan", 'person'],
      ['Mr. Gonzalez', 'worker'],
    ]) {
      expect(marked).toContainEqual([text, category]);
    }
    expect(await preview.locator('[data-field="items.0.rationale"] mark.removed').allTextContents()).toEqual(expect.arrayContaining(["Mr. Gonzalez's", 'Ashley Gonzalez']));
    // The letter below is the published one: none of them, the replacements instead.
    const letter = (await preview.locator('pre.published-letter').textContent())!;
    for (const s of ['Ibáñez', 'Fresno Spine', '5595550142', "O'Callaghan", 'Gonzalez', 'Ashley']) expect(letter).not.toContain(s);
    expect(letter).toContain('[INJURED WORKER]');

    await page.getByRole('button', { name: 'Confirm and issue this letter' }).click();
    await page.locator('h1 .badge', { hasText: 'Issued' }).waitFor();
    const row = page.locator('tr[data-version="1"]');
    await row.getByText('Published').waitFor();
    const published = await (await page.request.get(`${base}/api/published/${decided.caseNumber}/letter?format=txt`)).text();
    expect(published).toBe(letter);

    // A leak is found: the coordinator withdraws the published letter.
    await page.getByText('Withdraw the published letter').click();
    await page.getByLabel(/^Reason \(e\.g\./).fill('a relative is named in the summary');
    await page.getByRole('button', { name: 'Withdraw from publication' }).click();
    await row.getByText('Withdrawn').waitFor();
    expect(await row.textContent()).toContain('a relative is named in the summary');
    expect((await page.request.get(`${base}/api/published/${decided.caseNumber}`)).status()).toBe(404);
    const list = await (await page.request.get(`${base}/api/published?limit=100`)).json();
    expect(list.items.map((i: { caseNumber: string }) => i.caseNumber)).not.toContain(decided.caseNumber);
    await page.close();
  });
});
