import { findDates } from './dates.js';
import { regionFits, regionOf, sentenceKind, sideOf, timeOf, type FactKind, type FactTime, type Side } from './fact-context.js';
import type { ClinicalFactId, Concept } from './findings.js';
import { polarityOf, type Polarity } from './negation.js';
import type { Sentence } from './sentences.js';

/**
 * One clinical fact read from the records: what (`type`), how it stands
 * (`polarity`), what kind of statement says it, the body region and side it
 * is about, when it held relative to the request, and where it is (offsets of
 * the mention into the analysed text, and the index of its sentence).
 */
export interface ClinicalFact {
  type: ClinicalFactId;
  polarity: Polarity;
  kind: FactKind;
  region: string | null;
  side: Side | null;
  time: FactTime;
  /** Index of the sentence in the analysed text's sentences. */
  sentence: number;
  start: number;
  end: number;
  /** The words of the mention. */
  text: string;
}

/** The sentences of a text with what every fact needs to know about each. */
export interface SentenceContext {
  text: string;
  sentences: Sentence[];
  /** The kind of statement sentence `i` is, computed on first use. */
  kindOf(i: number): FactKind;
  /** ISO dates written in sentence `i`, computed on first use. */
  datesOf(i: number): string[];
  referenceDate: string | null;
}

/** Builds the per-sentence context once per text. */
export function sentenceContext(text: string, sentences: Sentence[], referenceDate: string | null): SentenceContext {
  // Computed per sentence on demand: a case whose items need a few facts reads a few sentences' kinds and dates.
  const kinds: (FactKind | undefined)[] = new Array(sentences.length);
  const dates: (string[] | undefined)[] = new Array(sentences.length);
  return {
    text,
    sentences,
    kindOf: (i) => (kinds[i] ??= sentenceKind(sentences[i]!.text)),
    datesOf: (i) => (dates[i] ??= findDates(sentences[i]!.text, { monthOnly: true }).map((d) => d.iso)),
    referenceDate,
  };
}

/** Global versions of the concept patterns, compiled once: each scans the whole text in one pass. */
const GLOBAL = new Map<RegExp, RegExp>();
function global(re: RegExp): RegExp {
  let g = GLOBAL.get(re);
  if (!g) {
    g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    GLOBAL.set(re, g);
  }
  g.lastIndex = 0;
  return g;
}

/** Index of the sentence containing offset `at` (sentences are sorted and disjoint). */
export function sentenceAt(sentences: Sentence[], at: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function fact(concept: Concept, ctx: SentenceContext, i: number, at: number, length: number, polarity: Polarity): ClinicalFact {
  const s = ctx.sentences[i]!;
  const from = at - s.start;
  const to = Math.min(s.text.length, from + length);
  const kind = ctx.kindOf(i);
  return {
    type: concept.id,
    polarity,
    kind,
    region: regionOf(s.text, from, to),
    side: sideOf(s.text, from, to),
    time: timeOf(kind, polarity, ctx.datesOf(i), ctx.referenceDate),
    sentence: i,
    start: at,
    end: s.start + to,
    text: s.text.slice(from, to),
  };
}

/**
 * Every mention of `concept` in the text as a fact: its mentions with their
 * polarity (a mention with a `context` needs that context, e.g. an imaging
 * study, earlier in its sentence, and its polarity is judged at the finding
 * itself, so "MRI ... without recurrent herniation" is a negated
 * herniation), and its `absent` patterns as negated facts. Sentences
 * outside `only`, when given, are skipped.
 */
export function conceptFacts(concept: Concept, ctx: SentenceContext, only?: ReadonlySet<number>): ClinicalFact[] {
  const out: ClinicalFact[] = [];
  const text = ctx.text;
  const seen = new Set<string>();
  const push = (f: ClinicalFact) => {
    const key = `${f.sentence}:${f.polarity}:${f.start}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(f);
    }
  };
  for (const re of concept.mentions) {
    const g = global(re);
    for (let m = g.exec(text); m; m = g.exec(text)) {
      if (m[0].length === 0) g.lastIndex++;
      const i = sentenceAt(ctx.sentences, m.index);
      if (i < 0 || (only && !only.has(i))) continue;
      const s = ctx.sentences[i]!;
      const from = m.index - s.start;
      if (concept.context && !concept.context.test(s.text.slice(0, from))) continue;
      const polarity = polarityOf(s.text, from, Math.min(s.text.length, from + m[0].length), { postNegation: concept.postNegation ?? true });
      push(fact(concept, ctx, i, m.index, m[0].length, polarity));
    }
  }
  for (const re of concept.absent ?? []) {
    const g = global(re);
    for (let m = g.exec(text); m; m = g.exec(text)) {
      const i = sentenceAt(ctx.sentences, m.index);
      if (i < 0 || (only && !only.has(i))) continue;
      const s = ctx.sentences[i]!;
      const from = m.index - s.start;
      // "Neurologically intact" documents the absence; "not neurologically intact" documents nothing certain.
      if (polarityOf(s.text, from, from + m[0].length, { postNegation: false }) === 'affirmed') push(fact(concept, ctx, i, m.index, m[0].length, 'negated'));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** What a criterion may rest on: the request's regions and side, when the item names them. */
export interface FactFilter {
  regions?: readonly string[];
  side?: Side | null;
}

/** Kinds of statement that may document a concept by default: never UR's words or a plan. */
const DEFAULT_KINDS: readonly FactKind[] = ['exam', 'complaint', 'history', 'imaging'];

/**
 * Whether `f` may document `concept` for a request: a statement of an allowed
 * kind (UR's own reasons and the request never are), not a later note, and,
 * for facts about a body part, of the request's region and side.
 */
export function factCounts(concept: Concept, f: ClinicalFact, filter: FactFilter = {}): boolean {
  const kinds = concept.kinds ?? DEFAULT_KINDS;
  const planned = f.kind === 'plan' || f.polarity === 'hypothetical';
  if (concept.plansCount) {
    if (f.kind === 'ur-statement' && f.polarity !== 'hypothetical' && f.polarity !== 'affirmed') return false;
  } else if (!kinds.includes(f.kind) || planned) return false;
  if (f.time === 'after-request' && f.polarity === 'affirmed') return false;
  if (concept.regional && filter.regions?.length) {
    if (!regionFits(f.region, filter.regions)) return false;
    if (filter.side && f.side && f.side !== 'bilateral' && filter.side !== 'bilateral' && f.side !== filter.side) return false;
  }
  return true;
}
