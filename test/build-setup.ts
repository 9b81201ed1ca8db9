/**
 * Global setup of the `sqlite` test project: builds the compiled program
 * (dist/, `npm run build`) once before the tests, so that the tests that
 * spawn `bin/imr.mjs` run what users run, built from the sources under test.
 * The build is incremental: when nothing changed it only checks.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`building dist/ (tsc -p tsconfig.build.json) failed:\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? e.message}`);
  }
}
