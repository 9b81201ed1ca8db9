/**
 * Fuzzing the letter reader and parser with mutated real letters and random
 * input: each input either parses into a schema-valid Determination or is
 * refused with a LetterParseError naming the file on one line; nothing else
 * is thrown, no worker dies, and no input takes longer than the time bound.
 * Counts: test/fuzz/config.ts (`npm run fuzz` runs many more).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Determination } from '../domain/index.js';
import { fuzzSettings, fuzzTestTimeout, runFuzz } from '../../test/fuzz/config.js';
import { applyByteMutations, applyMutations, byteMutationArb, mutatedLetterArb, realLetterPdfs, realLetterTexts } from '../../test/fuzz/letter-mutations.js';
import { withSandbox, type SandboxResponse } from '../../test/fuzz/sandbox.js';

const texts = realLetterTexts();
const pdfs = realLetterPdfs();

/**
 * A parse (as JSON) at most this many times its input, plus a constant: a
 * record is about the letter's size; one hundreds of times larger would be
 * stored and sent around at that size.
 */
const MAX_GROWTH = 20;

/** The contract every input is held to; `inputSize` in characters or bytes. */
function expectParsedOrRefused(res: SandboxResponse, name: string, inputSize: number): void {
  if (res.ok) {
    const parsed = Determination.safeParse(res.value);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
    expect(parsed.data!.source).toBe(name);
    expect(res.size, `a ${inputSize}-character input parsed into ${res.size} characters of JSON`).toBeLessThanOrEqual(MAX_GROWTH * inputSize + 200_000);
    return;
  }
  const e = res.error;
  expect(e.isLetterParseError, `threw ${e.className}, not LetterParseError: ${e.message}\n${e.stack}`).toBe(true);
  expect(e.file).toBe(name);
  expect(e.message.startsWith(`${name}: `), e.message).toBe(true);
  // One line: the reason after the file name carries no line break.
  expect(e.message.slice(name.length), e.message).not.toMatch(/[\r\n]/);
}

/** File names as uploads and directories give them, odd ones included. */
const nameArb = fc.constantFrom('letter.txt', 'letter.md', 'letter.html', 'letter.pdf', 'LETTER.HTM', 'no-extension', '../../etc/passwd', 'dir/sub/letter with spaces.txt', 'émoji-🙂.txt');

const warmUpText = { op: 'letter-text' as const, input: { text: texts[0]!.text, name: 'warm-up.txt' } };
/** Loads pdf.js too. */
const warmUpPdf = { op: 'letter-bytes' as const, input: { bytes: pdfs[0]!.bytes, name: 'warm-up.pdf' } };

describe('letter parser fuzzing', () => {
  const letters = fuzzSettings('letters', 200);
  const random = fuzzSettings('letters-random', 200);
  const bytes = fuzzSettings('letter-bytes', 40);

  it(
    'mutated real letters parse into a valid Determination or are refused with a LetterParseError, each within the time bound',
    async ({ signal }) => {
      await withSandbox(letters.timeoutMs, warmUpText, signal, (sandbox) =>
        runFuzz('letters', letters, mutatedLetterArb(texts.length), async (c) => {
          const name = texts[c.letter]!.name;
          const text = applyMutations(texts[c.letter]!.text, c.mutations);
          expectParsedOrRefused(await sandbox.run('letter-text', { text, name }), name, text.length);
        }),
      );
    },
    fuzzTestTimeout(letters, 300),
  );

  it(
    'random text and random lines of letter words parse or are refused the same way',
    async ({ signal }) => {
      const lineArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom(...texts.flatMap((t) => t.text.split('\n').slice(0, 60))));
      const textArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 2000 }), fc.array(lineArb, { maxLength: 120 }).map((ls) => ls.join('\n')));
      await withSandbox(random.timeoutMs, warmUpText, signal, (sandbox) =>
        runFuzz('letters-random', random, fc.tuple(textArb, nameArb), async ([text, name]) => {
          expectParsedOrRefused(await sandbox.run('letter-text', { text, name }), name, text.length);
        }),
      );
    },
    fuzzTestTimeout(random, 50),
  );

  it(
    'mutated published PDFs and random bytes read and parse or are refused with a LetterParseError, each within the time bound',
    async ({ signal }) => {
      const caseArb = fc.oneof(
        { weight: 3, arbitrary: fc.record({ pdf: fc.nat({ max: pdfs.length - 1 }), mutations: fc.array(byteMutationArb, { minLength: 1, maxLength: 4 }), name: fc.constant('mutated.pdf') }) },
        { weight: 1, arbitrary: fc.record({ random: fc.uint8Array({ maxLength: 4000 }), name: nameArb }) },
        // Text letters as bytes: encodings, byte-order marks and stray bytes.
        { weight: 2, arbitrary: fc.record({ text: fc.nat({ max: texts.length - 1 }), mutations: fc.array(byteMutationArb, { minLength: 1, maxLength: 4 }), name: nameArb, bom: fc.constantFrom('', 'utf8', 'utf16le', 'utf16be') }) },
      );
      await withSandbox(bytes.timeoutMs, warmUpPdf, signal, (sandbox) =>
        runFuzz('letter-bytes', bytes, caseArb, async (c) => {
          let input: Uint8Array;
          if ('pdf' in c) input = applyByteMutations(pdfs[c.pdf]!.bytes, c.mutations);
          else if ('random' in c) input = c.random;
          else input = applyByteMutations(encode(texts[c.text]!.text, c.bom), c.mutations);
          expectParsedOrRefused(await sandbox.run('letter-bytes', { bytes: input, name: c.name }), c.name, input.length);
        }),
      );
    },
    fuzzTestTimeout(bytes, 1000),
  );
});

function encode(text: string, bom: '' | 'utf8' | 'utf16le' | 'utf16be'): Uint8Array {
  if (bom === 'utf16le') return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  if (bom === 'utf16be') return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
  if (bom === 'utf8') return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
  return new Uint8Array(Buffer.from(text, 'utf8'));
}
