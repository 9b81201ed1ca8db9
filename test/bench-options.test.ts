import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
// The bench's own temporary directory: a corpus it built would appear here.
const scratch = mkdtempSync(join(tmpdir(), 'imr-bench-options-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What the bench made in its temporary directory, apart from the TypeScript loader's cache. */
const corpora = () => readdirSync(scratch).filter((f) => !f.startsWith('tsx-'));

const bench = (...args: string[]) => {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'run.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TMPDIR: scratch }, timeout: 60_000 });
  return { ...r, ms: performance.now() - started };
};

describe('npm run bench -- --help', () => {
  it('prints the options and exits 0 at once, building no corpus', () => {
    const r = bench('--help');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    for (const option of ['--letters <sizes>', '--only <parts>', '--pg [url]', '--workers <n>', '--seconds <n>', '--clients <n>', '--sync-normal']) expect(r.stdout).toContain(option);
    expect(r.stdout).toContain('Parts: startup (imr start-up), corpus (ingest and search on each corpus size)');
    expect(r.stdout).not.toContain('OpenIMR benchmarks: node');
    // Loading the bench's modules (store, PDF engines) would take seconds; the full run, minutes.
    expect(r.ms).toBeLessThan(15_000);
    expect(corpora()).toEqual([]);
  }, 60_000);

  it('refuses an unknown part or a bad corpus size on one line, exit 2 or 1, running nothing', () => {
    const part = bench('--only', 'parse,nope');
    expect(part.status).toBe(2);
    expect(part.stderr).toBe('bench: error: --only nope: no such part (startup, corpus, parse, pdf, engine, deid, load, search, stats)\n');
    const size = bench('--letters', '10000,zero');
    expect(size.status).toBe(1);
    expect(size.stderr).toBe("bench: error: option '--letters <sizes>' argument '10000,zero' is invalid. each corpus size must be a whole number above 0\n");
    expect(part.stdout + size.stdout).toBe('');
    expect(corpora()).toEqual([]);
  }, 60_000);
});
