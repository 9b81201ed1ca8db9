/**
 * Redaction of letters for publication. The published letter carries no
 * names, addresses, phone, fax, social security, record, claim, policy or
 * WCAB numbers, email addresses, dates of birth, ages over 89, or the names
 * of providers, clinics and employers. The case's own parties are found in
 * every form they take (./deid/parties.ts); everything else by its shape
 * (./deid/shapes.ts) or, for people and organisations, by context and the
 * census name lists (./deid/names.ts). Pure: text in, redacted text and a
 * report out; linear in the text.
 *
 * `redactDetermination` redacts the published model as a whole: every
 * string in it, whatever field, so a field added later cannot bypass it.
 */
import type { Determination } from '../../domain/index.js';
import { CATEGORIES, HitList, mergeHits, type Hit, type RedactionCategory } from './hits.js';
import { findNames } from './names.js';
import { dateForms, findLiterals, PartyMatcher, type KnownParties } from './parties.js';
import { findShapes } from './shapes.js';
import { WordReader } from './word-list.js';

export type { Hit, KnownParties, RedactionCategory };

/** One removal. Internal: it holds the removed text, so it is never published. */
export interface Redaction {
  category: RedactionCategory;
  /** The text that was removed. */
  original: string;
  replacement: string;
  /** Offsets into the input text. */
  start: number;
  end: number;
  /** Where the text came from when redacting a structure ("clinicalSummary", "items.0.rationale"). */
  field?: string;
}

export interface RedactionResult {
  text: string;
  report: Redaction[];
}

export const REPLACEMENT: Record<RedactionCategory, string> = {
  worker: '[INJURED WORKER]',
  person: '[NAME]',
  provider: '[PROVIDER]',
  organisation: '[ORGANIZATION]',
  employer: '[EMPLOYER]',
  'claims-administrator': '[CLAIMS ADMINISTRATOR]',
  address: '[ADDRESS]',
  phone: '[PHONE]',
  'claim-number': '[CLAIM NUMBER]',
  'record-number': '[NUMBER]',
  dob: '[DATE OF BIRTH]',
  age: '[AGE 90 OR OVER]',
  email: '[EMAIL]',
  ssn: '[SSN]',
  url: '[URL]',
};

/** The detectors of one case, built once and applied to each of its texts. */
export class Redactor {
  private readonly matcher: PartyMatcher;
  private readonly dobForms: string[];
  private readonly numbers: string[];
  private readonly reader: WordReader;

  constructor(parties: KnownParties = {}) {
    this.matcher = new PartyMatcher(parties);
    this.reader = new WordReader(this.matcher.keyIds);
    this.dobForms = (parties.datesOfBirth ?? []).flatMap(dateForms);
    this.numbers = [...(parties.claimNumbers ?? []), ...(parties.phones ?? [])].filter((s) => s.trim().length >= 4);
  }

  /** Every identifier in `text`, merged: overlapping finds become one. */
  find(text: string): Hit[] {
    return this.spans(text).toArray();
  }

  private spans(text: string): HitList {
    const hits = new HitList();
    const ws = this.reader.read(text);
    this.matcher.find(ws, hits);
    findLiterals(text, this.dobForms, 'dob', hits);
    findLiterals(text, this.numbers, 'claim-number', hits);
    findShapes(text, hits);
    findNames(ws, hits);
    return mergeHits(hits);
  }

  /** Redacts one text. The report lists each removal with its offsets in the input. */
  redact(text: string): RedactionResult {
    const spans = this.spans(text);
    const report: Redaction[] = [];
    if (spans.length === 0) return { text, report };
    // The pieces are joined a few thousand at a time, then once at the end: a string grown a piece at a
    // time is a tree of a million parts, and a million pieces kept to the end all outlive the young
    // generation; joined in batches, the short pieces die young and cost the garbage collector nothing.
    const chunks: string[] = [];
    let parts: string[] = [];
    let at = 0;
    for (let k = 0; k < spans.length; k++) {
      const category = CATEGORIES[spans.category[k]!]!;
      const start = spans.start[k]!;
      const end = spans.end[k]!;
      const replacement = REPLACEMENT[category];
      if (start > at) parts.push(text.slice(at, start));
      parts.push(replacement);
      report.push({ category, original: text.slice(start, end), replacement, start, end });
      at = end;
      if (parts.length >= 4096) {
        chunks.push(parts.join(''));
        parts = [];
      }
    }
    parts.push(text.slice(at));
    chunks.push(parts.join(''));
    return { text: chunks.length === 1 ? chunks[0]! : chunks.join(''), report };
  }
}

/** Finds every identifier in `text`; overlapping finds are merged. */
export function findIdentifiers(text: string, parties: KnownParties = {}): Hit[] {
  return new Redactor(parties).find(text);
}

/** Redacts one text. The report lists each removal with its offsets in the input. */
export function redactText(text: string, parties: KnownParties = {}): RedactionResult {
  return new Redactor(parties).redact(text);
}

/**
 * Fields of the model that hold no free text: identifiers of the letter
 * itself, enumerations, dates and numbers. Everything else is redacted.
 */
const STRUCTURAL = new Set(['contentHash', 'layout', 'caseNumber', 'priority', 'dates', 'decision', 'medicallyNecessary', 'patient', 'licensureStates', 'source', 'kind', 'drugClass', 'pages']);

/** Every string of `value` redacted, by its path; structural fields are copied. */
function redactTree(value: unknown, path: string, r: Redactor, report: Redaction[]): unknown {
  if (typeof value === 'string') {
    if (!value) return value;
    const res = r.redact(value);
    for (const x of res.report) report.push({ ...x, field: path });
    return res.text;
  }
  if (Array.isArray(value)) return value.map((v, i) => redactTree(v, path ? `${path}.${i}` : String(i), r, report));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = STRUCTURAL.has(k) ? v : redactTree(v, path ? `${path}.${k}` : k, r, report);
    return out;
  }
  return value;
}

/**
 * The published version of a determination: one pass over the whole model,
 * every text field redacted (summary, requests, both sides' guideline
 * citations, rationales, the normalised treatment, the reviewer's
 * credentials), and an age over 89 withheld. The report's `field` says where
 * each removal was.
 */
export function redactDetermination(det: Determination, parties: KnownParties): { determination: Determination; report: Redaction[] } {
  const report: Redaction[] = [];
  const r = new Redactor(parties);
  const determination = redactTree(det, '', r, report) as Determination;
  if (determination.patient.age !== null && determination.patient.age > 89) determination.patient = { ...determination.patient, age: null };
  return { determination, report };
}
