import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCaseText } from '../src/clinical/case-text.js';
import type { ClinicalFactId } from '../src/clinical/findings.js';
import { parseLetterText } from '../src/letters/index.js';

const ROOT = join(import.meta.dirname, '..');
const FACTS = join(ROOT, 'test', 'fixtures', 'facts');

/** One labelled fact of a sentence. */
export interface LabelledFact {
  type: ClinicalFactId;
  polarity: 'affirmed' | 'negated' | 'uncertain' | 'hypothetical';
  region: string | null;
  side: string | null;
  kind: string;
}

/** A labelled sentence: its letter, its offsets into the letter's parsed clinical summary, its words and its facts. */
export interface LabelledSentence {
  letter: string;
  start: number;
  end: number;
  sentence: string;
  facts: LabelledFact[];
  /** Labelled after the extractor's patterns were last changed (labels-heldout.txt): text it was not tuned on. */
  heldOut?: boolean;
}

/** The labelled sentences (test/fixtures/facts/labelled-facts.json, built from labels.txt). */
export function labelledSentences(): LabelledSentence[] {
  return JSON.parse(readFileSync(join(FACTS, 'labelled-facts.json'), 'utf8'));
}

/** The fact types every labelled sentence was labelled for (the TYPES line of labels.txt). */
export function labelledTypes(): ClinicalFactId[] {
  const line = readFileSync(join(FACTS, 'labels.txt'), 'utf8').split('\n').find((l) => l.startsWith('# TYPES '));
  return line!.slice('# TYPES '.length).trim().split(/\s+/) as ClinicalFactId[];
}

/** Precision and recall of one fact type (or overall), counted by (sentence, type, polarity). */
export interface TypeScore {
  type: string;
  labelled: number;
  extracted: number;
  correct: number;
  precision: number;
  recall: number;
  /** Of the correct facts with a labelled region: how many the extractor placed in exactly that region. */
  regionAgreement: number | null;
  /** Of the correct facts: how many the extractor gave the labelled kind of statement (examination, complaint, ...). */
  kindAgreement: number | null;
}

const ratio = (a: number, b: number) => (b ? a / b : 1);

/**
 * Scores the fact extractor against the labelled sentences. A unit is a
 * (sentence, fact type, polarity) triple: the extractor is right when it
 * reads a labelled fact with the labelled polarity in that sentence, and
 * wrong for any other triple it reads there (facts in UR's own statements
 * are not clinical facts and are left out, as the engine leaves them out).
 */
export function scoreFactExtraction(which: 'all' | 'tuned' | 'held-out' = 'all'): { overall: TypeScore; byType: TypeScore[] } {
  const types = new Set(labelledTypes());
  const sentences = labelledSentences().filter((s) => which === 'all' || (which === 'held-out') === !!s.heldOut);
  const byLetter = new Map<string, LabelledSentence[]>();
  for (const s of sentences) byLetter.set(s.letter, [...(byLetter.get(s.letter) ?? []), s]);
  const counts = new Map<string, { labelled: number; extracted: number; correct: number; regionAsked: number; regionOk: number; kindOk: number }>();
  const count = (t: string) => {
    let c = counts.get(t);
    if (!c) counts.set(t, (c = { labelled: 0, extracted: 0, correct: 0, regionAsked: 0, regionOk: 0, kindOk: 0 }));
    return c;
  };
  for (const [letter, labelled] of byLetter) {
    const d = parseLetterText(readFileSync(join(ROOT, letter), 'utf8'), letter);
    const text = analyzeCaseText(d.clinicalSummary, { referenceDate: d.dates.urDenial });
    const facts = text.allFacts().filter((f) => types.has(f.type) && f.kind !== 'ur-statement');
    for (const s of labelled) {
      if (d.clinicalSummary.slice(s.start, s.end) !== s.sentence) throw new Error(`${letter}: the labelled sentence at ${s.start} is not in the summary`);
      const here = facts.filter((f) => f.start >= s.start && f.start < s.end);
      const extracted = new Map<string, (typeof here)[number]>();
      for (const f of here) if (!extracted.has(`${f.type}|${f.polarity}`)) extracted.set(`${f.type}|${f.polarity}`, f);
      const gold = new Map(s.facts.map((f) => [`${f.type}|${f.polarity}`, f]));
      for (const [key, g] of gold) {
        const c = count(g.type);
        c.labelled++;
        const e = extracted.get(key);
        if (e) {
          c.correct++;
          if (e.kind === g.kind) c.kindOk++;
          if (g.region) {
            c.regionAsked++;
            if (e.region === g.region) c.regionOk++;
          }
        }
      }
      for (const key of extracted.keys()) count(key.split('|')[0]!).extracted++;
    }
  }
  const score = (type: string, c: { labelled: number; extracted: number; correct: number; regionAsked: number; regionOk: number; kindOk: number }): TypeScore => ({
    type,
    labelled: c.labelled,
    extracted: c.extracted,
    correct: c.correct,
    precision: ratio(c.correct, c.extracted),
    recall: ratio(c.correct, c.labelled),
    regionAgreement: c.regionAsked ? c.regionOk / c.regionAsked : null,
    kindAgreement: c.correct ? c.kindOk / c.correct : null,
  });
  const byType = [...counts].map(([t, c]) => score(t, c)).sort((a, b) => a.type.localeCompare(b.type));
  const total = [...counts.values()].reduce((a, c) => ({ labelled: a.labelled + c.labelled, extracted: a.extracted + c.extracted, correct: a.correct + c.correct, regionAsked: a.regionAsked + c.regionAsked, regionOk: a.regionOk + c.regionOk, kindOk: a.kindOk + c.kindOk }), { labelled: 0, extracted: 0, correct: 0, regionAsked: 0, regionOk: 0, kindOk: 0 });
  return { overall: score('overall', total), byType };
}
