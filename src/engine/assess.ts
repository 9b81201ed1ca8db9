import { CaseFile, issuesFrom, type CaseAssessment, type CaseFileItem, type CaseFindings, type Decision, type ItemAssessment, type ItemStructure, type Treatment } from '../domain/index.js';
import { currentMedications, findDiagnoses, findPainScores } from '../clinical/case-summary.js';
import { normalizeTreatment } from '../clinical/treatments/index.js';
import { CASE_STRUCTURE_CRITERIA, KNOWLEDGE_BASE_VERSION, citationOf, editionMissing, requestNamesRegion, requestRegions, selectEntries, type Criterion, type GuidelineEntry } from '../guidelines/index.js';
import { confidenceOf } from './confidence.js';
import { evaluateCriteria } from './evaluate.js';
import { InvalidCaseError } from './errors.js';
import { ItemFacts, PERIOPERATIVE, analyzeCase, isTopical, type AnalyzedCase } from './facts.js';
import { draftRationale } from './rationale.js';
import { followsParent, itemStructure, type StructureInput } from './structure.js';
import { applyModel } from './model/apply.js';
import { defaultModel } from './model/default-model.js';
import type { OverturnModel } from './model/overturn-model.js';

/** Engine version recorded with each assessment. */
export const ENGINE_VERSION = `openimr-engine 0.2.0 (knowledge base ${KNOWLEDGE_BASE_VERSION})`;

/** Options of `assessCase`. */
export interface AssessOptions {
  /** Guideline entries to decide with (tests substitute their own); defaults to the whole knowledge base. */
  entries?: readonly GuidelineEntry[];
  /** The overturn model giving each item its probability; defaults to the model shipped with the engine; null for the rules alone. */
  model?: OverturnModel | null;
}

interface Prepared {
  item: CaseFileItem;
  treatment: Treatment;
  regions: string[];
  perioperative: boolean;
  topical: boolean;
  /** Whether the request names its region (body-part findings must then be of it). */
  regionNamed: boolean;
}

function prepare(analyzed: AnalyzedCase, item: CaseFileItem): Prepared {
  const treatment = item.treatment ?? normalizeTreatment(item.request);
  const request = item.request;
  return {
    item,
    treatment,
    regions: requestRegions(treatment, request, analyzed.file.clinicalSummary),
    perioperative: PERIOPERATIVE.test(request),
    topical: isTopical(treatment, request),
    regionNamed: requestNamesRegion(treatment, request),
  };
}

function flagged(p: Prepared, reason: string, structure: ItemStructure, rationale?: string): ItemAssessment {
  return {
    index: p.item.index,
    request: p.item.request,
    treatment: p.treatment,
    decision: null,
    flagged: true,
    flagReason: reason,
    guideline: null,
    guidelineEntryId: null,
    criteria: [],
    rationale: rationale ?? `No guideline entry in the knowledge base applies to the request for ${p.item.request}; it is flagged for the expert reviewer to decide from the MTUS and the strength-of-evidence hierarchy.`,
    confidence: 0,
    structure,
  };
}

/** The entry's criteria with those the item's place in its case adds (a repeat study, the rest of a trial, a second drug of a class). */
function criteriaFor(entry: GuidelineEntry, structure: ItemStructure): Criterion {
  const extra: Criterion[] = [];
  if (structure.repeatImaging) extra.push(CASE_STRUCTURE_CRITERIA.repeatStudy);
  if (structure.beyondAuthorizedTrial) extra.push(CASE_STRUCTURE_CRITERIA.beyondTrial);
  if (structure.sameClassInUse) extra.push(CASE_STRUCTURE_CRITERIA.noSameClass);
  if (structure.dependsOn === 'item' && structure.parentStatus === 'in-dispute') extra.push(CASE_STRUCTURE_CRITERIA.parentSupported);
  return extra.length ? { all: [entry.criteria, ...extra] } : entry.criteria;
}

function assessItem(analyzed: AnalyzedCase, p: Prepared, all: Prepared[], surgerySupported: boolean | null, options: AssessOptions, decided: ReadonlyMap<StructureInput, ItemAssessment>): ItemAssessment {
  const decisions = new Map([...decided].map(([k, v]) => [k, v.decision] as const));
  const placed = itemStructure(analyzed, p, all, decisions);
  const structure = placed.structure;
  const edition = editionMissing(analyzed.referenceDate, p.treatment.kind === 'medication');
  if (edition) {
    return flagged(p, `guideline version not held: ${edition}`, structure, `The request for ${p.item.request} is judged under guidelines the knowledge base does not hold: ${edition}. It is flagged for the expert reviewer to decide under the guideline in force, rather than drafted under an older edition.`);
  }
  // A service that exists only for another item in dispute here follows that item.
  const parent = placed.parent && structure.dependsOn === 'item' ? decided.get(placed.parent) : undefined;
  if (parent && followsParent(p.treatment)) {
    const criterion = { id: `follows-item-${parent.index}`, description: `the ${parent.request} it serves is medically necessary`, status: parent.decision === 'overturned' ? ('met' as const) : parent.decision === 'upheld' ? ('not-met' as const) : ('not-documented' as const), evidence: [{ source: 'request', start: 0, end: parent.request.length, text: parent.request }] };
    if (parent.decision === null) return flagged(p, `it serves item ${parent.index} (${parent.request}), which is flagged`, structure);
    const necessary = parent.decision === 'overturned';
    return {
      index: p.item.index,
      request: p.item.request,
      treatment: p.treatment,
      decision: parent.decision,
      flagged: false,
      flagReason: null,
      guideline: parent.guideline,
      guidelineEntryId: parent.guidelineEntryId,
      criteria: [criterion],
      rationale: `The request for ${p.item.request} exists only for the ${parent.request} (item ${parent.index}), which ${necessary ? 'is' : 'is not'} medically necessary; it follows that item. Therefore, the request for ${p.item.request} is ${necessary ? '' : 'not '}medically necessary.`,
      confidence: parent.confidence,
      structure,
    };
  }
  const siblings = all.filter((o) => o !== p).map((o) => o.treatment);
  // The surgery a service serves: its draft when in dispute here, supported when already authorised or done.
  const surgery = structure.dependsOn === 'surgery' ? (structure.parentDecision ? structure.parentDecision === 'overturned' : structure.parentStatus === 'authorized' || structure.parentStatus === 'done' ? true : surgerySupported) : surgerySupported;
  const parentFact = parent ? { supported: parent.decision === null ? null : parent.decision === 'overturned', request: parent.request } : null;
  const facts = new ItemFacts(analyzed, p.item, p.treatment, p.regions, p.perioperative, p.topical, siblings, surgery, p.regionNamed, p.treatment.kind === 'procedure' ? p.treatment.laterality : null, placed.sameClass, parentFact);
  const entries = selectEntries(p.treatment, { regions: p.regions, perioperative: p.perioperative, topical: p.topical, date: analyzed.referenceDate, fact: (id) => facts.has(id) }, options.entries);
  const entry = entries[0];
  if (!entry) {
    const what = p.treatment.kind === 'medication' ? `${p.treatment.generic.join(', ') || 'an unknown drug'} (${p.treatment.drugClass})` : `"${p.treatment.name}" (${p.treatment.category})`;
    return flagged(p, `no guideline entry covers ${what}`, structure);
  }
  const evaluation = evaluateCriteria(criteriaFor(entry, structure), facts, entry.id);
  const decision: Decision = evaluation.status === 'met' ? 'overturned' : 'upheld';
  const guideline = citationOf(entry);
  return {
    index: p.item.index,
    request: p.item.request,
    treatment: p.treatment,
    decision,
    flagged: false,
    flagReason: null,
    guideline,
    guidelineEntryId: entry.id,
    criteria: evaluation.leaves.map((l) => l.result),
    rationale: draftRationale(p.item.request, entry, guideline, decision, evaluation.leaves),
    confidence: confidenceOf(decision, evaluation, entry.recommendation),
    structure,
  };
}

/** Words in the records saying the surgery was already approved or done. */
const SURGERY_APPROVED = /\b(?:surgery|surgical|procedure|arthroscop\w*|repair)\b[^.]{0,60}\b(?:authorized|certified|approved|scheduled|performed|underwent)\b|\b(?:underwent|status post|s\/p)\b[^.]{0,40}\b(?:surgery|arthroscop\w*|repair|release|fusion|decompression)/i;

/**
 * Assesses every disputed item of a case against the guideline knowledge
 * base. Reads only the case file (what the reviewer has); each item gets a
 * decision with its criteria, evidence, citation, rationale and confidence,
 * or is flagged when no guideline entry applies. Services requested with a
 * surgery (post-op care, associated surgical services) follow the surgery's
 * decision in the same case, as reviewers decide them.
 *
 * Throws InvalidCaseError when `input` is not a valid CaseFile.
 */
export function assessCase(input: CaseFile, options: AssessOptions = {}): CaseAssessment {
  const parsed = CaseFile.safeParse(input);
  if (!parsed.success) throw new InvalidCaseError('case', issuesFrom(parsed.error));
  const file = parsed.data;
  const analyzed = analyzeCase(file);
  const prepared = file.items.map((i) => prepare(analyzed, i));
  const isSurgery = (p: Prepared) => p.treatment.category === 'surgery' && !p.perioperative;
  const out = new Map<Prepared, ItemAssessment>();
  // First the surgeries, then what depends on them.
  for (const p of prepared.filter(isSurgery)) out.set(p, assessItem(analyzed, p, prepared, null, options, out));
  const surgeries = [...out.values()];
  let supported: boolean | null = surgeries.length ? surgeries.some((a) => a.decision === 'overturned') : null;
  if (supported === null && analyzed.texts.some((t) => SURGERY_APPROVED.test(t.analysis.text))) supported = true;
  // Then the items others serve (an injection before its anaesthesia, a device before its supplies), then the rest.
  const serves = (p: Prepared) => /\b(?:supplies|electrodes?|batter(?:y|ies)|an(?:a)?esthesi\w*|sedation)\b/i.test(p.item.request) || !followsParent(p.treatment);
  for (const p of prepared) if (!out.has(p) && !serves(p)) out.set(p, assessItem(analyzed, p, prepared, supported, options, out));
  for (const p of prepared) if (!out.has(p)) out.set(p, assessItem(analyzed, p, prepared, supported, options, out));
  const draft = { engineVersion: ENGINE_VERSION, items: prepared.map((p) => out.get(p)!), findings: caseFindings(analyzed) };
  return applyModel(draft, file, options.model === undefined ? defaultModel() : options.model, options.entries);
}

function caseFindings(analyzed: AnalyzedCase): CaseFindings {
  const summary = analyzed.texts[0]!.analysis;
  const ev = (s: { start: number; end: number; text: string }) => ({ source: 'clinicalSummary', start: s.start, end: s.end, text: s.text });
  return {
    diagnoses: findDiagnoses(summary).map(ev),
    medications: currentMedications(summary).map((m) => ({ name: m.generic.join('+'), drugClass: m.drugClass, evidence: ev(m.evidence) })),
    painScores: findPainScores(summary.text).map((p) => ({ value: p.value, evidence: ev(p) })),
  };
}
