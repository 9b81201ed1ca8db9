import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseLetterText } from '../../letters/index.js';
import { realLetterTexts } from '../../../test/sample-letters.js';
import { Determination } from '../determination.js';
import { formatIssue, formatIssues, issuesFrom } from './issues.js';

describe('issues from zod, and their one-line form', () => {
  const { name, text } = realLetterTexts()[0]!;
  const letter = parseLetterText(text, name);

  it('names each bad field of a real letter by its path, behind a prefix', () => {
    const broken = { ...letter, caseNumber: 7, dates: { ...letter.dates, decision: '2016-02-30' }, items: [{ ...letter.items[0], decision: 'maybe' }] };
    const r = Determination.safeParse(broken);
    expect(r.success).toBe(false);
    const issues = issuesFrom(r.error!, ['letters', 3]);
    expect(issues.map((i) => i.path.join('.')).sort()).toEqual(['letters.3.caseNumber', 'letters.3.dates.decision', 'letters.3.items.0.decision']);
    expect(issues.find((i) => i.path.includes('dates'))!.message).toBe('not a date the calendar has');
  });

  it('writes issues as Zod prettifies them: "path: message", joined by "; ", the whole value by its name', () => {
    const issues = issuesFrom(z.object({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: 'x' } }).error!);
    expect(formatIssues(issues)).toBe('a.b: Invalid input: expected number, received string');
    const whole = issuesFrom(z.string().safeParse(3).error!);
    expect(formatIssue(whole[0]!, { whole: '(body)' })).toBe('(body): Invalid input: expected string, received number');
    expect(formatIssue(whole[0]!)).toBe(': Invalid input: expected string, received number');
    expect(formatIssues([...issues, ...issues, ...issues], { limit: 2 }).split('; ')).toHaveLength(2);
  });

  it('turns a symbol key into its description (JSON input has none, but a path must stay printable)', () => {
    expect(issuesFrom({ issues: [{ path: ['a', Symbol('s'), 0], message: 'm' }] })).toEqual([{ path: ['a', 'Symbol(s)', 0], message: 'm' }]);
  });
});
