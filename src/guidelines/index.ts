import type { GuidelineCitation, GuidelineSource, Treatment } from '../domain/index.js';
import { DIAGNOSTIC_ENTRIES } from './entries/diagnostics.js';
import { DME_ENTRIES } from './entries/dme.js';
import { EVALUATION_ENTRIES } from './entries/evaluation.js';
import { IMAGING_ENTRIES } from './entries/imaging.js';
import { INJECTION_ENTRIES } from './entries/injections.js';
import { MEDICATION_ENTRIES } from './entries/medications.js';
import { MODALITY_ENTRIES } from './entries/modalities.js';
import { MUSCLE_RELAXANT_ENTRIES } from './entries/muscle-relaxants.js';
import { OPIOID_ENTRIES } from './entries/opioids.js';
import { PHYSICAL_MEDICINE_ENTRIES } from './entries/physical-medicine.js';
import { SURGERY_ENTRIES } from './entries/surgery.js';
import { TOPICAL_ENTRIES } from './entries/topical.js';
import type { FactId, GuidelineEntry } from './types.js';

export * from './types.js';
export { DOC } from './documents.js';
export { CASE_STRUCTURE_CRITERIA } from './criteria.js';
export { requestRegions, requestNamesRegion, PERIPHERAL_JOINTS } from './regions.js';

/** Knowledge-base version, recorded in every assessment for the audit trail. */
export const KNOWLEDGE_BASE_VERSION = '2025.1';

/**
 * The last day of the guideline editions the knowledge base holds: the MTUS
 * of 2009 (the ACOEM 2004 chapters, the Chronic Pain, Acupuncture and
 * Postsurgical guidelines) with its 2016 updates, and the ODG sections used
 * where that MTUS is silent. From December 1, 2017 the MTUS adopted the
 * current ACOEM Practice Guidelines (8 CCR 9792.23 ff.), which the knowledge
 * base does not hold.
 */
export const MTUS_HELD_UNTIL = '2017-11-30';

/** The MTUS Drug Formulary (8 CCR 9792.27.1 ff.) governs medications from this date; the knowledge base does not hold it. */
export const FORMULARY_FROM = '2018-01-01';

/**
 * Why no entry of the knowledge base may decide a request judged at `date`,
 * or null when its editions govern that date. A case decided under a
 * guideline version the knowledge base does not hold says so rather than
 * applying an older one.
 */
export function editionMissing(date: string | null, medication: boolean): string | null {
  if (!date) return null;
  if (medication && date >= FORMULARY_FROM) return `the request (${date}) falls under the MTUS Drug Formulary in force from January 1, 2018 and the ACOEM-based MTUS in force from December 1, 2017, which the knowledge base (MTUS 2009 with the 2016 updates) does not hold`;
  if (date > MTUS_HELD_UNTIL) return `the request (${date}) falls under the ACOEM-based MTUS in force from December 1, 2017, which the knowledge base (MTUS 2009 with the 2016 updates) does not hold`;
  return null;
}

/** An entry with the period it was in force: every edition held ends when the ACOEM-based MTUS took over. */
function inForce(e: GuidelineEntry): GuidelineEntry {
  const until = e.effective?.until && e.effective.until < MTUS_HELD_UNTIL ? e.effective.until : MTUS_HELD_UNTIL;
  return { ...e, effective: { ...e.effective, until } };
}

/** Every guideline entry, each with the period it was in force. Order within a source is irrelevant: selection ranks by hierarchy and specificity. */
export const GUIDELINE_ENTRIES: readonly GuidelineEntry[] = [
  ...MUSCLE_RELAXANT_ENTRIES,
  ...OPIOID_ENTRIES,
  ...MEDICATION_ENTRIES,
  ...TOPICAL_ENTRIES,
  ...PHYSICAL_MEDICINE_ENTRIES,
  ...MODALITY_ENTRIES,
  ...INJECTION_ENTRIES,
  ...IMAGING_ENTRIES,
  ...DIAGNOSTIC_ENTRIES,
  ...SURGERY_ENTRIES,
  ...DME_ENTRIES,
  ...EVALUATION_ENTRIES,
].map(inForce);

/**
 * The strength-of-evidence hierarchy of 8 CCR 9792.21.1 (medical evidence
 * search sequence): the MTUS first; ODG or ACOEM's current guidelines only
 * where the MTUS does not address the condition; then other evidence-based
 * guidelines and studies.
 */
export const SOURCE_ORDER: readonly GuidelineSource[] = ['MTUS', 'ODG', 'OTHER'];

/** What the selection needs to know about a request beyond its treatment. */
export interface SelectionContext {
  regions: readonly string[];
  perioperative: boolean;
  topical: boolean;
  /** ISO date the request is judged at (selects the guideline edition); null: the current edition. */
  date: string | null;
  /** Presence facts the entries' `when` conditions test. */
  fact: (id: FactId) => boolean | null;
}

function specificity(entry: GuidelineEntry): number {
  const s = entry.scope;
  return (s.generics ? 8 : 0) + (s.procedures ? 4 : 0) + (s.regions ? 2 : 0) + (s.drugClasses ? 2 : 0) + (s.categories ? 1 : 0) + (s.perioperative !== undefined ? 1 : 0) + (s.topical !== undefined ? 1 : 0) + (s.when ? 1 : 0);
}

/** Whether `entry` covers the treatment in this context. */
export function entryApplies(entry: GuidelineEntry, t: Treatment, ctx: SelectionContext): boolean {
  const s = entry.scope;
  if (s.drugClasses && !(t.kind === 'medication' && s.drugClasses.includes(t.drugClass))) return false;
  if (s.generics && !(t.kind === 'medication' && t.generic.some((g) => s.generics!.includes(g)))) return false;
  if (s.procedures && !(t.kind === 'procedure' && s.procedures.includes(t.name))) return false;
  if (s.notProcedures && t.kind === 'procedure' && s.notProcedures.includes(t.name)) return false;
  if (s.categories && !s.categories.includes(t.category)) return false;
  if (s.regions && !ctx.regions.some((r) => s.regions!.includes(r))) return false;
  if (s.perioperative !== undefined && s.perioperative !== ctx.perioperative) return false;
  if (s.topical !== undefined && (t.kind !== 'medication' || s.topical !== ctx.topical)) return false;
  if (s.when && ctx.fact(s.when.fact) !== s.when.expect && !(ctx.fact(s.when.fact) === null && !s.when.expect)) return false;
  if (entry.effective && ctx.date) {
    if (entry.effective.from && ctx.date < entry.effective.from) return false;
    if (entry.effective.until && ctx.date > entry.effective.until) return false;
  }
  // Undated: the latest edition held, not one superseded within it (the 2009 opioid criteria before the 2016 update).
  if (entry.effective?.until && entry.effective.until < MTUS_HELD_UNTIL && !ctx.date) return false;
  return true;
}

/**
 * The entries that cover a treatment, best first: by the hierarchy (MTUS
 * before ODG before other evidence), then by how specifically the entry
 * names the treatment (a drug over its class, a procedure in a region over
 * the procedure anywhere). Reviewers cite the most specific MTUS section and
 * turn to ODG only where the MTUS is silent; so does this.
 */
export function selectEntries(t: Treatment, ctx: SelectionContext, entries: readonly GuidelineEntry[] = GUIDELINE_ENTRIES): GuidelineEntry[] {
  return entries
    .filter((e) => entryApplies(e, t, ctx))
    .map((e) => ({ e, rank: SOURCE_ORDER.indexOf(e.citation.source), spec: specificity(e) }))
    .sort((a, b) => a.rank - b.rank || b.spec - a.spec)
    .map((x) => x.e);
}

function pageText(pages: readonly number[]): string {
  if (!pages.length) return '';
  const first = pages[0]!;
  const last = pages[pages.length - 1]!;
  return first === last ? `, Page(s): ${first}` : `, Page(s): ${first}-${last}`;
}

/** The entry's citation in the domain's form, with a `raw` written the way letters write it. */
export function citationOf(entry: GuidelineEntry): GuidelineCitation {
  const c = entry.citation;
  const sections = c.sections.length ? `, Section(s): ${c.sections.join(', ')}` : '';
  return { source: c.source, document: c.document, sections: [...c.sections], pages: [...c.pages], raw: `${c.source} ${c.document}${sections}${pageText(c.pages)}` };
}
