/**
 * The overturn model's features: one number per line of FEATURES, read from
 * the rules' draft of an item (criteria results, decision, confidence), the
 * guideline entry it relied on, the treatment and what UR did. Never from the
 * IMR decision, its rationale or the reviewer's citations: the draft is made
 * from a case file, which holds none of them.
 *
 * To add a feature (e.g. a field of the case structure), add one line to
 * FEATURES. Models record the feature names they were fitted with, and a
 * model whose names differ from these is refused on loading, so a saved
 * model never silently reads the wrong column.
 */
import type { CaseFileItem, ItemAssessment } from '../../domain/index.js';
import type { GuidelineEntry } from '../../guidelines/index.js';

/** What a feature is computed from: the rules' draft of the item, its entry, and the case file's item. */
export interface FeatureInput {
  /** The rules' draft (decision, criteria, confidence); model fields, if any, are never read. */
  item: ItemAssessment;
  /** The knowledge-base entry relied on, when one applied. */
  entry: GuidelineEntry | undefined;
  /** The item as the case file gives it (UR's action). */
  fileItem: CaseFileItem | undefined;
}

type Feature = readonly [name: string, value: (x: FeatureInput) => number];

const count = (x: FeatureInput, status: string) => x.item.criteria.filter((c) => c.status === status).length;
const flag = (b: boolean) => (b ? 1 : 0);
const drugClass = (x: FeatureInput) => (x.item.treatment.kind === 'medication' ? x.item.treatment.drugClass : null);

/** Every feature, by name. Order is the model's column order. */
const FEATURES: readonly Feature[] = [
  ['rules.overturned', (x) => flag(x.item.decision === 'overturned')],
  ['rules.flagged', (x) => flag(x.item.flagged)],
  ['rules.confidence', (x) => x.item.confidence],
  ['criteria.met', (x) => count(x, 'met')],
  ['criteria.notMet', (x) => count(x, 'not-met')],
  ['criteria.notDocumented', (x) => count(x, 'not-documented')],
  ['criteria.metShare', (x) => (x.item.criteria.length ? count(x, 'met') / x.item.criteria.length : 0)],
  // A criterion met by a sentence of the record, not by the record's silence.
  ['criteria.metWithEvidence', (x) => x.item.criteria.filter((c) => c.status === 'met' && c.evidence.length > 0).length],
  ['entry.notRecommended', (x) => flag(x.entry?.recommendation === 'not-recommended')],
  ['entry.limited', (x) => flag(x.entry?.recommendation === 'limited')],
  ['entry.odg', (x) => flag(x.item.guideline?.source === 'ODG')],
  ['ur.modified', (x) => flag(x.fileItem?.urAction === 'modified' || !!x.fileItem?.authorizedPortion)],
  ['category.medication', (x) => flag(x.item.treatment.category === 'medication')],
  ['category.physicalMedicine', (x) => flag(x.item.treatment.category === 'physical-medicine')],
  ['category.imaging', (x) => flag(x.item.treatment.category === 'imaging')],
  ['category.diagnostic', (x) => flag(x.item.treatment.category === 'diagnostic')],
  ['category.dme', (x) => flag(x.item.treatment.category === 'dme')],
  ['category.injection', (x) => flag(x.item.treatment.category === 'injection')],
  ['category.surgery', (x) => flag(x.item.treatment.category === 'surgery')],
  ['drug.opioid', (x) => flag(drugClass(x) === 'opioid')],
  ['drug.muscleRelaxant', (x) => flag(drugClass(x) === 'muscle-relaxant')],
  ['drug.topical', (x) => flag(drugClass(x) === 'topical-analgesic' || drugClass(x) === 'compounded')],
  // How the item stands in its case (absent in drafts made before the structure existed: read as nothing special).
  ['structure.beyondAuthorizedTrial', (x) => flag(!!x.item.structure?.beyondAuthorizedTrial)],
  ['structure.dependent', (x) => flag(!!x.item.structure && x.item.structure.dependsOn !== 'none')],
  ['structure.parentSupported', (x) => flag(!!x.item.structure && (x.item.structure.parentDecision === 'overturned' || ['authorized', 'done'].includes(x.item.structure.parentStatus)))],
  ['structure.repeatOrDuplicate', (x) => flag(!!x.item.structure && (x.item.structure.repeatImaging || x.item.structure.sameClassInUse || x.item.structure.duplicate))],
];

/** The feature names, in column order. */
export const FEATURE_NAMES: readonly string[] = FEATURES.map(([name]) => name);

/** The item's feature vector, in the order of FEATURE_NAMES. */
export function featuresOf(x: FeatureInput): number[] {
  const out = new Array<number>(FEATURES.length);
  for (let i = 0; i < FEATURES.length; i++) out[i] = FEATURES[i]![1](x);
  return out;
}
