import type { CaseFile, CaseFileItem, Evidence, MedicationTreatment, Treatment } from '../domain/index.js';
import { analyzeCaseText, drugHistory, type CaseText, type Finding } from '../clinical/case-text.js';
import { findDates } from '../clinical/dates.js';
import { daysBetween } from '../domain/index.js';
import type { FactFilter } from '../clinical/clinical-facts.js';
import { CLINICAL_FACTS, type ClinicalFactId } from '../clinical/findings.js';
import { CASE_FACTS, PERIPHERAL_JOINTS, type FactId } from '../guidelines/index.js';

/** A fact of one item: present / absent / unknown, an optional number, and the words that prove it. */
export interface FactValue {
  status: 'present' | 'absent' | 'unknown';
  value?: number;
  evidence: Evidence[];
}

const UNKNOWN: FactValue = { status: 'unknown', evidence: [] };
/** Every fact name a case's structured `facts` may set (they override what the text says). */
export const KNOWN_FACT_NAMES: readonly string[] = [...CLINICAL_FACTS, ...CASE_FACTS];
const KNOWN_FACTS = new Set<string>(KNOWN_FACT_NAMES);
const CLINICAL_SET = new Set<string>(CLINICAL_FACTS);

/** The case's texts analysed once, shared by its items. */
export interface AnalyzedCase {
  file: CaseFile;
  texts: { source: string; analysis: CaseText }[];
  /** A clinical fact over all texts (structured facts first), for a request's regions and side when given, computed on first use. */
  clinical(id: ClinicalFactId, filter?: FactFilter): FactValue;
  /** ISO date the requests are judged at: the request date, else UR's decision date; null when neither is known. */
  referenceDate: string | null;
}

function toEvidence(source: string, f: Finding): FactValue {
  const polarity = f.status === 'present' ? ('affirmed' as const) : ('negated' as const);
  return {
    status: f.status,
    evidence: f.evidence.slice(0, 3).map((s) => ({ source, start: s.start, end: s.end, text: s.text, polarity })),
    ...(f.value !== undefined ? { value: f.value } : {}),
  };
}

/** Structured facts given with the case (`facts`) override what the text says. */
function structured(file: CaseFile, id: string): FactValue | null {
  const v = file.facts[id];
  if (v === undefined) return null;
  const ev: Evidence[] = [{ source: `facts.${id}`, start: 0, end: String(v).length, text: String(v) }];
  if (typeof v === 'boolean') return { status: v ? 'present' : 'absent', evidence: ev };
  if (typeof v === 'number') return { status: 'present', value: v, evidence: ev };
  return { status: v.trim() ? 'present' : 'unknown', evidence: ev };
}

/** The latest date the summary mentions (its last progress note): the request's time when the case gives no date. */
function latestDate(text: string): string | null {
  let latest: string | null = null;
  for (const d of findDates(text, { monthOnly: true })) if (!latest || d.iso > latest) latest = d.iso;
  return latest;
}

/** Analyses the clinical summary and the case documents; a fact present in any text is present. */
export function analyzeCase(file: CaseFile): AnalyzedCase {
  const referenceDate = file.requestDate ?? file.urDenialDate ?? latestDate(file.clinicalSummary);
  const texts = [{ source: 'clinicalSummary', analysis: analyzeCaseText(file.clinicalSummary, { referenceDate }) }, ...file.documents.map((d) => ({ source: d.title, analysis: analyzeCaseText(d.text, { referenceDate }) }))];
  const memo = new Map<string, FactValue>();
  const clinical = (id: ClinicalFactId, filter?: FactFilter): FactValue => {
    const key = filter?.regions?.length ? `${id}|${filter.regions.join(',')}|${filter.side ?? ''}` : id;
    let v = memo.get(key);
    if (!v) {
      v = structured(file, id) ?? UNKNOWN;
      if (v === UNKNOWN) {
        for (const t of texts) {
          const f = toEvidence(t.source, t.analysis.findings.get(id, filter));
          if (f.status === 'present' || (f.status === 'absent' && v.status === 'unknown')) v = f;
          if (v.status === 'present') break;
        }
      }
      memo.set(key, v);
    }
    return v;
  };
  return { file, texts, clinical, referenceDate };
}

/** Words in a request that place it in a surgery's care. */
export const PERIOPERATIVE = /\bassociated surgical services?\b|\bpost-?op(?:erative)?\b|\bpre-?op(?:erative)?\b|\bperi-?op(?:erative)?\b|\bassistant surgeon\b|\bsurgical assistant\b|\bafter surgery\b/i;

/** A topical product: a percentage strength, a topical form or class. */
export function isTopical(t: Treatment, request: string): boolean {
  if (t.kind !== 'medication') return false;
  return t.drugClass === 'compounded' || t.drugClass === 'topical-analgesic' || (t.strengthPercent?.length ?? 0) > 0 || /\b(?:cream|gel|patch(?:es)?|ointment|lotion|topical|transdermal|spray)\b/i.test(request) || /^(?:cream|gel|patch|ointment|lotion)/i.test(t.form ?? '');
}

/** Ingredients not recommended for topical use (CPMTG pp.111-113): one makes the whole compound not recommended. */
const NOT_TOPICAL = new Set(['gabapentin', 'cyclobenzaprine', 'baclofen', 'tizanidine', 'orphenadrine', 'methocarbamol', 'carisoprodol', 'ketoprofen', 'flurbiprofen', 'ketamine', 'tramadol', 'dextromethorphan', 'amitriptyline', 'bupivacaine', 'prilocaine', 'camphor', 'hyaluronic acid', 'pentoxifylline', 'clonidine', 'lamotrigine', 'medical food']);

/** Oral morphine milligram equivalents per mg (CDC conversion factors, as used with the MTUS 120 mg MED limit). */
const MME: Record<string, number> = { hydrocodone: 1, oxycodone: 1.5, morphine: 1, tramadol: 0.1, tapentadol: 0.4, hydromorphone: 4, oxymorphone: 3, codeine: 0.15, methadone: 4.7, dihydrocodeine: 0.25, buprenorphine: 10, fentanyl: 2.4, meperidine: 0.1 };

const DAYS_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10, fourteen: 14, thirty: 30 };
const RENTAL = /\b(\d{1,3}|one|two|three|four|five|six|seven|ten|fourteen|thirty)[- ]?(day|week|month)s?\b/i;

function requestFact(request: string, present: boolean, value?: number): FactValue {
  const ev = [{ source: 'request', start: 0, end: request.length, text: request }];
  return value === undefined ? { status: present ? 'present' : 'absent', evidence: ev } : { status: 'present', value, evidence: ev };
}

/** The item-level view: every fact a criterion can name, with evidence. */
export class ItemFacts {
  private cache = new Map<FactId, FactValue>();
  private med: MedicationTreatment | null;

  constructor(
    readonly analyzed: AnalyzedCase,
    readonly item: CaseFileItem,
    readonly treatment: Treatment,
    readonly regions: readonly string[],
    readonly perioperative: boolean,
    readonly topical: boolean,
    /** The sibling items' treatments, for "concurrent" facts (an NSAID requested alongside a PPI). */
    private readonly siblings: readonly Treatment[],
    /** Whether the surgery this item belongs to is supported: true/false from the other items, null when unknown. */
    private readonly surgerySupported: boolean | null,
    /** Whether the request itself names its region (else `regions` is a guess from the summary). */
    readonly regionNamed = false,
    /** The side the request names, if any. */
    readonly side: 'left' | 'right' | 'bilateral' | null = null,
    /** Sentences naming another drug of the requested drug's class in use. */
    private readonly sameClass: readonly Evidence[] = [],
    /** The item in dispute this one accompanies (an NSAID for a PPI): whether its draft finds it necessary, null when flagged. */
    private readonly parentItem: { supported: boolean | null; request: string } | null = null,
  ) {
    this.med = treatment.kind === 'medication' ? treatment : null;
  }

  /**
   * The region and side a body-part finding must be of to count for this
   * item: those the request names (a procedure's body part or side), none for
   * a medication, which treats the whole case.
   */
  get filter(): FactFilter | undefined {
    if (!this.regionNamed) return undefined;
    return { regions: this.regions, side: this.side };
  }

  /** The fact, computed once. */
  get(id: FactId): FactValue {
    let f = this.cache.get(id);
    if (!f) {
      f = structured(this.analyzed.file, id) ?? this.compute(id);
      this.cache.set(id, f);
    }
    return f;
  }

  /** Presence as a boolean, null when unknown (for entry `when` conditions). */
  has(id: FactId): boolean | null {
    const f = this.get(id);
    return f.status === 'unknown' ? null : f.status === 'present';
  }

  private drug(byClass = false) {
    const main = this.analyzed.texts[0]!;
    return drugHistory(main.analysis, this.med?.generic ?? [], this.analyzed.referenceDate, byClass ? this.med?.drugClass : undefined);
  }

  private compute(id: FactId): FactValue {
    if (!KNOWN_FACTS.has(id)) return UNKNOWN;
    if (CLINICAL_SET.has(id)) return this.analyzed.clinical(id as ClinicalFactId, this.filter);
    const req = this.item.request;
    const t = this.treatment;
    switch (id) {
      case 'drug-in-use': {
        if (!this.med) return UNKNOWN;
        if (/\brefills?\b|\bcontinue\b|\bongoing\b|\brenew/i.test(req) && !/\bno refills?\b/i.test(req)) return requestFact(req, true);
        const h = this.drug();
        // "Pregabalin has not been tried": a documented first trial, not silence.
        if (!h.inUse && h.notTaken.length) return { status: 'absent', evidence: this.ev(h.notTaken) };
        return h.inUse ? { status: 'present', evidence: this.ev(h.evidence) } : UNKNOWN;
      }
      case 'drug-days-of-use': {
        if (!this.med) return UNKNOWN;
        const h = this.drug();
        if (!h.inUse) return UNKNOWN;
        // "Long-term" or "has been taking" without a date: documented long-term use, counted as two months.
        const days = h.daysOfUse ?? (h.longTermWords ? 60 : null);
        return days === null ? UNKNOWN : { status: 'present', value: days, evidence: this.ev(h.evidence) };
      }
      case 'quantity-specified': {
        if (!this.med) return UNKNOWN;
        const stated = this.med.quantity !== null || /\b\d+\s*(?:-|\s)?(?:day|week|month)s?\b|\bone month\b|\bsupply\b|\b\d+\s*(?:g|gm|grams?|ml)\b|#\s*\d/i.test(req);
        return requestFact(req, stated);
      }
      case 'days-supply': {
        if (!this.med || this.med.quantity === null || this.topical) return UNKNOWN;
        // Without a sig, three doses a day: the usual schedule of the drugs disputed.
        return requestFact(req, true, Math.round(this.med.quantity / (this.med.dosesPerDay ?? 3)));
      }
      case 'requested-sessions': {
        const n = t.kind === 'procedure' ? t.sessions : null;
        return n ? requestFact(req, true, n) : UNKNOWN;
      }
      case 'requested-levels': {
        if (t.kind !== 'procedure' || !t.levels.length) return UNKNOWN;
        return requestFact(req, true, t.levels.length);
      }
      case 'body-part-specified':
        return t.kind === 'procedure' ? requestFact(req, (t.bodyParts?.length ?? 0) > 0 || t.levels.length > 0) : UNKNOWN;
      case 'morphine-equivalent-dose': {
        if (!this.med || this.med.drugClass !== 'opioid' || !this.med.dosesPerDay) return UNKNOWN;
        const i = this.med.generic.findIndex((g) => MME[g] !== undefined);
        const mg = this.med.strengthMg[i];
        if (i < 0 || mg === undefined) return UNKNOWN;
        return requestFact(req, true, Math.round(mg * this.med.dosesPerDay * MME[this.med.generic[i]!]!));
      }
      case 'associated-surgery-supported':
        return this.surgerySupported === null ? UNKNOWN : { status: this.surgerySupported ? 'present' : 'absent', evidence: [] };
      case 'nsaid-in-use':
      case 'opioid-in-use': {
        const cls = id === 'nsaid-in-use' ? 'nsaid' : 'opioid';
        const text = this.analyzed.texts[0]!.analysis;
        const hit = text.drugs.find((d) => d.drugClass === cls && d.polarity === 'affirmed');
        if (hit) return { status: 'present', evidence: this.ev([hit.sentence]) };
        if (this.siblings.some((s) => s.kind === 'medication' && s.drugClass === cls)) return requestFact(req, true);
        if (cls === 'nsaid' && /\bNSAIDs?\b|anti-inflammator/i.test(text.text)) {
          const s = text.sentences.find((x) => /\bNSAIDs?\b|anti-inflammator/i.test(x.text) && !/\bno\b|\bnot\b/i.test(x.text));
          if (s) return { status: 'present', evidence: this.ev([s]) };
        }
        return UNKNOWN;
      }
      case 'compound-ingredients-recommended': {
        if (!this.med) return UNKNOWN;
        const bad = this.med.generic.filter((g) => NOT_TOPICAL.has(g) || (g === 'capsaicin' && (this.med!.strengthPercent ?? []).some((p) => p > 0.025 && p < 1)));
        return requestFact(req, bad.length === 0);
      }
      case 'topical-form-recommended':
        return this.med ? requestFact(req, /\bpatch(?:es)?\b|\blidoderm\b/i.test(req)) : UNKNOWN;
      case 'peripheral-joint':
        return this.regions.length ? { status: this.regions.some((r) => PERIPHERAL_JOINTS.has(r)) ? 'present' : 'absent', evidence: [] } : UNKNOWN;
      case 'days-since-injury': {
        const inj = this.analyzed.file.injuryDates[0];
        const ref = this.analyzed.referenceDate;
        return inj && ref ? { status: 'present', value: daysBetween(inj, ref), evidence: [] } : UNKNOWN;
      }
      case 'rental-days': {
        const m = RENTAL.exec(req);
        if (!m) return UNKNOWN;
        const n = /^\d/.test(m[1]!) ? Number(m[1]) : DAYS_WORDS[m[1]!.toLowerCase()]!;
        const unit = m[2]!.toLowerCase();
        return requestFact(req, true, n * (unit === 'day' ? 1 : unit === 'week' ? 7 : 30));
      }
      case 'drug-pain-relief':
      case 'drug-functional-improvement': {
        // Benefit "with the drug": read only in sentences that name it or the medication regimen.
        if (!this.med) return UNKNOWN;
        const main = this.analyzed.texts[0]!.analysis;
        const h = this.drug();
        const f = main.findingIn(id === 'drug-pain-relief' ? 'pain-relief' : 'functional-improvement', h.sentenceIndexes);
        return f.status === 'unknown' ? UNKNOWN : { status: f.status, evidence: this.ev(f.evidence) };
      }
      case 'oral-liquid':
        return this.med ? requestFact(req, !this.topical && /\b(?:oral )?suspension\b|\bsolution\b|\bliquid\b|\bsyrup\b|\bmg\s*\/\s*ml\b/i.test(req)) : UNKNOWN;
      case 'parent-item-supported': {
        if (!this.parentItem || this.parentItem.supported === null) return UNKNOWN;
        const r = this.parentItem.request;
        return { status: this.parentItem.supported ? 'present' : 'absent', evidence: [{ source: 'request', start: 0, end: r.length, text: r }] };
      }
      case 'same-class-in-use':
        return this.sameClass.length ? { status: 'present', evidence: [...this.sameClass] } : UNKNOWN;
      case 'trial-or-rental':
        if (/\btrial\b|\brent(?:al)?\b/i.test(req)) return requestFact(req, true);
        if (/\bpurchase\b|\bbuy\b/i.test(req)) return requestFact(req, false);
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private ev(spans: { start: number; end: number; text: string }[]): Evidence[] {
    return spans.slice(0, 3).map((s) => ({ source: 'clinicalSummary', start: s.start, end: s.end, text: s.text }));
  }
}
