import { CaseFile, type CaseAssessment, type CaseFileItem, type CaseFindings, type Decision, type ItemAssessment, type Treatment } from '../domain/index.js';
import { currentMedications, findDiagnoses, findPainScores } from '../clinical/case-summary.js';
import { normalizeTreatment } from '../clinical/treatment.js';
import { KNOWLEDGE_BASE_VERSION, citationOf, requestRegions, selectEntries, type GuidelineEntry } from '../guidelines/index.js';
import { confidenceOf } from './confidence.js';
import { evaluateCriteria } from './evaluate.js';
import { InvalidCaseError } from './errors.js';
import { ItemFacts, PERIOPERATIVE, analyzeCase, isTopical, type AnalyzedCase } from './facts.js';
import { draftRationale } from './rationale.js';
import { applyModel } from './model/apply.js';
import { defaultModel } from './model/default-model.js';
import type { OverturnModel } from './model/overturn-model.js';

/** Engine version recorded with each assessment. */
export const ENGINE_VERSION = `openimr-engine 0.1.0 (knowledge base ${KNOWLEDGE_BASE_VERSION})`;

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
  };
}

function flagged(p: Prepared, reason: string): ItemAssessment {
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
    rationale: `No guideline entry in the knowledge base applies to the request for ${p.item.request}; it is flagged for the expert reviewer to decide from the MTUS and the strength-of-evidence hierarchy.`,
    confidence: 0,
  };
}

function assessItem(analyzed: AnalyzedCase, p: Prepared, all: Prepared[], surgerySupported: boolean | null, options: AssessOptions): ItemAssessment {
  const siblings = all.filter((o) => o !== p).map((o) => o.treatment);
  const facts = new ItemFacts(analyzed, p.item, p.treatment, p.regions, p.perioperative, p.topical, siblings, surgerySupported);
  const entries = selectEntries(p.treatment, { regions: p.regions, perioperative: p.perioperative, topical: p.topical, date: analyzed.referenceDate, fact: (id) => facts.has(id) }, options.entries);
  const entry = entries[0];
  if (!entry) {
    const what = p.treatment.kind === 'medication' ? `${p.treatment.generic.join(', ') || 'an unknown drug'} (${p.treatment.drugClass})` : `"${p.treatment.name}" (${p.treatment.category})`;
    return flagged(p, `no guideline entry covers ${what}`);
  }
  const evaluation = evaluateCriteria(entry.criteria, facts, entry.id);
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
  if (!parsed.success) throw new InvalidCaseError('case', parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })));
  const file = parsed.data;
  const analyzed = analyzeCase(file);
  const prepared = file.items.map((i) => prepare(analyzed, i));
  const isSurgery = (p: Prepared) => p.treatment.category === 'surgery' && !p.perioperative;
  const out = new Map<Prepared, ItemAssessment>();
  // First the surgeries, then what depends on them.
  for (const p of prepared.filter(isSurgery)) out.set(p, assessItem(analyzed, p, prepared, null, options));
  const surgeries = [...out.values()];
  let supported: boolean | null = surgeries.length ? surgeries.some((a) => a.decision === 'overturned') : null;
  if (supported === null && analyzed.texts.some((t) => SURGERY_APPROVED.test(t.analysis.text))) supported = true;
  for (const p of prepared) if (!out.has(p)) out.set(p, assessItem(analyzed, p, prepared, supported, options));
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
