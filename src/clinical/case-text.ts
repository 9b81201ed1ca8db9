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

/** Findings by fact id, each computed on first use and kept. */
export interface Findings {
  get(id: ClinicalFactId): Finding;
}

/** The analysed clinical summary. */
export interface CaseText {
  /** A concept read only in the sentences at the given indexes (e.g. those naming a drug). */
  findingIn(id: ClinicalFactId, sentenceIndexes: ReadonlySet<number>): Finding;
  text: string;
  sentences: Sentence[];
  /** Computed lazily: a case whose items need five facts pays for five. */
  findings: Findings;
  drugs: DrugInText[];
}

/** Sentences about the dispute itself (the request and UR's action) say what was asked for, not what happened. */
const DISPUTE_SENTENCE = /\butilization review\b|\bUR\b|\bprior review\b|\breview(?:ed)?,? dated\b|\brequest(?:ed|s)? for authorization\b|\bRFA\b|\bnon-?certif\w*|\b(?:was|were) (?:denied|modified|certified)\b|\bIMR\b|\bindependent medical review\b/i;

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
function sentenceAt(sentences: Sentence[], at: number): number {
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

function analyzeConcept(concept: Concept, text: string, sentences: Sentence[], dispute: boolean[], only?: ReadonlySet<number>): Finding {
  // Per sentence: 2 affirmed, 1 negated (affirmed wins within a sentence).
  const verdict = new Map<number, number>();
  for (const re of concept.mentions) {
    const g = global(re);
    for (let m = g.exec(text); m; m = g.exec(text)) {
      if (m[0].length === 0) g.lastIndex++;
      const i = sentenceAt(sentences, m.index);
      if (i < 0 || verdict.get(i) === 2 || (dispute[i] && !concept.plansCount) || (only && !only.has(i))) continue;
      const s = sentences[i]!;
      const from = m.index - s.start;
      const polarity = polarityOf(s.text, from, Math.min(s.text.length, from + m[0].length), { postNegation: concept.postNegation ?? true });
      if (polarity === 'negated') verdict.set(i, Math.max(verdict.get(i) ?? 0, 1));
      else if ((polarity === 'affirmed' && !dispute[i]) || (concept.plansCount && polarity === 'uncertain')) verdict.set(i, 2);
      else if (!verdict.has(i)) verdict.set(i, 0);
    }
  }
  if (concept.absent) {
    for (const re of concept.absent) {
      const g = global(re);
      for (let m = g.exec(text); m; m = g.exec(text)) {
        const i = sentenceAt(sentences, m.index);
        if (i < 0 || verdict.has(i) || dispute[i] || (only && !only.has(i))) continue;
        const s = sentences[i]!;
        const from = m.index - s.start;
        if (polarityOf(s.text, from, from + m[0].length, { postNegation: false }) === 'affirmed') verdict.set(i, 1);
      }
    }
  }
  const order = [...verdict.keys()].sort((a, b) => a - b);
  const affirmed = order.filter((i) => verdict.get(i) === 2).map((i) => span(sentences[i]!));
  const negated = order.filter((i) => verdict.get(i) === 1).map((i) => span(sentences[i]!));
  if (affirmed.length) {
    let value: number | undefined;
    if (THERAPY_FACTS.has(concept.id)) {
      for (const a of affirmed) {
        const n = sessionsIn(a.text);
        if (n !== undefined) value = Math.max(value ?? 0, n);
      }
    }
    return value === undefined ? { status: 'present', evidence: affirmed } : { status: 'present', evidence: affirmed, value };
  }
  if (negated.length) return { status: 'absent', evidence: negated };
  return { status: 'unknown', evidence: [] };
}

/** The first sentence with an affirmed match of `re` outside the dispute sentences, scanning the text once. */
function firstAffirmed(text: string, sentences: Sentence[], dispute: boolean[], re: RegExp): Sentence | undefined {
  const g = global(re);
  for (let m = g.exec(text); m; m = g.exec(text)) {
    const i = sentenceAt(sentences, m.index);
    if (i < 0 || dispute[i]) continue;
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
/**
 * Benefit from therapy, and failed conservative care read the way reviewers
 * read it: conservative treatment documented and the complaints persisting,
 * without documented benefit, is a failure of conservative care even when no
 * sentence says "failed".
 */
function derivedFinding(id: ClinicalFactId, findings: Findings, text: string, sentences: Sentence[], dispute: boolean[], direct: () => Finding): Finding {
  if (id === 'therapy-benefit') {
    const benefit = firstAffirmed(text, sentences, dispute, THERAPY_BENEFIT);
    return benefit ? { status: 'present', evidence: [span(benefit)] } : { status: 'unknown', evidence: [] };
  }
  const stated = direct();
  if (id !== 'failed-conservative-care' || stated.status !== 'unknown' || findings.get('therapy-benefit').status === 'present') return stated;
  const tried = (['prior-physical-therapy', 'prior-chiropractic', 'prior-acupuncture'] as const).map((t) => findings.get(t)).find((f) => f.status === 'present');
  const persistent = tried && firstAffirmed(text, sentences, dispute, PERSISTENT);
  return tried && persistent ? { status: 'present', evidence: [tried.evidence[0]!, span(persistent)] } : stated;
}

const CONCEPT_BY_ID = new Map(CONCEPTS.map((c) => [c.id, c]));
const NO_FINDING: Finding = { status: 'unknown', evidence: [] };

/**
 * Reads a clinical summary into sentences, clinical findings with their
 * evidence sentences, and the drugs it names. Pure and deterministic; the
 * offsets in every span index into `text`.
 */
export function analyzeCaseText(text: string): CaseText {
  const sentences = splitSentences(text);
  const dispute = sentences.map((s) => DISPUTE_SENTENCE.test(s.text));
  const memo = new Map<ClinicalFactId, Finding>();
  const findings: Findings = {
    get(id) {
      let f = memo.get(id);
      if (!f) {
        const concept = CONCEPT_BY_ID.get(id);
        f = derivedFinding(id, findings, text, sentences, dispute, () => (concept ? analyzeConcept(concept, text, sentences, dispute) : NO_FINDING));
        memo.set(id, f);
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
    const polarity = dispute[i] ? 'uncertain' : polarityOf(s.text, from, from + m[0].length, { postNegation: false });
    drugs.push({ generic: e.generic, drugClass: e.drugClass, sentence: s, polarity });
  }
  const findingIn = (id: ClinicalFactId, only: ReadonlySet<number>): Finding => {
    const concept = CONCEPT_BY_ID.get(id);
    return concept ? analyzeConcept(concept, text, sentences, dispute, only) : NO_FINDING;
  };
  return { text, sentences, findings, drugs, findingIn };
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
    for (const d of findDates(s.text)) if (!since || d.iso < since) since = d.iso;
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
  return { inUse: sentences.length > 0, since, daysOfUse: days, longTermWords, evidence: sentences.map(span), sentenceIndexes };
}
