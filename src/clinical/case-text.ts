import type { DrugClass } from '../domain/index.js';
import { DRUG_PATTERN, drugEntry } from './treatments/drug-lexicon.js';
import { daysBetween } from '../domain/primitives/index.js';
import { findDates } from './dates.js';
import { LONG_TERM, findDurations } from './durations.js';
import { CONCEPTS, type ClinicalFactId, type Concept } from './findings.js';
import { conceptFacts, factCounts, sentenceAt, sentenceContext, type ClinicalFact, type FactFilter, type SentenceContext } from './clinical-facts.js';
import type { FactKind } from './fact-context.js';
import { polarityOf, type Polarity } from './negation.js';
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
  polarity: Polarity;
}

/** Findings by fact id (for a request's regions and side when a filter is given), each computed on first use and kept. */
export interface Findings {
  get(id: ClinicalFactId, filter?: FactFilter): Finding;
}

/** The analysed clinical summary. */
export interface CaseText {
  /** A concept read only in the sentences at the given indexes (e.g. those naming a drug). */
  findingIn(id: ClinicalFactId, sentenceIndexes: ReadonlySet<number>): Finding;
  text: string;
  sentences: Sentence[];
  /** The kind of statement each sentence is (UR's words, a plan, an examination, ...). */
  kinds: FactKind[];
  /** Every mention of one concept as a fact, computed on first use. */
  facts(id: ClinicalFactId): ClinicalFact[];
  /** Every fact of every concept, in text order. */
  allFacts(): ClinicalFact[];
  /** Computed lazily: a case whose items need five facts pays for five. */
  findings: Findings;
  drugs: DrugInText[];
}

/** Complaints that persist: with conservative care documented, what reviewers read as failed conservative care. */
const PERSISTENT = /\b(?:persistent|persists|continu(?:es|ed|ing) to (?:have|complain|report|experience)|continued|ongoing|still (?:has|had|having|reports?|complains?)|unchanged|worsening|worsened|no (?:significant )?(?:improvement|change))\b[^.]{0,60}\b(?:pain|symptoms|complaints|stiffness|numbness)\b/i;
/** Therapy that helped: the records then show benefit, not failure. */
const THERAPY_BENEFIT = /\b(?:physical therapy|therapy|PT|sessions?|visits?|chiropractic|acupuncture|treatments?)\b[^.]{0,80}\b(?:improv\w*|benefit\w*|help(?:ed|ing|ful)|relief|progress(?:ing|ed)|better|gains?)\b|\b(?:improv\w*|benefit\w*|help(?:ed|ing|ful)|relief|progress(?:ing|ed)|gains?)\b[^.]{0,60}\b(?:physical therapy|therapy|PT|sessions|visits|chiropractic|acupuncture)\b/i;

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

/**
 * A concept's finding from its facts: `present` with the sentences of the
 * facts that count (affirmed; for concepts about plans, planned too),
 * `absent` with the sentences of negated ones, else `unknown`.
 */
function findingOf(concept: Concept, facts: readonly ClinicalFact[], sentences: Sentence[], filter?: FactFilter): Finding {
  const affirmed = new Set<number>();
  const negated = new Set<number>();
  for (const f of facts) {
    if (!factCounts(concept, f, filter)) continue;
    if (f.polarity === 'affirmed' || (concept.plansCount && f.polarity === 'hypothetical')) affirmed.add(f.sentence);
    else if (f.polarity === 'negated') negated.add(f.sentence);
  }
  const order = (set: Set<number>) => [...set].sort((a, b) => a - b).map((i) => span(sentences[i]!));
  if (affirmed.size) {
    const evidence = order(affirmed);
    let value: number | undefined;
    if (THERAPY_FACTS.has(concept.id)) {
      for (const a of evidence) {
        const n = sessionsIn(a.text);
        if (n !== undefined) value = Math.max(value ?? 0, n);
      }
    }
    return value === undefined ? { status: 'present', evidence } : { status: 'present', evidence, value };
  }
  const neg = [...negated].filter((i) => !affirmed.has(i));
  if (neg.length) return { status: 'absent', evidence: neg.sort((a, b) => a - b).map((i) => span(sentences[i]!)) };
  return { status: 'unknown', evidence: [] };
}

/** The first sentence with an affirmed match of `re` outside UR's statements and plans, scanning the text once. */
function firstAffirmed(ctx: SentenceContext, re: RegExp): Sentence | undefined {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  const { text, sentences } = ctx;
  for (let m = g.exec(text); m; m = g.exec(text)) {
    const i = sentenceAt(sentences, m.index);
    if (i < 0) continue;
    const kind = ctx.kindOf(i);
    if (kind === 'ur-statement' || kind === 'plan') continue;
    const s = sentences[i]!;
    const from = m.index - s.start;
    if (polarityOf(s.text, from, Math.min(s.text.length, from + m[0].length), { postNegation: false }) === 'affirmed') return s;
  }
  return undefined;
}

/**
 * Benefit from therapy, and failed conservative care read the way reviewers
 * read it: conservative treatment documented and the complaints persisting,
 * without documented benefit, is a failure of conservative care even when no
 * sentence says "failed".
 */
function derivedFinding(id: ClinicalFactId, findings: Findings, ctx: SentenceContext, direct: () => Finding): Finding {
  if (id === 'therapy-benefit') {
    const benefit = firstAffirmed(ctx, THERAPY_BENEFIT);
    return benefit ? { status: 'present', evidence: [span(benefit)] } : { status: 'unknown', evidence: [] };
  }
  const stated = direct();
  if (id !== 'failed-conservative-care' || stated.status !== 'unknown' || findings.get('therapy-benefit').status === 'present') return stated;
  const tried = (['prior-physical-therapy', 'prior-chiropractic', 'prior-acupuncture'] as const).map((t) => findings.get(t)).find((f) => f.status === 'present');
  const persistent = tried && firstAffirmed(ctx, PERSISTENT);
  return tried && persistent ? { status: 'present', evidence: [tried.evidence[0]!, span(persistent)] } : stated;
}

const CONCEPT_BY_ID = new Map(CONCEPTS.map((c) => [c.id, c]));
const NO_FINDING: Finding = { status: 'unknown', evidence: [] };

/** Options of `analyzeCaseText`. */
export interface AnalyzeOptions {
  /** ISO date the requests are judged at: facts dated after it are later notes, not the record the request rested on. */
  referenceDate?: string | null;
}

/**
 * Reads a clinical summary into sentences, clinical facts (each with its
 * polarity, kind, region, side and time), findings with their evidence
 * sentences, and the drugs it names. Pure and deterministic; the offsets in
 * every span index into `text`.
 */
export function analyzeCaseText(text: string, options: AnalyzeOptions = {}): CaseText {
  const sentences = splitSentences(text);
  const ctx = sentenceContext(text, sentences, options.referenceDate ?? null);
  const factMemo = new Map<ClinicalFactId, ClinicalFact[]>();
  const factsOf = (id: ClinicalFactId): ClinicalFact[] => {
    let f = factMemo.get(id);
    if (!f) {
      const concept = CONCEPT_BY_ID.get(id);
      f = concept ? conceptFacts(concept, ctx) : [];
      factMemo.set(id, f);
    }
    return f;
  };
  const memo = new Map<string, Finding>();
  const findings: Findings = {
    get(id, filter) {
      const key = filter?.regions?.length ? `${id}|${filter.regions.join(',')}|${filter.side ?? ''}` : id;
      let f = memo.get(key);
      if (!f) {
        const concept = CONCEPT_BY_ID.get(id);
        f = derivedFinding(id, findings, ctx, () => (concept ? findingOf(concept, factsOf(id), sentences, filter) : NO_FINDING));
        memo.set(key, f);
      }
      return f;
    },
  };
  const drugs: DrugInText[] = [];
  DRUG_PATTERN.lastIndex = 0;
  for (let m = DRUG_PATTERN.exec(text); m; m = DRUG_PATTERN.exec(text)) {
    const e = drugEntry(m[1]!);
    const i = sentenceAt(sentences, m.index);
    if (!e || i < 0) continue;
    const s = sentences[i]!;
    const from = m.index - s.start;
    // UR's words and the request name a drug asked for, not one taken.
    const polarity: Polarity = ctx.kindOf(i) === 'ur-statement' ? 'hypothetical' : polarityOf(s.text, from, from + m[0].length, { postNegation: false });
    drugs.push({ generic: e.generic, drugClass: e.drugClass, sentence: s, polarity });
  }
  const findingIn = (id: ClinicalFactId, only: ReadonlySet<number>): Finding => {
    const concept = CONCEPT_BY_ID.get(id);
    return concept ? findingOf(concept, conceptFacts(concept, ctx, only), sentences) : NO_FINDING;
  };
  const allFacts = () => CONCEPTS.flatMap((c) => factsOf(c.id)).sort((a, b) => a.start - b.start || a.type.localeCompare(b.type));
  let kinds: FactKind[] | undefined;
  return {
    text,
    sentences,
    get kinds() {
      return (kinds ??= sentences.map((_, i) => ctx.kindOf(i)));
    },
    findings,
    drugs,
    findingIn,
    facts: factsOf,
    allFacts,
  };
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
  /** Indexes of the sentences that name the drug (affirmed). */
  sentenceIndexes: Set<number>;
  /** Sentences saying the drug was not taken ("Pregabalin has not been tried"), when none says it was. */
  notTaken: TextSpan[];
}

/** Sentences about medication in general ("with medications her pain is 4/10"). */
const MEDICATION_WORDS = /\bmedications?\b|\bmeds\b|\bregimen\b|\bpain relievers?\b/i;

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
    for (const d of findDates(s.text, { monthOnly: true, reference: referenceDate })) if (!since || d.iso < since) since = d.iso;
    for (const d of findDurations(s.text)) days = Math.max(days ?? 0, d.days);
  }
  if (since && referenceDate) {
    const fromDate = daysBetween(since, referenceDate);
    if (fromDate > 0) days = Math.max(days ?? 0, fromDate);
  }
  const sentenceIndexes = new Set(sentences.map((s) => caseText.sentences.indexOf(s)));
  caseText.sentences.forEach((s, i) => {
    if (MEDICATION_WORDS.test(s.text)) sentenceIndexes.add(i);
  });
  const negated = sentences.length ? [] : caseText.drugs.filter((d) => d.polarity === 'negated' && (byClass ? d.drugClass === byClass : d.generic.some((g) => wanted.has(g))));
  const notTaken = [...new Map(negated.map((h) => [h.sentence.start, span(h.sentence)])).values()];
  return { inUse: sentences.length > 0, since, daysOfUse: days, longTermWords, evidence: sentences.map(span), sentenceIndexes, notTaken };
}
