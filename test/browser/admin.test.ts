/**
 * The admin's whole job in a real browser against the real server: users
 * (create, role, disable, reset password), the audit trail (filter by case,
 * actor and date; verify the chain) and the reviewer registry.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, settled, startBrowserFixture, type BrowserFixture } from './server-fixture.js';

describe('the admin pages in Chromium', () => {
  let fx: BrowserFixture;

  beforeAll(async () => {
    fx = await startBrowserFixture();
  });

  afterAll(async () => {
    await fx?.close();
  });

  const api = async (page: Page, path: string) => {
    const res = await page.request.get(`${fx.base}${path}`);
    expect(res.status(), path).toBe(200);
    return res.json();
  };
  const userNamed = async (page: Page, username: string) => ((await api(page, '/api/users?limit=200')).items as { username: string; role: string; disabled: boolean; mustChangePassword: boolean }[]).find((u) => u.username === username);

  it("an admin's menu opens users, audit trail and reviewers, none of them \"Not found\"", async () => {
    const page = await fx.signIn('admin');
    const menu = page.getByRole('navigation', { name: 'Main' });
    for (const [link, heading] of [
      ['Users', 'Users'],
      ['Audit trail', 'Audit trail'],
      ['Reviewers', 'Reviewer registry'],
    ] as const) {
      await menu.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await settled(page);
      expect(await page.getByRole('heading', { name: 'Not found' }).count()).toBe(0);
    }
    await page.close();
  });

  it('an admin creates a user, changes their role, disables and enables them, and resets their password; each change holds on the server and at sign-in', async () => {
    const page = await fx.signIn('admin');
    await page.goto(`${fx.base}/users`);
    await settled(page);
    await page.getByText('Add a user').click();
    await page.getByLabel('Username').fill('nora');
    await page.getByLabel('Full name').fill('Nora Newhire');
    await page.getByLabel('Role', { exact: true }).selectOption('coordinator');
    await page.getByLabel('First password').fill('short');
    await page.getByRole('button', { name: 'Create user' }).click();
    // The server's refusal names the field.
    await page.locator('.field-error', { hasText: '12 characters' }).waitFor();
    expect(await userNamed(page, 'nora')).toBeUndefined();
    await page.getByLabel('First password').fill('a first password for nora');
    await page.getByRole('button', { name: 'Create user' }).click();
    const row = page.locator('tr[data-user="nora"]');
    await row.waitFor();
    expect(await userNamed(page, 'nora')).toMatchObject({ role: 'coordinator', disabled: false, mustChangePassword: true });

    await page.getByLabel('Role of nora').selectOption('analyst');
    await page.getByText('nora is now Analyst.').waitFor();
    expect((await userNamed(page, 'nora'))!.role).toBe('analyst');

    await page.getByRole('button', { name: 'Disable nora' }).click();
    await page.getByRole('button', { name: 'Enable nora' }).waitFor();
    expect((await userNamed(page, 'nora'))!.disabled).toBe(true);
    // A disabled account cannot sign in.
    const refused = await page.request.post(`${fx.base}/api/auth/login`, { data: { username: 'nora', password: 'a first password for nora' }, headers: { origin: fx.base } });
    expect(refused.status()).toBe(401);
    await page.getByRole('button', { name: 'Enable nora' }).click();
    await page.getByRole('button', { name: 'Disable nora' }).waitFor();
    expect((await userNamed(page, 'nora'))!.disabled).toBe(false);

    await page.getByRole('button', { name: 'Reset password of nora' }).click();
    await page.getByLabel('New password for nora').fill('a reset password for nora');
    await page.getByRole('button', { name: 'Set password', exact: true }).click();
    await page.getByText('New password set for nora').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();

    // Nora signs in with the reset password, as an analyst, and must choose her own first.
    const nora = await fx.browser.context.newPage();
    await fx.browser.context.clearCookies();
    await nora.goto(`${fx.base}/login`);
    await nora.getByLabel('Username').fill('nora');
    await nora.getByLabel('Password').fill('a reset password for nora');
    await nora.getByRole('button', { name: 'Sign in' }).click();
    await nora.getByRole('heading', { level: 1, name: /password/i }).waitFor();
    const session = await api(nora, '/api/auth/session');
    expect(session.user).toMatchObject({ username: 'nora', role: 'analyst', mustChangePassword: true });
    await nora.close();
  });

  it('an admin filters the audit trail by case, actor, action and date on the server, pages it, and verifies the chain', async () => {
    const page = await fx.signIn('admin');
    await page.goto(`${fx.base}/audit`);
    await settled(page);
    // More entries than a page holds: the registry's hours changed as often as needed, each change audited.
    const { csrfToken } = await api(page, '/api/auth/session');
    for (let n = (await api(page, '/api/audit?limit=1')).total; n <= 60; n++) {
      const res = await page.request.patch(`${fx.base}/api/reviewers/R-004`, { data: { hoursPerWeek: 30 + (n % 2) }, headers: { 'x-csrf-token': csrfToken } });
      expect(res.status()).toBe(200);
    }
    await page.reload();
    await settled(page);
    const all = await api(page, '/api/audit?limit=200&order=desc');
    const rows = page.locator('table.audit tbody tr');
    // One page of 50, newest first, out of the whole trail.
    expect(all.total).toBeGreaterThan(50);
    await page.getByRole('heading', { name: new RegExp(`^${all.total} entries, newest first \\(showing 1–50\\)`) }).waitFor();
    await expect(rows.count()).resolves.toBe(50);
    expect(await rows.locator('td:nth-child(1)').first().textContent()).toBe(String(all.items[0].seq));
    await page.getByRole('link', { name: 'Older →' }).click();
    await page.getByRole('heading', { name: new RegExp(`showing 51–${Math.min(100, all.total)}\\)`) }).waitFor();
    expect(await rows.locator('td:nth-child(1)').first().textContent()).toBe(String(all.items[50].seq));
    expect(new URL(page.url()).searchParams.get('offset')).toBe('50');

    // By case number: only that case's entries, as many as the API holds for it.
    await page.getByLabel('Case number or id').fill(fx.mine.caseNumber!);
    await page.getByRole('button', { name: 'Filter' }).click();
    const ofCase = await api(page, `/api/audit?caseId=${fx.mine.id}&limit=200`);
    expect(ofCase.total).toBeGreaterThan(3);
    await page.getByRole('heading', { name: `${ofCase.total} entries, newest first` }).waitFor();
    for (const c of await rows.locator('td:nth-child(5)').allTextContents()) expect(c).toBe(`#${fx.mine.id}`);
    expect(new URL(page.url()).searchParams.get('case')).toBe(fx.mine.caseNumber);
    expect(new URL(page.url()).searchParams.get('offset')).toBeNull();

    // With an action too: that case's entries of that action only.
    await page.getByLabel('Action').fill('assign-reviewer');
    await page.getByRole('button', { name: 'Filter' }).click();
    const assigned = (ofCase.items as { action: string }[]).filter((e) => e.action === 'assign-reviewer').length;
    expect(assigned).toBeGreaterThan(0);
    await page.getByRole('heading', { name: new RegExp(`^${assigned} entr(y|ies), newest first`) }).waitFor();
    for (const a of await rows.locator('td:nth-child(4)').allTextContents()) expect(a).toBe('assign-reviewer');

    // By actor, over the whole trail: only that actor's entries, counted by the server.
    await page.getByLabel('Case number or id').fill('');
    await page.getByLabel('Action').fill('');
    await page.getByLabel('Actor').fill('admin');
    await page.getByRole('button', { name: 'Filter' }).click();
    const byAdmin = await api(page, '/api/audit?actor=admin&limit=1');
    expect(byAdmin.total).toBeGreaterThan(0);
    expect(byAdmin.total).toBeLessThan(all.total);
    await page.getByRole('heading', { name: new RegExp(`^${byAdmin.total} entr(y|ies), newest first`) }).waitFor();
    for (const a of await rows.locator('td:nth-child(3)').allTextContents()) expect(a).toContain('admin');

    // By date: nothing was written tomorrow; everything today.
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Actor').fill('');
    await page.getByLabel('From').fill(tomorrow);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('heading', { name: '0 entries, newest first' }).waitFor();
    await page.getByLabel('From').fill(today);
    await page.getByLabel('To', { exact: true }).fill(tomorrow);
    await page.getByRole('button', { name: 'Filter' }).click();
    // The answer replaces the empty page: wait for it before counting rows (a loaded machine answers after the click returns).
    await page.getByRole('heading', { name: /^[1-9]\d* entr(y|ies), newest first/ }).waitFor();
    await expect(rows.count()).resolves.toBeGreaterThan(0);

    // Reversed dates are refused by the server, and the page says why.
    await page.getByLabel('From').fill(tomorrow);
    await page.getByLabel('To', { exact: true }).fill(today);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('alert').filter({ hasText: 'dates are reversed' }).waitFor();

    await page.getByRole('button', { name: 'Verify the chain' }).click();
    const verdict = page.locator('[data-verified]');
    await verdict.waitFor();
    const verification = await api(page, '/api/audit/verify');
    expect(verification.verified).toBe(true);
    expect(await verdict.getAttribute('data-verified')).toBe('true');
    expect(await verdict.textContent()).toContain(`all ${verification.entries} entries`);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('an admin registers a reviewer with licences and a tie, makes them unavailable, and edits their credentials; assignment then honours the tie', async () => {
    const page = await fx.signIn('admin');
    await page.goto(`${fx.base}/reviewers`);
    await settled(page);
    await page.getByRole('button', { name: 'Register a reviewer' }).click();
    const form = page.getByRole('form', { name: 'Register a reviewer' });
    await form.getByLabel('Registry id').fill('R-100');
    await form.getByLabel('Name', { exact: true }).fill('Dr. Tia Tied');
    await form.getByLabel('Board certifications').fill('Physical Medicine and Rehabilitation');
    await form.getByLabel('Fields evaluated and treated').fill('pain management, spine');
    await form.getByLabel('Licensed in (states)').fill('ca, nv');
    await form.getByLabel('Years in practice').fill('12');
    await form.getByLabel('Clinical hours a week').fill('30');
    await form.getByRole('button', { name: 'Add a tie' }).click();
    const employer = fx.mine.parties.employer.name;
    await form.getByLabel('Tie 1: kind').selectOption('employer');
    await form.getByLabel('Tie 1: party name').fill(employer);
    await form.getByLabel('Tie 1: nature').fill('former employee');
    await form.getByRole('button', { name: 'Register reviewer' }).click();
    await page.locator('tr[data-reviewer="R-100"]').waitFor();
    const registered = await api(page, '/api/reviewers/R-100');
    expect(registered).toMatchObject({ name: 'Dr. Tia Tied', licensureStates: ['CA', 'NV'], specialties: ['pain management', 'spine'], yearsInPractice: 12, hoursPerWeek: 30, available: true, ties: [{ kind: 'employer', name: employer, nature: 'former employee' }] });

    // The conflict check of the case names this reviewer's tie.
    const candidates = await api(page, `/api/cases/${fx.mine.id}/candidates`);
    const tia = (candidates.items as { reviewer: { id: string }; blocks: string[] }[]).find((m) => m.reviewer.id === 'R-100');
    expect(tia!.blocks.join(' ')).toContain(employer);

    await page.getByRole('button', { name: 'Make Dr. Tia Tied unavailable' }).click();
    await page.getByText('Dr. Tia Tied is now unavailable').waitFor();
    expect((await api(page, '/api/reviewers/R-100')).available).toBe(false);

    await page.getByRole('button', { name: 'Edit Dr. Tia Tied' }).click();
    const edit = page.getByRole('form', { name: 'Edit Dr. Tia Tied' });
    await edit.getByLabel('Licensed in (states)').fill('CA, Nevada');
    await edit.getByRole('button', { name: 'Remove tie 1' }).click();
    await edit.getByLabel('Years in practice').fill('13');
    await edit.getByRole('button', { name: 'Save reviewer' }).click();
    // A state that is not a two-letter code is refused by the server, beside its field; nothing is saved.
    await edit.locator('.field-error', { hasText: 'two-letter' }).waitFor();
    expect(await api(page, '/api/reviewers/R-100')).toMatchObject({ licensureStates: ['CA', 'NV'], yearsInPractice: 12 });
    await edit.getByLabel('Licensed in (states)').fill('CA, NV, AZ');
    await edit.getByRole('button', { name: 'Save reviewer' }).click();
    await page.getByText('Dr. Tia Tied (R-100) saved.').waitFor();
    expect(await api(page, '/api/reviewers/R-100')).toMatchObject({ licensureStates: ['CA', 'NV', 'AZ'], yearsInPractice: 13, ties: [], available: false });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
