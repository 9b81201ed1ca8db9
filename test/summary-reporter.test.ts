/**
 * The closing line CI reads (test/summary-reporter.ts), from real vitest
 * runs: each fixture in test/fixtures/summary-reporter is run by vitest in a
 * child process with the project's reporter, and its last line is read.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'summary-reporter');
const VITEST = join(createRequire(import.meta.url).resolve('vitest/package.json'), '..', 'vitest.mjs');

/** Runs vitest on one fixture file; its exit code and the last line it printed. */
function runFixture(file: string): Promise<{ code: number; line: string }> {
  // The child must not think it runs inside this vitest's worker.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && k !== 'TEST'));
  return new Promise((done) => {
    execFile(
      process.execPath,
      [VITEST, 'run', '--config', join(FIXTURES, 'vitest.config.ts'), file],
      { cwd: ROOT, env: { ...env, IMR_CHROMIUM: join(FIXTURES, 'no-such-chromium') }, timeout: 120_000 },
      (err, stdout) => {
        const lines = stdout.trim().split('\n');
        done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, line: lines.at(-1) ?? '' });
      },
    );
  });
}

describe('the closing line', () => {
  it('counts tests: passed, and skipped only where a test is skipped on purpose', async () => {
    expect(await runFixture('passing.fixture.ts')).toEqual({ code: 0, line: '2 passed, 0 failed, 1 skipped' });
  });

  it('counts a test file that fails to load as a failure', async () => {
    expect(await runFixture('load-error.fixture.ts')).toEqual({ code: 1, line: '0 passed, 1 failed' });
  });

  it('counts the tests of a failing beforeAll as failed, not skipped', async () => {
    expect(await runFixture('before-all.fixture.ts')).toEqual({ code: 1, line: '0 passed, 2 failed' });
  });

  it('counts a browser test without a browser as failed (the browser tests\' own launcher)', async () => {
    expect(await runFixture('browser.fixture.ts')).toEqual({ code: 1, line: '0 passed, 1 failed' });
  });

  it('counts a failing afterAll after passing tests as a failure', async () => {
    expect(await runFixture('after-all.fixture.ts')).toEqual({ code: 1, line: '1 passed, 1 failed' });
  });
});
