import { Determination, isLetterFormat, issuesFrom, type DisputedItem, type GuidelineCitation, type Issue } from '../../domain/index.js';
import type { CitationsTable, ItemsTable, NewLetter, NewLetterText, OriginalFormat } from '../schema.js';
import { facetDeltaOfRows, type FacetDelta } from './facet-counts.js';

/** The original letter as received, kept beside its parse. */
export interface OriginalLetter {
  text: string;
  format: OriginalFormat;
}

type ItemRow = Omit<ItemsTable, 'id' | 'letter_id'>;
type CitationRow = Omit<CitationsTable, 'item_id'>;

/** Everything one letter writes, before ids are known. */
export interface LetterRows {
  letter: NewLetter;
  text: NewLetterText;
  specialties: { specialty: string; kind: 'board' | 'sub' }[];
  states: string[];
  items: { item: ItemRow; rationale: string; drugs: string[]; citations: CitationRow[] }[];
  /** What the letter adds to the outcome counts (facet-counts.ts), computed here so the writer need not read its rows back to count them. */
  counts: FacetDelta[];
}

/** Year of the decision date, else of the assigned date. */
function letterYear(det: Determination): number | null {
  const date = det.dates.decision ?? det.dates.assigned;
  return date ? Number(date.slice(0, 4)) : null;
}

/** Generic names joined with ' + ' for medications, the canonical name for procedures. */
export function treatmentName(item: DisputedItem): string {
  const t = item.treatment;
  return t.kind === 'medication' ? t.generic.join(' + ') : t.name;
}

function citationRows(role: 'imr' | 'claims', cites: readonly GuidelineCitation[]): CitationRow[] {
  return cites.map((c, position) => ({
    role,
    position,
    source: c.source,
    document: c.document,
    sections: JSON.stringify(c.sections),
    pages: JSON.stringify(c.pages),
  }));
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/**
 * The Determination as kept in `letter_texts.parsed`: without the clinical
 * summary and the item rationales, which are stored once, in their own
 * columns (a quarter of what a letter writes). `withStoredText` puts them back.
 */
function withoutStoredText(det: Determination): Omit<Determination, 'clinicalSummary' | 'items'> & { items: Omit<DisputedItem, 'rationale'>[] } {
  const { clinicalSummary: _summary, items, ...rest } = det;
  return { ...rest, items: items.map(({ rationale: _rationale, ...item }) => item) };
}

/** Reassembles a stored Determination from `letter_texts.parsed` and the text columns. */
export function withStoredText(parsedJson: string, clinicalSummary: string, rationales: readonly string[]): Determination {
  const det = JSON.parse(parsedJson) as Determination;
  det.clinicalSummary = clinicalSummary;
  det.items.forEach((item, i) => {
    item.rationale = rationales[i] ?? item.rationale ?? '';
  });
  return det;
}

/** Flattens a validated Determination into table rows. */
export function toRows(det: Determination, original: OriginalLetter, ingestedAt: string): LetterRows {
  const letter: NewLetter = {
    content_hash: det.contentHash,
    source: det.source,
    layout: det.layout,
    case_number: det.caseNumber,
    priority: det.priority,
    date_assigned: det.dates.assigned,
    date_decision: det.dates.decision,
    date_ur_denial: det.dates.urDenial,
    date_application_received: det.dates.applicationReceived,
    injury_dates: JSON.stringify(det.dates.injury),
    patient_age: det.patient.age,
    patient_sex: det.patient.sex,
    reviewer: JSON.stringify(det.reviewer),
    year: letterYear(det),
    ingested_at: ingestedAt,
  };
  const rows: Omit<LetterRows, 'counts'> = {
    letter,
    text: {
      clinical_summary: det.clinicalSummary,
      original_text: original.text,
      original_format: original.format,
      parsed: JSON.stringify(withoutStoredText(det)),
    },
    specialties: [
      ...unique(det.reviewer.boardCertifications).map((specialty) => ({ specialty, kind: 'board' as const })),
      ...unique(det.reviewer.subspecialties).map((specialty) => ({ specialty, kind: 'sub' as const })),
    ],
    states: unique(det.reviewer.licensureStates.map((s) => s.toUpperCase())),
    items: det.items.map((it, i) => ({
      item: {
        // Position in the array, not `it.index`: unique per letter by construction.
        idx: i + 1,
        request: it.request,
        decision: it.decision,
        medically_necessary: it.medicallyNecessary ? 1 : 0,
        category: it.treatment.category,
        drug_class: it.treatment.kind === 'medication' ? it.treatment.drugClass : null,
        treatment_name: treatmentName(it),
        date_decision: det.dates.decision,
      },
      rationale: it.rationale,
      drugs: it.treatment.kind === 'medication' ? unique(it.treatment.generic.map((g) => g.toLowerCase())) : [],
      citations: [...citationRows('imr', it.imrGuidelines), ...citationRows('claims', it.claimsAdministratorGuidelines)],
    })),
  };
  return { ...rows, counts: facetDeltaOfRows(rows) };
}

/** A letter validated and flattened into its rows, ready for insertPrepared. */
export interface PreparedLetter {
  readonly rows: LetterRows;
}

export type PreparedResult = { ok: true; letter: PreparedLetter } | { ok: false; issues: Issue[] };


/**
 * Validates a letter and flattens it into the rows it will write. Pure and
 * thread-safe: bulk ingestion runs it beside the parser, so the writer only
 * writes.
 */
export function prepareLetter(letter: { determination: Determination; original: OriginalLetter }, ingestedAt = new Date().toISOString()): PreparedResult {
  const parsed = Determination.safeParse(letter.determination);
  const issues: Issue[] = parsed.success ? [] : issuesFrom(parsed.error);
  if (!isLetterFormat(letter.original.format)) issues.push({ path: ['original', 'format'], message: `unknown format "${letter.original.format}"` });
  if (issues.length || !parsed.success) return { ok: false, issues };
  return { ok: true, letter: { rows: toRows(parsed.data, letter.original, ingestedAt) } };
}
