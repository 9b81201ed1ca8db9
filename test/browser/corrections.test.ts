/**
 * Corrections of an issued determination in a real browser against the real
 * server: the coordinator corrects clerical facts and issues the corrected
 * letter as previewed; asks the reviewer for a correction of a rationale,
 * which shows in the reviewer's queue with the note; the reviewer makes it;
 * the coordinator previews and issues it. At desktop and phone width, axe-checked.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, settled, startBrowserFixture, type BrowserFixture } from './server-fixture.js';

describe('corrections of an issued determination in Chromium', () => {
  let fx: BrowserFixture;

  beforeAll(async () => {
    fx = await startBrowserFixture();
  });

  afterAll(async () => {
    await fx?.close();
  });

  /** A write through the API as `username`, with the session's CSRF token, as the page itself would send it. */
  const write = async (username: string, path: string, data: object) => {
    const page = await fx.signIn(username);
    const session = await (await page.request.get(`${fx.base}/api/auth/session`)).json();
    const res = await page.request.post(`${fx.base}${path}`, { headers: { 'x-csrf-token': session.csrfToken, origin: fx.base }, data });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
    const body = await res.json();
    await page.close();
    return body;
  };
  const get = async (page: Page, path: string) => (await page.request.get(`${fx.base}${path}`)).json();
  /** Problems of the page at its width: wider than the screen, or axe's serious and critical findings. */
  const problems = async (page: Page) => {
    const wide = await page.evaluate(() => (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1 ? [`page is ${document.documentElement.scrollWidth}px wide`] : []));
    return [...wide, ...(await axeViolations(page))];
  };

  it('the coordinator corrects clerical facts and asks the reviewer for a rationale; the reviewer makes it from the queue; the coordinator previews and issues it', async () => {
    // otto's case, decided as the records stand and issued by the coordinator.
    const c = fx.theirs;
    const decided = await write('otto', `/api/cases/${c.id}/decisions`, {
      version: c.version,
      decisions: c.file.items.map((i) => ({ index: i.index, decision: 'upheld', rationale: `Not medically necessary on the records provided for ${i.request}.`, overrideReason: 'The records do not document the failed conservative care the draft assumed.' })),
    });
    const cora0 = await fx.signIn('cora');
    const previewHash = (await get(cora0, `/api/cases/${c.id}/issue-preview`)).previewHash;
    await cora0.close();
    await write('cora', `/api/cases/${c.id}/issue`, { version: decided.case.version, previewHash });

    // Clerical: the injury date was mistyped at intake. Previewed as it will be published, then issued.
    const cora = await fx.signIn('cora');
    await cora.goto(`${fx.base}/cases/${c.id}`);
    await settled(cora);
    const panel = cora.locator('[data-corrections]');
    await panel.getByRole('heading', { name: 'Correct the issued determination' }).waitFor();
    await panel.getByText('Correct clerical facts').click();
    const form = cora.getByRole('form', { name: 'Correct clerical facts' });
    const injury = '2016-08-15';
    await form.getByLabel(/Injury dates/).fill(injury);
    // And a typo in item 1's request: its closing full stop was left out.
    const request1 = `${c.file.items[0]!.request}.`;
    await form.getByLabel('Item 1 request (a typo only)').fill(request1);
    await form.getByLabel('Reason for the correction').fill('The date of injury was mistyped at intake.');
    await form.getByRole('button', { name: 'Preview the corrected letter' }).click();
    const letter = panel.locator('pre.published-letter');
    await letter.waitFor();
    expect(await letter.textContent()).toMatch(/^Corrected: version 2, replacing version 1/);
    expect(await letter.textContent()).toContain('08/15/2016');
    expect((await letter.textContent())!.replace(/\s+/g, ' ')).toContain(request1.replace(/\s+/g, ' '));
    expect((await get(cora, `/api/cases/${c.id}/determinations`)).items).toHaveLength(1);
    // The open form with its preview, at desktop and at phone width.
    expect(await problems(cora)).toEqual([]);
    await cora.setViewportSize({ width: 390, height: 844 });
    expect(await problems(cora)).toEqual([]);
    await cora.setViewportSize({ width: 1366, height: 900 });
    await panel.getByRole('button', { name: 'Confirm and issue the corrected letter' }).click();
    await panel.getByText('Version 2 issued: the clerical correction.').waitFor();
    await cora.locator('tr[data-version="2"]').waitFor();
    expect(await cora.locator('tr[data-version="1"]').textContent()).toContain('Withdrawn');
    const corrected = (await get(cora, `/api/cases/${c.id}`)).case;
    expect(corrected.file.injuryDates).toEqual([injury]);
    expect(corrected.file.items[0].request).toBe(request1);

    // A rationale is the reviewer's: asked with a note.
    const note = 'Item 1: the rationale does not say which records were reviewed; please name the progress report.';
    await panel.getByText('Ask the reviewer to correct a decision or rationale').click();
    await panel.getByLabel('What should the reviewer correct, and why').fill(note);
    await panel.getByRole('button', { name: 'Send the request to the reviewer' }).click();
    await panel.locator('[data-correction-state="requested"]').waitFor();
    expect(await panel.locator('[data-correction-state="requested"]').textContent()).toContain(note);
    await cora.close();

    // The reviewer's queue shows it first, marked; the case page carries the note.
    const otto = await fx.signIn('otto');
    await otto.goto(`${fx.base}/queue`);
    await settled(otto);
    const row = otto.locator('table.cases tbody tr').first();
    expect(await row.locator('.case-link').textContent()).toBe(c.caseNumber);
    expect(await row.locator('[data-correction]').textContent()).toBe('Correction requested');
    await row.locator('.case-link').click();
    await otto.getByRole('heading', { name: 'Correction requested by the coordinator' }).waitFor();
    expect(await otto.locator('[data-correction-note]').textContent()).toContain(note);
    await otto.getByLabel(/Correct item 1:/).check();
    const fixed = `Not medically necessary on the records provided (the progress report of the records) for ${c.file.items[0]!.request}.`;
    await otto.getByLabel('Corrected rationale for item 1').fill(fixed);
    await otto.getByLabel('Reason for the correction').fill('The records reviewed were not named.');
    await otto.getByRole('button', { name: 'Send the correction to the coordinator' }).click();
    await otto.getByText('Correction sent to the coordinator, who previews and issues it.').waitFor();
    // Nothing is issued by the reviewer.
    expect((await get(otto, `/api/cases/${c.id}/determinations`)).items).toHaveLength(2);
    await otto.setViewportSize({ width: 390, height: 844 });
    expect(await problems(otto)).toEqual([]);
    await otto.close();

    // The coordinator sees the correction made, previews the corrected letter and issues it.
    const cora2 = await fx.signIn('cora');
    await cora2.goto(`${fx.base}/cases?find=${c.caseNumber}`);
    await settled(cora2);
    expect(await cora2.locator('[data-correction]').textContent()).toBe('Correction made, to issue');
    await cora2.goto(`${fx.base}/cases/${c.id}`);
    await settled(cora2);
    const made = cora2.locator('[data-correction-state="made"]');
    await made.waitFor();
    expect(await made.textContent()).toContain('The records reviewed were not named.');
    await made.getByRole('button', { name: 'Preview the corrected letter' }).click();
    await made.locator('pre.published-letter').waitFor();
    expect(await made.locator('pre.published-letter').textContent()).toMatch(/^Corrected: version 3, replacing version 2/);
    // The letter is wrapped to its line width: compared with its whitespace run together.
    expect((await made.locator('pre.published-letter').textContent())!.replace(/\s+/g, ' ')).toContain('(the progress report of the records)');
    await cora2.setViewportSize({ width: 390, height: 844 });
    expect(await problems(cora2)).toEqual([]);
    await made.getByRole('button', { name: 'Confirm and issue the corrected letter' }).click();
    await cora2.getByText("Version 3 issued: the reviewer's correction.").waitFor();
    const versions = await get(cora2, `/api/cases/${c.id}/determinations`);
    expect(versions.items.map((v: { version: number; reason: string | null; withdrawn: object | null }) => [v.version, v.reason, v.withdrawn !== null])).toEqual([
      [1, null, true],
      [2, 'The date of injury was mistyped at intake.', true],
      [3, 'The records reviewed were not named.', false],
    ]);
    const history = (await get(cora2, `/api/cases/${c.id}/history?limit=100`)).items.map((e: { actor: string; action: string }) => `${e.actor}:${e.action}`);
    expect(history).toEqual(expect.arrayContaining(['cora:correct-clerical', 'cora:request-correction', 'otto:make-correction', 'cora:issue-correction']));
    await cora2.close();
    const admin = await fx.signIn('admin');
    expect(await get(admin, '/api/audit/verify')).toMatchObject({ verified: true });
    await admin.close();
  });
});
