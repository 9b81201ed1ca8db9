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

const benchFor = (timeout: number, ...args: string[]) => {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'run.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TMPDIR: scratch }, timeout });
  return { ...r, ms: performance.now() - started };
};
const bench = (...args: string[]) => benchFor(60_000, ...args);

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
    expect(part.stderr).toBe('bench: error: --only nope: no such part (startup, corpus, parse, phases, pdf, engine, deid, load, search, stats)\n');
    const size = bench('--letters', '10000,zero');
    expect(size.status).toBe(1);
    expect(size.stderr).toBe("bench: error: option '--letters <sizes>' argument '10000,zero' is invalid. each corpus size must be a whole number above 0\n");
    expect(part.stdout + size.stdout).toBe('');
    expect(corpora()).toEqual([]);
  }, 60_000);
});

// One small corpus only (the million-letter run is `npm run bench -- --letters 1000000`, by hand): the parts end to end, in a minute or two.
describe('npm run bench -- --letters N', () => {
  it('ingests one corpus of N letter files and runs search, statistics and the load test on it, nothing else', () => {
    const r = benchFor(300_000, '--letters', '200', '--seconds', '3', '--clients', '4');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const at = (text: string) => {
      const i = r.stdout.indexOf(text);
      expect(i, text).toBeGreaterThanOrEqual(0);
      return i;
    };
    // In this order, on the corpus the ingest built: no corpus of scale-corpus.ts is built beside it.
    const order = [at('ingest 200 files (sqlite)'), at('search on 200 letters (sqlite)'), at('search 200: rare term'), at('search 200: filters alone'), at('stats 200: by guideline'), at('load test on the corpus of 200 letters'), at('errors: none')];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(r.stdout).not.toContain('built a corpus of');
    expect(r.stdout).toMatch(/writes: \d+ acknowledged, .* all verified in the database/);
    // The parts run once without --letters are left out.
    for (const other of ['start-up (median)', 'PDF text', 'de-identification recall', 'engine decide']) expect(r.stdout).not.toContain(other);
    expect(corpora()).toEqual([]);
  }, 300_000);
});
