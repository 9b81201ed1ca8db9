/**
 * The command users run is the compiled program (bin/imr.mjs over dist/,
 * which this test project's global setup builds), and it needs no
 * TypeScript loader: run with a module hook that refuses to resolve `tsx`,
 * it still parses letters on its worker threads and stores them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_LETTERS } from './sample-letters.js';

const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'imr-compiled-'));

/** A module that registers a resolve hook refusing any `tsx` import, in every thread that loads it. */
const NO_TSX = join(dir, 'no-tsx.mjs');
writeFileSync(
  NO_TSX,
  `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(
    "export async function resolve(specifier, context, next) { if (specifier === 'tsx' || specifier.startsWith('tsx/')) throw new Error('a TypeScript loader at run time: ' + specifier); return next(specifier, context); }",
  )}));
`,
);

function imr(args: string[], nodeArgs: string[] = []) {
  return spawnSync(process.execPath, [...nodeArgs, join(ROOT, 'bin', 'imr.mjs'), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
}

describe('the compiled imr', () => {
  it('runs without any TypeScript loader, its parse workers too', () => {
    const db = join(dir, 'no-tsx.db');
    const letters = [join(SAMPLE_LETTERS, 'CM16-0230548.pdf'), join(SAMPLE_LETTERS, '000_47e89db7bcaaa3e7.txt')];
    const r = imr(['ingest', ...letters, '--db', db, '--quiet', '--json'], ['--import', NO_TSX]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ total: 2, ingested: 2, failed: 0 });
    // The hook does refuse tsx: the TypeScript sources cannot start under it.
    const fromSource = spawnSync(process.execPath, ['--import', NO_TSX, '--input-type=module', '-e', "await import('tsx/esm/api')"], { cwd: ROOT, encoding: 'utf8' });
    expect(fromSource.status).not.toBe(0);
    expect(fromSource.stderr).toContain('a TypeScript loader at run time: tsx/esm/api');
  });

  it('lists every command in --help and answers --version', () => {
    const help = imr(['--help']);
    expect(help.status).toBe(0);
    for (const cmd of ['parse', 'ingest', 'search', 'stats', 'demo', 'case', 'reviewer', 'letter', 'decide', 'eval', 'export', 'import', 'backup', 'serve', 'user']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
    }
    expect(imr(['--version']).stdout).toBe('0.1.0\n');
  });
});
