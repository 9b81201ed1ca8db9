import type { DrugClass } from '../domain/index.js';
import { DRUG_PATTERN, drugEntry } from './drug-lexicon.js';
import { LONG_TERM, daysBetween, findDates, findDurations } from './durations.js';
import { CONCEPTS, type ClinicalFactId, type Concept } from './findings.js';
import { polarityOf } from './negation.js';
import { splitSentences, type Sentence } from './sentences.js';

/** A span of the analysed text that supports a finding. */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * What the text says about one clinical fact: `present` (an affirmed
 * mention), `absent` (only negated mentions, or a finding that documents its
 * absence), or `unknown` (not mentioned, or only as a plan or possibility).
 */
export interface Finding {
  status: 'present' | 'absent' | 'unknown';
  evidence: TextSpan[];
  /** A number read with the finding (sessions already attended). */
  value?: number;
}

/** A drug named in the text, with the sentence it is in. */
export interface DrugInText {
  generic: string[];
  drugClass: DrugClass;
  sentence: Sentence;
  polarity: 'affirmed' | 'negated' | 'uncertain';
}

/** The analysed clinical summary. */
export interface CaseText {
  text: string;
  sentences: Sentence[];
  findings: ReadonlyMap<ClinicalFactId, Finding>;
  drugs: DrugInText[];
}

/** Sentences about the dispute itself (the request and UR's action) say what was asked for, not what happened. */
const DISPUTE_SENTENCE = /\butilization review\b|\bUR\b|\brequest(?:ed|s)? for authorization\b|\bRFA\b|\bnon-?certif\w*|\bIMR\b|\bindependent medical review\b/i;

const SESSION_COUNT = /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty(?:-four)?)\s+(?:(?:of|out of)\s+\d{1,2}\s+)?(?:\w+\s+){0,3}?(?:sessions?|visits?|treatments?)\b/gi;
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, eighteen: 18, twenty: 20, 'twenty-four': 24 };
const THERAPY_FACTS = new Set<ClinicalFactId>(['prior-physical-therapy', 'prior-chiropractic', 'prior-acupuncture']);

function span(s: Sentence): TextSpan {
  return { start: s.start, end: s.end, text: s.text };
}

/** Sessions already attended, read from a sentence that mentions a therapy ("completed 6 of 6 visits", "8 prior therapy sessions"). */
function sessionsIn(sentence: string): number | undefined {
  let best: number | undefined;
  SESSION_COUNT.lastIndex = 0;
  for (let m = SESSION_COUNT.exec(sentence); m; m = SESSION_COUNT.exec(sentence)) {
    const n = /^\d/.test(m[1]!) ? Number(m[1]) : WORDS[m[1]!.toLowerCase()];
    if (n !== undefined && (best === undefined || n > best)) best = n;
  }
  return best;
}

function analyzeConcept(concept: Concept, sentences: Sentence[]): Finding {
  const affirmed: TextSpan[] = [];
  const negated: TextSpan[] = [];
  let value: number | undefined;
  for (const s of sentences) {
    const dispute = DISPUTE_SENTENCE.test(s.text);
    let matched = false;
    for (const re of concept.mentions) {
      const m = re.exec(s.text);
      if (!m) continue;
      matched = true;
      const polarity = polarityOf(s.text, m.index, m.index + m[0].length, { postNegation: concept.postNegation ?? true });
      if (polarity === 'negated') negated.push(span(s));
      else if ((polarity === 'affirmed' && !dispute) || (concept.plansCount && polarity === 'uncertain')) {
        affirmed.push(span(s));
        if (THERAPY_FACTS.has(concept.id)) {
          const n = sessionsIn(s.text);
          if (n !== undefined) value = Math.max(value ?? 0, n);
        }
      }
      break;
    }
    if (!matched && concept.absent) {
      for (const re of concept.absent) {
        const m = re.exec(s.text);
        if (m && polarityOf(s.text, m.index, m.index + m[0].length, { postNegation: false }) === 'affirmed') {
          negated.push(span(s));
          break;
        }
      }
    }
  }
  if (affirmed.length) return value === undefined ? { status: 'present', evidence: affirmed } : { status: 'present', evidence: affirmed, value };
  if (negated.length) return { status: 'absent', evidence: negated };
  return { status: 'unknown', evidence: [] };
}

/**
 * Reads a clinical summary into sentences, clinical findings with their
 * evidence sentences, and the drugs it names. Pure and deterministic; the
 * offsets in every span index into `text`.
 */
export function analyzeCaseText(text: string): CaseText {
  const sentences = splitSentences(text);
  const findings = new Map<ClinicalFactId, Finding>();
  for (const c of CONCEPTS) findings.set(c.id, analyzeConcept(c, sentences));
  const drugs: DrugInText[] = [];
  for (const s of sentences) {
    DRUG_PATTERN.lastIndex = 0;
    for (let m = DRUG_PATTERN.exec(s.text); m; m = DRUG_PATTERN.exec(s.text)) {
      const e = drugEntry(m[1]!);
      if (!e) continue;
      const polarity = DISPUTE_SENTENCE.test(s.text) ? 'uncertain' : polarityOf(s.text, m.index, m.index + m[0].length, { postNegation: false });
      drugs.push({ generic: e.generic, drugClass: e.drugClass, sentence: s, polarity });
    }
  }
  return { text, sentences, findings, drugs };
}

/** What the text says about the use of one drug before the request. */
export interface DrugHistory {
  /** Named as taken or prescribed (not only in the request or UR's action). */
  inUse: boolean;
  /** Earliest date the drug is mentioned with, when any. */
  since: string | null;
  /** Days of use before `referenceDate`, from a stated date or duration; null when unknown. */
  daysOfUse: number | null;
  /** Words saying the use is long-term or continuing ("has been taking", "refill"). */
  longTermWords: boolean;
  evidence: TextSpan[];
}

/**
 * The history of a drug (by any of its generic names, or its class when
 * `byClass`) in the analysed text: whether it is already being taken, since
 * when, and for how long before `referenceDate` (ISO; the request or UR date).
 */
export function drugHistory(caseText: CaseText, generic: readonly string[], referenceDate: string | null, byClass?: DrugClass): DrugHistory {
  const wanted = new Set(generic);
  const hits = caseText.drugs.filter((d) => d.polarity === 'affirmed' && (byClass ? d.drugClass === byClass : d.generic.some((g) => wanted.has(g))));
  const sentences = [...new Map(hits.map((h) => [h.sentence.start, h.sentence])).values()];
  let since: string | null = null;
  let days: number | null = null;
  let longTermWords = false;
  for (const s of sentences) {
    if (LONG_TERM.test(s.text)) longTermWords = true;
    for (const d of findDates(s.text)) if (!since || d.iso < since) since = d.iso;
    for (const d of findDurations(s.text)) days = Math.max(days ?? 0, d.days);
  }
  if (since && referenceDate) {
    const fromDate = daysBetween(since, referenceDate);
    if (fromDate > 0) days = Math.max(days ?? 0, fromDate);
  }
  return { inUse: sentences.length > 0, since, daysOfUse: days, longTermWords, evidence: sentences.map(span) };
}
