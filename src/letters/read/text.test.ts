import fc from 'fast-check';
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

  it('collapses every whitespace run as one pattern over the text would, whichever spaces the text holds', () => {
    // letterLines takes a cheaper path when plain spaces are the only run
    // spaces of a text; both paths must give what the one pattern gives.
    const run = /[\t\u00a0\u2000-\u200b\u3000][\t \u00a0\u2000-\u200b\u3000]*| [\t \u00a0\u2000-\u200b\u3000]+/g;
    const reference = (s: string) => s.replace(/\r\n?|\f/g, '\n').replace(run, ' ').split('\n').map((l) => l.trim()).filter(Boolean);
    const chars = [' ', ' ', ' ', '\t', '\n', '\r', '\f', '\u00a0', '\u2000', '\u200b', '\u200c', '\u3000', '\v', '\ufeff', '\u2028', 'a', 'B', '-', 'é'];
    // Texts whose only run spaces are plain spaces, and texts of every kind.
    const plain = [' ', ' ', '\n', '\v', '\ufeff', 'a', 'é'];
    const text = fc.oneof(...[plain, chars].map((cs) => fc.array(fc.constantFrom(...cs), { maxLength: 40 }).map((a) => a.join(''))));
    fc.assert(fc.property(text, (s) => {
      expect(letterLines(s)).toEqual(reference(s));
    }), { numRuns: 5000 });
    expect(letterLines('Date of Injury:  10/13/2016 \n\u2003Decision\u2003 Date:')).toEqual(['Date of Injury: 10/13/2016', 'Decision Date:']);
  });
});
