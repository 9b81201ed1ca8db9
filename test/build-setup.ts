/**
 * Global setup of the `sqlite` test project: builds the compiled program
 * (dist/) before the tests when a source changed since the last build
 * (scripts/build-if-stale.mjs), so that the tests that spawn `bin/imr.mjs`
 * run what users run, built from the sources under test.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

export default function setup(): void {
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-if-stale.mjs')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`building dist/ failed:\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? e.message}`);
  }
}
