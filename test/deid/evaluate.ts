/**
 * Measures redaction as de-identification tools are measured: recall of
 * injected identifier tokens, per kind and overall, and how much of the
 * rest (clinical text) was wrongly removed, on the injection corpus and on
 * the real letters alone.
 */
import { redactDetermination, redactText } from '../../src/letters/deid/redact.js';
import { realLetterTexts } from '../sample-letters.js';
import { injectionCorpus, KINDS, type Kind } from './injection-corpus.js';

/** A word: letters and digits, with apostrophes inside ("O'Brien's"). */
const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

export interface KindScore {
  kind: Kind;
  tokens: number;
  removed: number;
  recall: number;
  /** Tokens left in, with their letter and field, for reading the misses. */
  missed: string[];
}

export interface DeidScores {
  letters: number;
  perKind: KindScore[];
  overall: { tokens: number; removed: number; recall: number };
  /** Words of the fields' own clinical text in the corpus (not the injected sentences), and how many were removed. */
  corpusOther: { words: number; removed: number; share: number; examples: string[] };
  /** The real letters as published, with no party known: every removal is a clinical or ordinary word lost. */
  realLetters: { words: number; removed: number; share: number; examples: string[] };
}

function covered(ranges: readonly { start: number; end: number }[], start: number, end: number): boolean {
  return ranges.some((r) => r.start <= start && r.end >= end);
}

/** Runs the redaction over the corpus and the real letters and scores it. */
export function evaluateDeid(): DeidScores {
  const corpus = injectionCorpus();
  const perKind = new Map<Kind, KindScore>(KINDS.map((k) => [k, { kind: k, tokens: 0, removed: 0, recall: 0, missed: [] }]));
  const other = { words: 0, removed: 0, share: 0, examples: [] as string[] };
  for (const letter of corpus) {
    const { report } = redactDetermination(letter.determination, letter.parties);
    const removedByField = new Map<string, { start: number; end: number }[]>();
    for (const r of report) removedByField.set(r.field!, [...(removedByField.get(r.field!) ?? []), r]);
    for (const [field, spans] of Object.entries(letter.spans)) {
      const text = fieldText(letter.determination, field);
      const removed = removedByField.get(field) ?? [];
      for (const m of text.matchAll(TOKEN)) {
        const start = m.index;
        const end = start + m[0].length;
        const span = spans.find((s) => s.start <= start && s.end >= end);
        const gone = covered(removed, start, end);
        if (span) {
          const score = perKind.get(span.kind)!;
          score.tokens++;
          if (gone) score.removed++;
          else if (score.missed.length < 50) score.missed.push(`${letter.name} ${field}: ${m[0]} in "${text.slice(span.start, span.end)}"`);
        } else if (start >= letter.base[field]!.start && end <= letter.base[field]!.end) {
          other.words++;
          if (gone) {
            other.removed++;
            if (other.examples.length < 50) other.examples.push(`${letter.name} ${field}: ${m[0]}`);
          }
        }
      }
    }
  }
  const kinds = [...perKind.values()].map((k) => ({ ...k, recall: k.tokens ? k.removed / k.tokens : 1 }));
  const tokens = kinds.reduce((a, k) => a + k.tokens, 0);
  const removed = kinds.reduce((a, k) => a + k.removed, 0);
  other.share = other.words ? other.removed / other.words : 0;
  return { letters: corpus.length, perKind: kinds, overall: { tokens, removed, recall: removed / tokens }, corpusOther: other, realLetters: realLetterLoss() };
}

function fieldText(det: unknown, path: string): string {
  let v: unknown = det;
  for (const k of path.split('.')) v = (v as Record<string, unknown>)[k];
  return v as string;
}

/** Words removed from the real letters, which the DWC published already de-identified. */
function realLetterLoss(): DeidScores['realLetters'] {
  let words = 0;
  let removed = 0;
  const examples: string[] = [];
  for (const { name, text } of realLetterTexts()) {
    words += (text.match(TOKEN) ?? []).length;
    for (const r of redactText(text).report) {
      removed += (r.original.match(TOKEN) ?? []).length;
      if (examples.length < 50) examples.push(`${name}: ${r.category} "${r.original}"`);
    }
  }
  return { words, removed, share: words ? removed / words : 0, examples };
}

/** The scores as a table. */
export function formatDeid(s: DeidScores): string {
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const lines = [`de-identification on the injection corpus (${s.letters} letters, identifiers injected in every text field)`, '', 'kind             tokens  removed  recall'];
  for (const k of s.perKind) lines.push(`${k.kind.padEnd(16)} ${String(k.tokens).padStart(6)}  ${String(k.removed).padStart(7)}  ${pct(k.recall).padStart(7)}`);
  lines.push(`${'overall'.padEnd(16)} ${String(s.overall.tokens).padStart(6)}  ${String(s.overall.removed).padStart(7)}  ${pct(s.overall.recall).padStart(7)}`);
  lines.push('');
  lines.push(`clinical words of the corpus removed (the fields' own text, parties known): ${s.corpusOther.removed} of ${s.corpusOther.words} (${pct(s.corpusOther.share)})`);
  lines.push(`words of the 70 real letters removed (no party known): ${s.realLetters.removed} of ${s.realLetters.words} (${pct(s.realLetters.share)})`);
  return lines.join('\n');
}
