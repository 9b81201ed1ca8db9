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
import { caseOfWord, isLetter, keyOf, wordAt, type Word } from './tokens.js';

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
 * A word is a run of letters, with apostrophes inside it ("O'Brien",
 * "Lopez's"); hyphens and other punctuation separate words, so
 * "Lopez-Hernandez" is two. One linear scan by character code.
 *
 * Looking a word up means cutting it out (a new string), finding its case
 * and key (folding diacritics when it is not plain ASCII) and probing a
 * table of 170,000 words. Letters, and hostile texts even more, repeat their
 * words, so on a long text each word is first looked for in a small cache of
 * recent words, compared character by character with the text: a word seen
 * before costs neither a string nor a probe.
 */
export class WordReader {
  private readonly vocab = vocabularyFlags();
  private cacheWord: (string | undefined)[] | null = null;
  private cacheCase: Uint8Array | null = null;
  private cacheFlags: Int32Array | null = null;
  private cacheParty: Int32Array | null = null;

  /**
   * @param partyKeys the words of the case's parties, each with its id from 1
   * @param cacheFrom texts at least this long are read through the cache (tests compare with none)
   */
  constructor(
    private readonly partyKeys: ReadonlyMap<string, number> = new Map(),
    private readonly cacheFrom = CACHE_FROM_LENGTH,
  ) {}

  /** The words of `text` with their case, bits and party ids. */
  read(text: string): WordList {
    const useCache = text.length >= this.cacheFrom;
    if (useCache && !this.cacheWord) {
      this.cacheWord = new Array<string | undefined>(CACHE_SIZE).fill(undefined);
      this.cacheCase = new Uint8Array(CACHE_SIZE);
      this.cacheFlags = new Int32Array(CACHE_SIZE);
      this.cacheParty = new Int32Array(CACHE_SIZE);
    }
    const cacheWord = useCache ? this.cacheWord! : null;
    const cacheCase = this.cacheCase!;
    const cacheFlags = this.cacheFlags!;
    const cacheParty = this.cacheParty!;
    // Letters hold about one word in six characters, hostile texts up to one in two; room for one in
    // four, and a text with more words grows the arrays (doubling).
    let capacity = Math.max(16, text.length >> 2);
    let start = new Int32Array(capacity);
    let end = new Int32Array(capacity);
    let wordCase = new Uint8Array(capacity);
    let flags = new Int32Array(capacity);
    let party = new Int32Array(capacity);
    let count = 0;
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (!isLetter(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const s = i;
      let ascii = true;
      let h = 0;
      for (;;) {
        while (i < n) {
          const d = text.charCodeAt(i);
          if (!isLetter(d)) break;
          if (d >= 128) ascii = false;
          h = (Math.imul(h, 31) + d) | 0;
          i++;
        }
        // An apostrophe between letters stays inside the word.
        const a = text.charCodeAt(i);
        if ((a === 39 || a === 0x2019) && i + 1 < n && isLetter(text.charCodeAt(i + 1))) {
          ascii = false;
          h = (Math.imul(h, 31) + a) | 0;
          i++;
          continue;
        }
        break;
      }
      if (count === capacity) {
        capacity *= 2;
        start = grown(start, capacity);
        end = grown(end, capacity);
        wordCase = grown(wordCase, capacity);
        flags = grown(flags, capacity);
        party = grown(party, capacity);
      }
      start[count] = s;
      end[count] = i;
      let slot = -1;
      if (cacheWord) {
        slot = (h ^ (h >>> 13)) & (CACHE_SIZE - 1);
        const cached = cacheWord[slot];
        if (cached !== undefined && sameText(cached, text, s, i)) {
          wordCase[count] = cacheCase[slot]!;
          flags[count] = cacheFlags[slot]!;
          party[count] = cacheParty[slot]!;
          count++;
          continue;
        }
      }
      const word = text.slice(s, i);
      const wc = caseOfWord(word, ascii);
      const key = keyOf(word, ascii);
      const length = key.length;
      const f = (this.vocab.get(key) ?? 0) | (length < 2 ? KEY_SHORT : 0) | (length <= 4 ? KEY_UP_TO_4 : 0);
      const id = this.partyKeys.size > 0 ? (this.partyKeys.get(key) ?? 0) : 0;
      wordCase[count] = wc;
      flags[count] = f;
      party[count] = id;
      count++;
      if (slot >= 0) {
        cacheWord![slot] = word;
        cacheCase[slot] = wc;
        cacheFlags[slot] = f;
        cacheParty[slot] = id;
      }
    }
    return { text, length: count, start, end, wordCase, flags, party };
  }
}

/** Whether `word` is text[start, end). */
function sameText(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}

/**
 * The words of `text` as objects, with their keys: for short texts such as
 * a party's name (a whole text is read as a `WordList`).
 */
export function words(text: string): Word[] {
  const list = new WordReader().read(text);
  const out: Word[] = [];
  for (let k = 0; k < list.length; k++) out.push(wordAt(text, list.start[k]!, list.end[k]!));
  return out;
}

function grown<T extends Int32Array | Uint8Array>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}
