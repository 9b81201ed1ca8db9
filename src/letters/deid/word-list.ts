/**
 * The words of a whole text as the detectors read them, held in typed
 * arrays (offsets, case, what the word is) instead of one object per word.
 * A 10 MB hostile text has nearly two million words; as objects they lived
 * until the end of the redaction and the garbage collector spent about a
 * third of the time copying them. Here each word's key (its folded lower-case
 * form) is looked up once, while the text is scanned, in one table of every
 * word any rule asks about; what the rules need to know of it (a title? a
 * census surname? an English word? a word of the case's parties?) is kept as
 * bits and a number, and the key itself is dropped at once.
 */
import {
  CREDENTIALS,
  EPONYM_TAIL,
  HONORIFICS,
  lexicons,
  ORG_CUES,
  ORG_JOINERS,
  ORG_STRONG,
  ORG_WEAK,
  PARTICLES,
  PERSON_CUES,
  RECORD_AFTER_NAME,
  TITLES,
  WEAK_CUES,
} from './lexicons.js';
import { keyOf, scanWords } from './tokens.js';

/** What a word's key is, as bits of `WordList.flags`. */
export const FIRST_NAME = 1 << 0;
export const LAST_NAME = 1 << 1;
/** An English word common enough that a capitalised one is no evidence of a name. */
export const COMMON = 1 << 2;
export const CLINICAL = 1 << 3;
export const EPONYM = 1 << 4;
export const TITLE = 1 << 5;
export const CREDENTIAL = 1 << 6;
export const PERSON_CUE = 1 << 7;
export const WEAK_CUE = 1 << 8;
export const PARTICLE = 1 << 9;
export const ORG_STRONG_WORD = 1 << 10;
export const ORG_WEAK_WORD = 1 << 11;
export const ORG_JOINER = 1 << 12;
export const ORG_CUE = 1 << 13;
export const RECORD_LABEL = 1 << 14;
export const EPONYM_TAIL_WORD = 1 << 15;
export const HONORIFIC = 1 << 16;
/** "pa", "np", "rn", "lvn": titles that are also nouns. */
export const TITLE_NOUN = 1 << 17;
/** "dr": a title even in lower case. */
export const DR = 1 << 18;
export const OF = 1 << 19;
/** "for", "by", "at" after "works": the employer follows. */
export const WORK_PREP = 1 << 20;
/** "works", "worked", "working", "employed". */
export const WORK_VERB = 1 << 21;
/** "employer", "insurer", "carrier", "administrator", "tpa": an organisation follows whatever its words. */
export const ORG_CUE_STRONG = 1 << 22;
/** The key is a single character (or none). */
export const KEY_SHORT = 1 << 23;
/** The key has at most four characters. */
export const KEY_UP_TO_4 = 1 << 24;

/** Either name list. */
export const IN_LISTS = FIRST_NAME | LAST_NAME;

let vocabulary: Map<string, number> | null = null;

/** Every word a rule asks about, with its bits; built once. */
function vocabularyFlags(): Map<string, number> {
  if (vocabulary) return vocabulary;
  const lx = lexicons();
  const map = new Map<string, number>();
  const mark = (words: Iterable<string>, bit: number) => {
    for (const w of words) map.set(w, (map.get(w) ?? 0) | bit);
  };
  mark(lx.firstNames, FIRST_NAME);
  mark(lx.lastNames, LAST_NAME);
  mark(lx.common, COMMON);
  mark(lx.clinical, CLINICAL);
  mark(lx.eponyms, EPONYM);
  mark(TITLES, TITLE);
  mark(CREDENTIALS, CREDENTIAL);
  mark(PERSON_CUES, PERSON_CUE);
  mark(WEAK_CUES, WEAK_CUE);
  mark(PARTICLES, PARTICLE);
  mark(ORG_STRONG, ORG_STRONG_WORD);
  mark(ORG_WEAK, ORG_WEAK_WORD);
  mark(ORG_JOINERS, ORG_JOINER);
  mark(ORG_CUES, ORG_CUE);
  mark(RECORD_AFTER_NAME, RECORD_LABEL);
  mark(EPONYM_TAIL, EPONYM_TAIL_WORD);
  mark(HONORIFICS, HONORIFIC);
  mark(['pa', 'np', 'rn', 'lvn'], TITLE_NOUN);
  mark(['dr'], DR);
  mark(['of'], OF);
  mark(['for', 'by', 'at'], WORK_PREP);
  mark(['works', 'worked', 'working', 'employed'], WORK_VERB);
  mark(['employer', 'insurer', 'carrier', 'administrator', 'tpa'], ORG_CUE_STRONG);
  vocabulary = map;
  return map;
}

/** The words of one text, word k at index k of each array. */
export interface WordList {
  readonly text: string;
  readonly length: number;
  /** Offsets of each word in the text. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** LOWER, CAP, UPPER or MIXED (./tokens.ts). */
  readonly wordCase: Uint8Array;
  /** What the word's key is: the bits above. */
  readonly flags: Int32Array;
  /** The id of the word's key among the case's party words (`partyKeys`), 0 when it is none of them. */
  readonly party: Int32Array;
}

/** Entries of a reader's cache of recent words: a power of two. */
const CACHE_SIZE = 4096;
/** Texts shorter than this are read without the cache (most of a letter's fields are short). */
const CACHE_FROM_LENGTH = 4096;

/**
 * Reads texts into word lists for one case: its party words (`partyKeys`,
 * each with an id from 1) are marked on the words that are them.
 *
 * Looking a word up means making its key (a new string) and probing a table
 * of 170,000 words. Letters, and hostile texts even more, repeat their words,
 * so on a long text an ASCII word is first looked for in a small cache of
 * recent words, compared character by character with the text: a word seen
 * before costs neither a string nor a probe.
 */
export class WordReader {
  private readonly vocab = vocabularyFlags();
  private cacheKey: (string | undefined)[] | null = null;
  private cacheFlags: Int32Array | null = null;
  private cacheParty: Int32Array | null = null;

  constructor(private readonly partyKeys: ReadonlyMap<string, number> = new Map()) {}

  /** The words of `text` with their bits and party ids. */
  read(text: string): WordList {
    const vocab = this.vocab;
    const partyKeys = this.partyKeys;
    const withParties = partyKeys.size > 0;
    if (text.length >= CACHE_FROM_LENGTH && !this.cacheKey) {
      this.cacheKey = new Array<string | undefined>(CACHE_SIZE).fill(undefined);
      this.cacheFlags = new Int32Array(CACHE_SIZE);
      this.cacheParty = new Int32Array(CACHE_SIZE);
    }
    const cacheKey = text.length >= CACHE_FROM_LENGTH ? this.cacheKey : null;
    const cacheFlags = this.cacheFlags!;
    const cacheParty = this.cacheParty!;
    // Letters hold about one word in six characters; a text with more words grows the arrays (doubling).
    let capacity = Math.max(16, text.length >> 3);
    let start = new Int32Array(capacity);
    let end = new Int32Array(capacity);
    let wordCase = new Uint8Array(capacity);
    let flags = new Int32Array(capacity);
    let party = new Int32Array(capacity);
    let n = 0;
    scanWords(text, (s, e, wc, ascii) => {
      if (n === capacity) {
        capacity *= 2;
        start = grown(start, capacity);
        end = grown(end, capacity);
        wordCase = grown(wordCase, capacity);
        flags = grown(flags, capacity);
        party = grown(party, capacity);
      }
      start[n] = s;
      end[n] = e;
      wordCase[n] = wc;
      let slot = -1;
      if (cacheKey && ascii) {
        // An ASCII word's key is its text in lower case (a letter's code with bit 5 set).
        let h = 0;
        for (let k = s; k < e; k++) h = (Math.imul(h, 31) + (text.charCodeAt(k) | 32)) | 0;
        slot = (h ^ (h >>> 13)) & (CACHE_SIZE - 1);
        const cached = cacheKey[slot];
        if (cached !== undefined && sameAscii(cached, text, s, e)) {
          flags[n] = cacheFlags[slot]!;
          party[n] = cacheParty[slot]!;
          n++;
          return;
        }
      }
      const key = keyOf(text, s, e, wc, ascii);
      const length = key.length;
      const f = (vocab.get(key) ?? 0) | (length < 2 ? KEY_SHORT : 0) | (length <= 4 ? KEY_UP_TO_4 : 0);
      const id = withParties ? (partyKeys.get(key) ?? 0) : 0;
      flags[n] = f;
      party[n] = id;
      if (slot >= 0) {
        cacheKey![slot] = key;
        cacheFlags[slot] = f;
        cacheParty[slot] = id;
      }
      n++;
    });
    return { text, length: n, start, end, wordCase, flags, party };
  }
}

/** Whether `key` is the ASCII word text[start, end) in lower case. */
function sameAscii(key: string, text: string, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let k = 0; k < key.length; k++) if (key.charCodeAt(k) !== (text.charCodeAt(start + k) | 32)) return false;
  return true;
}

/** The words of `text`, for a case whose party words are `partyKeys` (ids from 1). */
export function wordList(text: string, partyKeys: ReadonlyMap<string, number> = new Map()): WordList {
  return new WordReader(partyKeys).read(text);
}

function grown<T extends Int32Array | Uint8Array>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}
