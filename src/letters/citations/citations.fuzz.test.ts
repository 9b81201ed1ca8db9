/**
 * Fuzzing the citation parser with the real letters' guideline paragraphs
 * (exactly as the letter parser hands them over), mutated, recombined and
 * blown up, and with random text: nothing throws, no input exceeds the time
 * bound, every citation is schema-valid with a document name and an
 * ascending, unique page list, and the memo hands out independent copies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GuidelineCitation } from '../../domain/index.js';
import { fuzzSettings, fuzzTestTimeout, runFuzz } from '../../../test/fuzz/config.js';
import { realLetterTexts } from '../../../test/fuzz/letter-mutations.js';
import { withSandbox } from '../../../test/fuzz/sandbox.js';
import { parseCitations } from './citations.js';
import { parseItems } from '../items.js';
import { splitSections } from '../sections.js';
import { letterLines } from '../read/text.js';

/** Every guideline paragraph of the real letters, as the parser reads it. */
const PARAGRAPHS = realLetterTexts().flatMap(({ text }) => {
  const lines = letterLines(text);
  const sections = splitSections(lines);
  const decisions = sections.get('decisions')?.lines ?? sections.get('issue')?.lines ?? lines;
  return parseItems(decisions).flatMap((i) => [i.claimsAdministratorGuideline, i.imrGuideline]).filter(Boolean);
});

const PIECES = [
  'Decision based on ',
  'MTUS ',
  'Non-MTUS Citation ',
  'Official Disability Guidelines (ODG) ',
  'Page(s): ',
  'Pages 1-99999, 3 to 2, 0-0, 9999-1',
  'Section(s): ',
  '(updated 12/12/2016)',
  '(Effective July 18, 2009)',
  'which is not part of the MTUS.',
  'which are part of the MTUS.',
  'The Claims Administrator did not cite any medical evidence for its decision.',
  'based their decision on recommendation(s) outside of the MTUS Guidelines.',
  'Chapter',
  ', and ',
  '200 7',
  '\u0001',
  '(((((',
  ')))))',
  '**',
  '__',
];

const paragraphArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ p: fc.constantFrom(...PARAGRAPHS), at: fc.nat(), insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 20 })), cut: fc.nat({ max: 30 }) }).map(({ p, at, insert, cut }) => {
    const i = at % (p.length + 1);
    return p.slice(0, i) + insert + p.slice(i + cut);
  }) },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...PARAGRAPHS), fc.constantFrom(...PIECES)), { minLength: 1, maxLength: 12 }).map((ps) => ps.join(' ')) },
  // Huge: a paragraph or a piece thousands of times over.
  { weight: 1, arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...PARAGRAPHS), fc.constantFrom(...PIECES)), fc.integer({ min: 50, max: 5_000 })).map(([p, n]) => p.repeat(Math.min(n, Math.floor(500_000 / Math.max(1, p.length))))) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 500 }) },
);

describe('citation parser fuzzing', () => {
  const settings = fuzzSettings('citations', 300);

  it('has the real paragraphs to start from', () => {
    expect(PARAGRAPHS.length).toBeGreaterThan(250);
  });

  it(
    'mutated, recombined and repeated real guideline paragraphs and random text give valid citations, never an exception, each within the time bound',
    async ({ signal }) => {
      await withSandbox(settings.timeoutMs, { op: 'citations', input: PARAGRAPHS[0] }, signal, (sandbox) =>
        runFuzz('citations', settings, paragraphArb, async (text) => {
          const res = await sandbox.run('citations', text);
          expect(res.ok, res.ok ? '' : `threw ${res.error.className}: ${res.error.message}\n${res.error.stack}`).toBe(true);
          const cites = (res as { value: unknown[] }).value;
          for (const c of cites) {
            const parsed = GuidelineCitation.safeParse(c);
            expect(parsed.success, JSON.stringify(c)).toBe(true);
            const cite = parsed.data!;
            expect(cite.document.trim(), JSON.stringify(c)).not.toBe('');
            expect(cite.pages.every((p, i) => Number.isSafeInteger(p) && p > 0 && (i === 0 || p > cite.pages[i - 1]!)), JSON.stringify(cite.pages)).toBe(true);
          }
        }),
      );
    },
    fuzzTestTimeout(settings, 30),
  );

  it('hands out copies: changing a result never changes the next parse of the same text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PARAGRAPHS), (p) => {
        const first = parseCitations(p);
        const expected = JSON.stringify(first);
        for (const c of first) {
          c.pages.push(-1);
          c.sections.push('changed');
          c.document = 'changed';
        }
        expect(JSON.stringify(parseCitations(p))).toBe(expected);
      }),
      { numRuns: 50, seed: 1 },
    );
  });
});
