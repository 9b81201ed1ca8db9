#!/usr/bin/env node
// Builds dist/ (tsc -p tsconfig.build.json) when a source of it is newer than
// the last build, else does nothing: `npm run demo`, `npm run imr`, the bench
// and the tests run the compiled program, and a check of file times costs a
// few milliseconds where even tsc's incremental no-op costs seconds.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const STAMP = join(ROOT, 'dist', '.tsbuildinfo');

/** Newest modification time of the build's inputs: src/ (tests aside) and the TypeScript configs. */
function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|mjs|json)$/.test(e.name) && !/\.test\.ts$/.test(e.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(STAMP).mtimeMs;
  } catch {
    return 0;
  }
}

const inputs = Math.max(newestSource(join(ROOT, 'src')), ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => statSync(join(ROOT, f)).mtimeMs));
if (inputs > builtAt()) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    process.stderr.write('error: building dist/ (tsc -p tsconfig.build.json) failed: see the messages above\n');
    process.exit(1);
  }
  // tsc leaves its build info alone when nothing changed: mark the build as current.
  const now = new Date();
  utimesSync(STAMP, now, now);
}
