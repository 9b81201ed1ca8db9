/**
 * Debian's Chromium driven by playwright-core (which never downloads a
 * browser). The flags keep it from reaching for the network on its own:
 * without them, on a machine with no outside network, it stalls on
 * connections the sandboxed machine refuses.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.IMR_CHROMIUM ?? '/usr/bin/chromium';

/** A running browser with its own fresh profile; `close` removes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a new profile. Throws, saying how to install it,
 * when it is missing: browser tests must fail, not skip, where it is absent.
 */
export async function launchChromium(options: { viewport?: { width: number; height: number }; downloads?: boolean } = {}): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y --no-install-recommends chromium; .ci/run does), or set IMR_CHROMIUM`);
  const profile = mkdtempSync(join(tmpdir(), 'imr-chromium-'));
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    viewport: options.viewport ?? { width: 1366, height: 900 },
    acceptDownloads: options.downloads ?? true,
    locale: 'en-US',
    timezoneId: 'America/Los_Angeles',
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser };

/**
 * Signs `username` in through the sign-in page of the server at `base` and
 * returns the page, signed in. One browser profile serves every user: the
 * cookies are cleared first, so a new sign-in starts from no session.
 */
export async function signInPage(browser: TestBrowser, base: string, username: string, password: string): Promise<Page> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}
