#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm ci` through the prepare script,
// or `npm run build`): no TypeScript loader at run time, so the command starts
// about as fast as node itself.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('error: the compiled program (dist/cli/main.js) is missing: run `npm run build` (npm ci builds it too)\n');
  process.exit(1);
}
await import(entry.href);
