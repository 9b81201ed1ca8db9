/**
 * The word reader's cache of recent words changes nothing: a long text read
 * through it gives the same words, cases, bits and party ids as read word by
 * word without it, also when words collide in the cache or are evicted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realLetterTexts } from '../../../test/sample-letters.js';
import { CAP, LOWER, UPPER } from './tokens.js';
import { CLINICAL, LAST_NAME, TITLE, WordReader, type WordList } from './word-list.js';

const PARTY_KEYS = new Map([
  ['lopez', 1],
  ['hernandez', 2],
  ['maria', 3],
  ['obrien', 4],
]);

function arrays(list: WordList) {
  const n = list.length;
  return {
    n,
    start: [...list.start.subarray(0, n)],
    end: [...list.end.subarray(0, n)],
    wordCase: [...list.wordCase.subarray(0, n)],
    flags: [...list.flags.subarray(0, n)],
    party: [...list.party.subarray(0, n)],
  };
}

/** Many distinct words (so that the 4,096 slots collide and evict), with case, accents and apostrophes. */
const word = fc.oneof(
  fc.stringMatching(/^[A-Za-z]{1,9}$/),
  fc.constantFrom('Lopez', 'LOPEZ', 'López', "Lopez's", 'María', "O'Brien", 'O’Brien', 'Hernandez', 'Dr', 'tramadol', 'Kowalczyk', 'Zoë', 'e\u0301', 'ß'),
);
const longText = fc
  .array(fc.tuple(word, fc.constantFrom(' ', '\n', '-', ', ', "'", '. ')), { minLength: 1500, maxLength: 3000 })
  .map((ws) => ws.map(([w, s]) => w + s).join(''));

describe('word reader', () => {
  it('reads a long text through its cache as it reads it without (property)', () => {
    fc.assert(
      fc.property(longText, (text) => {
        expect(text.length).toBeGreaterThanOrEqual(4096);
        const cached = new WordReader(PARTY_KEYS);
        // Twice: the second read starts with the cache the first one filled.
        const first = arrays(cached.read(text));
        const second = arrays(cached.read(text));
        const plain = arrays(new WordReader(PARTY_KEYS, Infinity).read(text));
        expect(first).toEqual(plain);
        expect(second).toEqual(plain);
      }),
      { numRuns: 40, seed: 5 },
    );
  });

  it('reads the real letters, all of them as one text, as it reads them without the cache', () => {
    const all = realLetterTexts()
      .map((l) => l.text)
      .join('\n');
    const cached = arrays(new WordReader(PARTY_KEYS).read(all));
    expect(cached).toEqual(arrays(new WordReader(PARTY_KEYS, Infinity).read(all)));
    expect(cached.n).toBeGreaterThan(50_000);
  });

  it('gives each word its case, what it is and which party word it is', () => {
    const text = "Dr. María LOPEZ-Hernandez's tramadol";
    const list = new WordReader(PARTY_KEYS).read(text);
    const at = (k: number) => text.slice(list.start[k], list.end[k]);
    expect(Array.from({ length: list.length }, (_, k) => at(k))).toEqual(['Dr', 'María', 'LOPEZ', "Hernandez's", 'tramadol']);
    expect([...list.wordCase.subarray(0, list.length)]).toEqual([CAP, CAP, UPPER, CAP, LOWER]);
    expect([...list.party.subarray(0, list.length)]).toEqual([0, 3, 1, 2, 0]);
    expect(list.flags[0]! & TITLE).not.toBe(0);
    expect(list.flags[2]! & LAST_NAME).not.toBe(0);
    expect(list.flags[4]! & CLINICAL).not.toBe(0);
  });
});
