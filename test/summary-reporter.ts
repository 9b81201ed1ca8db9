import type { Reporter, TestCase, TestModule, TestSuite } from 'vitest/node';

/** Counts of one run, as the closing line gives them. */
export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
}

/** Whether the test's own suite, or one around it, or its file, failed outside any test (a hook, or loading). */
function setupFailed(test: TestCase): boolean {
  for (let at: TestSuite | TestModule = test.parent; ; at = at.parent) {
    if (at.errors().length > 0) return true;
    if (at.type === 'module') return false;
  }
}

/**
 * Counts a run's tests. A test that passed or failed counts as such. A
 * skipped test counts as skipped only when it was meant to be (it.skip,
 * ctx.skip()); one that never ran because a hook around it failed (a
 * beforeAll, such as the browser tests' launch of a browser that is not
 * installed) counts as failed. An error outside any test that no failed test
 * accounts for (a file that fails to load, an afterAll that fails after its
 * tests passed) counts as one failure, and so does each unhandled error.
 */
export function summarize(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): Summary {
  const s: Summary = { passed: 0, failed: 0, skipped: 0 };
  for (const mod of testModules) {
    const failedTests = new Set<TestCase>();
    for (const test of mod.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') s.passed++;
      else if (state === 'failed' || (test.options.mode === 'run' && setupFailed(test))) failedTests.add(test);
      else s.skipped++;
    }
    s.failed += failedTests.size;
    for (const holder of [mod, ...mod.children.allSuites()]) {
      if (holder.errors().length === 0) continue;
      const below = [...holder.children.allTests()];
      if (!below.some((t) => failedTests.has(t))) s.failed++;
    }
  }
  s.failed += unhandledErrors.length;
  return s;
}

/** The closing line: `N passed, N failed[, N skipped]`. */
export function closingLine(s: Summary): string {
  return `${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`;
}

/**
 * Prints one closing line, `N passed, N failed[, N skipped]`, which CI reads
 * (it understands node:test's summary but not vitest's). See summarize for
 * what counts as failed.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    process.stdout.write(`\n${closingLine(summarize(testModules, unhandledErrors))}\n`);
  }
}
