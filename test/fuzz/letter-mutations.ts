/**
 * Mutated real letters for the fuzzers. A case is a small description (which
 * letter, which mutations with which positions), so that a failure prints
 * something a person can read and replay; `applyMutations` makes the text.
 * Positions are arbitrary naturals taken modulo the text's current length.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DWC_PDF } from '../sample-letters.js';

export { realLetterTexts } from '../sample-letters.js';

/** The published PDFs (encrypted with the empty password, as published). */
export function realLetterPdfs(): { name: string; bytes: Uint8Array }[] {
  const dir = DWC_PDF;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(dir, f))) }));
}

/** Words and lines the parser keys on: inserting or replacing them steers mutations into its branches. */
export const KEYWORDS = [
  ': Upheld',
  ': Overturned',
  'Upheld',
  'Overturned',
  'IMR ISSUES, DECISIONS AND RATIONALES',
  'CLINICAL CASE SUMMARY',
  'HOW THE IMR FINAL DETERMINATION WAS MADE',
  'MEDICAL REVIEWER QUALIFICATIONS',
  'DOCUMENTS REVIEWED',
  'ISSUE AT DISPUTE',
  'Claims Administrator guideline:',
  'MAXIMUS guideline:',
  'Decision rationale:',
  'Decision based on MTUS Chronic Pain Medical Treatment Guidelines Page(s): 63-66',
  'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG)',
  'Page(s): 1-99999999',
  'Case Number: CM99-9999999',
  'Date of UR Decision: 13/45/2016',
  'Date Assigned: 02/30/2017',
  'Date of Injury: 00/00/0000',
  '1. Baclofen 10mg #60 is not medically necessary and appropriate.',
  'was the original request. Norco 10/325 #25 was authorized by the Claims Administrator.',
  'He is a 999999999999999999999-year-old male',
  'Board Certified in Orthopaedic Surgery, licensed in California',
  'Norco 10/325mg #9999999999999999999999 with 1.5 refills, q0h',
  '<script>alert(1)</script>',
  '<b>Case Number:</b>',
  '</td><td>',
  '&#0; &#x110000; &amp;&lt;',
  '**',
  '## ',
  '\u0000',
  '\ufeff',
  '\ud800',
  '\u202e',
  '\r\n',
  '\f',
  '\t\t',
  'a'.repeat(300),
  ':'.repeat(200),
  '('.repeat(200),
];

export type Mutation =
  | { op: 'delete-chars'; at: number; len: number }
  | { op: 'delete-lines'; at: number; count: number }
  | { op: 'duplicate-lines'; at: number; count: number; times: number }
  | { op: 'swap-lines'; a: number; b: number; count: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'replace-keyword'; keyword: number; text: string }
  | { op: 'repeat-line'; at: number; times: number }
  | { op: 'repeat-chars'; at: number; len: number; times: number }
  | { op: 'delete-section'; heading: number }
  | { op: 'duplicate-section'; heading: number; times: number }
  | { op: 'join-lines' }
  | { op: 'change-chars'; at: number; chars: string };

/** Random text: any code unit (lone surrogates, NUL, controls), full graphemes, or parser keywords. */
const noise = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(...KEYWORDS),
  fc.array(fc.constantFrom(...KEYWORDS), { maxLength: 6 }).map((k) => k.join('\n')),
);

const SECTION_HEADINGS = [/^IMR ISSUES|^IMR DECISION|^DETERMINATION AND/im, /^CLINICAL CASE SUMMARY|^CASE SUMMARY/im, /^HOW THE/im, /^MEDICAL REVIEWER|^Medical Qualifications/im, /^DOCUMENTS REVIEWED/im, /^ISSUES? AT DISPUTE/im];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete-chars' as const), at: fc.nat(), len: fc.nat({ max: 4000 }) }),
  fc.record({ op: fc.constant('delete-lines' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ op: fc.constant('duplicate-lines' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 40 }), times: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat(), count: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: noise }),
  fc.record({ op: fc.constant('replace-keyword' as const), keyword: fc.nat({ max: KEYWORDS.length - 1 }), text: noise }),
  // Huge repetitions: a line thousands of times, or a run of characters inside one line.
  fc.record({ op: fc.constant('repeat-line' as const), at: fc.nat(), times: fc.integer({ min: 100, max: 20_000 }) }),
  fc.record({ op: fc.constant('repeat-chars' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }), times: fc.integer({ min: 100, max: 50_000 }) }),
  fc.record({ op: fc.constant('delete-section' as const), heading: fc.nat({ max: SECTION_HEADINGS.length - 1 }) }),
  fc.record({ op: fc.constant('duplicate-section' as const), heading: fc.nat({ max: SECTION_HEADINGS.length - 1 }), times: fc.integer({ min: 1, max: 50 }) }),
  fc.constant({ op: 'join-lines' as const }),
  fc.record({ op: fc.constant('change-chars' as const), at: fc.nat(), chars: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }) }),
);

/**
 * Bounds the text a mutation may make: large enough that a parser quadratic
 * in a line's or the letter's length takes far longer than the time bound,
 * small enough that a few hundred cases run in seconds.
 */
const MAX_CHARS = 2 * 1024 * 1024;

function sectionSpan(text: string, heading: number): [number, number] | null {
  const m = SECTION_HEADINGS[heading]!.exec(text);
  if (!m) return null;
  // To the next heading of any kind, or the end.
  let end = text.length;
  for (const re of SECTION_HEADINGS) {
    const next = new RegExp(re.source, 'gim');
    next.lastIndex = m.index + m[0].length;
    const n = next.exec(text);
    if (n && n.index < end) end = n.index;
  }
  return [m.index, end];
}

/** At most `times` copies of `unit`, and never more than fit in MAX_CHARS. */
function copies(times: number, unit: number): number {
  return Math.max(0, Math.min(times, Math.floor(MAX_CHARS / Math.max(1, unit))));
}

function apply(text: string, m: Mutation): string {
  const pos = (n: number) => n % (text.length + 1);
  const lines = () => text.split('\n');
  switch (m.op) {
    case 'delete-chars': {
      const at = pos(m.at);
      return text.slice(0, at) + text.slice(at + m.len);
    }
    case 'delete-lines': {
      const ls = lines();
      ls.splice(m.at % ls.length, m.count);
      return ls.join('\n');
    }
    case 'duplicate-lines': {
      const ls = lines();
      const at = m.at % ls.length;
      const block = ls.slice(at, at + m.count);
      const times = copies(m.times, block.reduce((n, l) => n + l.length + 1, 0));
      ls.splice(at, 0, ...Array.from({ length: times }, () => block).flat());
      return ls.join('\n');
    }
    case 'swap-lines': {
      const ls = lines();
      const a = m.a % ls.length;
      const b = m.b % ls.length;
      const [lo, hi] = a < b ? [a, b] : [b, a];
      const first = ls.slice(lo, Math.min(lo + m.count, hi));
      const second = ls.slice(hi, hi + m.count);
      return [...ls.slice(0, lo), ...second, ...ls.slice(lo + first.length, hi), ...first, ...ls.slice(hi + second.length)].join('\n');
    }
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'insert': {
      const at = pos(m.at);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'replace-keyword':
      return text.split(KEYWORDS[m.keyword]!).join(m.text);
    case 'repeat-line': {
      const ls = lines();
      const at = m.at % ls.length;
      const line = ls[at]!;
      const times = copies(m.times, line.length + 1);
      // Not splice(...): spreading tens of thousands of call arguments can overflow the stack.
      const repeated = Array.from({ length: times }, () => line);
      return [...ls.slice(0, at), ...repeated, ...ls.slice(at)].join('\n');
      return ls.join('\n');
    }
    case 'repeat-chars': {
      const at = pos(m.at);
      const unit = text.slice(at, at + m.len);
      return text.slice(0, at) + unit.repeat(copies(m.times, unit.length)) + text.slice(at);
    }
    case 'delete-section': {
      const span = sectionSpan(text, m.heading);
      return span ? text.slice(0, span[0]) + text.slice(span[1]) : text;
    }
    case 'duplicate-section': {
      const span = sectionSpan(text, m.heading);
      return span ? text.slice(0, span[1]) + text.slice(span[0], span[1]).repeat(copies(m.times, span[1] - span[0])) + text.slice(span[1]) : text;
    }
    case 'join-lines':
      return text.replace(/\s*\n\s*/g, ' ');
    case 'change-chars': {
      const at = pos(m.at);
      return text.slice(0, at) + m.chars + text.slice(at + m.chars.length);
    }
  }
}

/** Applies the mutations in order; a result past MAX_CHARS is cut there. */
export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    out = apply(out, m);
    if (out.length > MAX_CHARS) out = out.slice(0, MAX_CHARS);
  }
  return out;
}

/** A mutated real letter: which one, and up to five mutations. */
export interface MutatedLetter {
  letter: number;
  mutations: Mutation[];
}

export function mutatedLetterArb(letterCount: number): fc.Arbitrary<MutatedLetter> {
  return fc.record({ letter: fc.nat({ max: letterCount - 1 }), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 5 }) });
}

export type ByteMutation =
  | { op: 'flip'; at: number; value: number }
  | { op: 'truncate'; at: number }
  | { op: 'delete'; at: number; len: number }
  | { op: 'duplicate'; at: number; len: number }
  | { op: 'insert'; at: number; bytes: Uint8Array };

export const byteMutationArb: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), value: fc.nat({ max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
);

/** Applies byte mutations (to a copy). */
export function applyByteMutations(bytes: Uint8Array, mutations: readonly ByteMutation[]): Uint8Array {
  let b = bytes;
  for (const m of mutations) {
    const at = m.at % (b.length + 1);
    switch (m.op) {
      case 'flip':
        b = b.slice();
        if (at < b.length) b[at] = m.value;
        break;
      case 'truncate':
        b = b.slice(0, at);
        break;
      case 'delete':
        b = concat(b.subarray(0, at), b.subarray(at + m.len));
        break;
      case 'duplicate':
        b = concat(b.subarray(0, at + m.len), b.subarray(at, at + m.len), b.subarray(at + m.len));
        break;
      case 'insert':
        b = concat(b.subarray(0, at), m.bytes, b.subarray(at));
        break;
    }
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
