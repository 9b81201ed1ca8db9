import { describe, expect, it } from 'vitest';
import { withSandbox } from '../../../test/fuzz/sandbox.js';
import { joinLines, letterLines } from './text.js';

describe('joinLines', () => {
  it('joins wrapped lines with spaces and hyphen-broken words without', () => {
    expect(joinLines(['Anti-', 'Spasticity Drugs', 'Page(s): 64'])).toBe('Anti-Spasticity Drugs Page(s): 64');
    expect(joinLines(['a-', 'b-', 'c', '-', 'd'])).toBe('a-b-c - d');
    expect(joinLines(['x', '-', 'y'])).toBe('x - y');
    expect(joinLines([])).toBe('');
  });

  // Found by the letter fuzzer: a run of hyphen-broken lines re-read the
  // growing segment on every line (quadratic), so a letter of 2 MB of them
  // took minutes.
  it('joins a long run of hyphen-broken lines within the time bound', async ({ signal }) => {
    expect(joinLines(Array.from({ length: 1000 }, (_, i) => (i % 2 ? 'Spasticity-' : 'Anti-')))).toBe('Anti-Spasticity-'.repeat(500));
    // Off this thread, so that a regression fails at the bound instead of hanging the suite.
    const lines = Array.from({ length: 200_000 }, (_, i) => (i % 2 ? 'Spasticity-' : 'Anti-'));
    const text = 'IMR ISSUES, DECISIONS AND RATIONALES\nBaclofen: Upheld\nDecision rationale: ' + lines.join('\n') + '\nThe request is not medically necessary.';
    await withSandbox(10_000, { op: 'letter-text', input: { text: 'x', name: 'warm-up.txt' } }, signal, async (sandbox) => {
      const res = await sandbox.run('letter-text', { text, name: 'hyphens.txt' });
      expect(res.ok).toBe(true);
      const rationale = (res as { value: { items: { rationale: string }[] } }).value.items[0]!.rationale;
      expect(rationale.startsWith('Anti-Spasticity-'.repeat(100_000))).toBe(true);
    });
  });
});

describe('letterLines', () => {
  it('drops blank lines, collapses whitespace and strips HTML markup, scripts included', () => {
    expect(letterLines('a\r\n\r\n  b\u00a0\u00a0c\fd')).toEqual(['a', 'b c', 'd']);
    expect(letterLines('<p><b>Case Number:</b> CM16-0000001</p><script>alert("x")</script><p>next</p>')).toEqual(['Case Number: CM16-0000001', 'next']);
  });
});
