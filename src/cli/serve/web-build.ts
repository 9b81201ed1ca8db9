/**
 * Building the web UI on demand: `imr demo` (and the browser tests) build
 * `web/dist` when it is missing or older than what it is built from, so a
 * fresh checkout, or one whose web sources changed since, serves the UI as
 * the sources are. Vite is a development dependency: where it is not
 * installed the UI is reported unavailable, never half-built.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The web UI's folder in the checkout. */
export const WEB_DIR = join(import.meta.dirname, '..', '..', '..', 'web');

/** Newest modification time (ms) of the files the UI is built from: `web/` but its build and tests, and the lockfile beside it. */
export function newestSource(webDir: string): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'dist' && e.name !== 'node_modules') walk(path);
      } else if (!/\.test\.tsx?$/.test(e.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(webDir);
  const lock = join(webDir, '..', 'package-lock.json');
  if (existsSync(lock)) newest = Math.max(newest, statSync(lock).mtimeMs);
  return newest;
}

/** Why the build in `webDir/dist` must be made again, or null when it is current. */
export function staleReason(webDir: string): string | null {
  const index = join(webDir, 'dist', 'index.html');
  if (!existsSync(index)) return 'web/dist is not built yet';
  return newestSource(webDir) > statSync(index).mtimeMs ? 'web/ changed since web/dist was built' : null;
}

/** Builds the UI into `webDir/dist` with the project's vite config. Throws what vite reports. */
export async function buildWeb(webDir: string = WEB_DIR): Promise<void> {
  const vite = await import('vite');
  await vite.build({ configFile: join(webDir, 'vite.config.ts'), root: webDir, logLevel: 'warn' });
}

/** What ensureWebBuilt did. */
export type WebBuildResult = { status: 'current' } | { status: 'built'; reason: string } | { status: 'unavailable'; reason: string };

/** Builds the UI when it is missing or stale; reports rather than throws when vite is not installed. */
export async function ensureWebBuilt(webDir: string = WEB_DIR, log: (line: string) => void = () => {}): Promise<WebBuildResult> {
  const reason = staleReason(webDir);
  if (!reason) return { status: 'current' };
  try {
    await import('vite');
  } catch {
    return { status: 'unavailable', reason: `${reason}, and vite (a development dependency) is not installed: run npm ci` };
  }
  log(`Building the web UI (${reason})…`);
  await buildWeb(webDir);
  return { status: 'built', reason };
}
