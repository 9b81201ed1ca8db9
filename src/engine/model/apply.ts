/**
 * Hooks the overturn model into the engine's draft: each item gets its
 * calibrated probability, the likelier side as the recommendation, whether
 * the probability sits in the uncertain band, and what the record lacks.
 */
import type { CaseAssessment, CaseFile, ItemAssessment } from '../../domain/index.js';
import { GUIDELINE_ENTRIES, type GuidelineEntry } from '../../guidelines/index.js';
import { featuresOf } from './features.js';
import { missingDocumentation } from './missing-documentation.js';
import { overturnProbability, type OverturnModel } from './overturn-model.js';

const byId = new WeakMap<readonly GuidelineEntry[], Map<string, GuidelineEntry>>();

/** The knowledge-base entry an item relied on, looked up by id in `entries`. */
export function entryOf(item: ItemAssessment, entries: readonly GuidelineEntry[] = GUIDELINE_ENTRIES): GuidelineEntry | undefined {
  if (!item.guidelineEntryId) return undefined;
  let map = byId.get(entries);
  if (!map) byId.set(entries, (map = new Map(entries.map((e) => [e.id, e]))));
  return map.get(item.guidelineEntryId);
}

/** The item's feature vector for the model, from the rules' draft and the case file. */
export function itemFeatures(item: ItemAssessment, file: CaseFile, entries?: readonly GuidelineEntry[]): number[] {
  return featuresOf({ item, entry: entryOf(item, entries), fileItem: file.items.find((i) => i.index === item.index) });
}

/**
 * The rules' draft with the model's fields added to every item. Without a
 * model (`null`), items get what the record lacks only, and the assessment's
 * `modelVersion` is null.
 */
export function applyModel(assessment: CaseAssessment, file: CaseFile, model: OverturnModel | null, entries?: readonly GuidelineEntry[]): CaseAssessment {
  const items = assessment.items.map((item): ItemAssessment => {
    const entry = entryOf(item, entries);
    const missing = missingDocumentation(item, entry);
    if (!model) return { ...item, missingDocumentation: missing };
    const p = overturnProbability(model, featuresOf({ item, entry, fileItem: file.items.find((i) => i.index === item.index) }));
    const probability = Math.round(p * 1000) / 1000;
    return {
      ...item,
      probability,
      recommendation: probability >= 0.5 ? 'overturned' : 'upheld',
      judgmentNeeded: probability >= model.band[0] && probability <= model.band[1],
      missingDocumentation: missing,
    };
  });
  return { ...assessment, modelVersion: model?.version ?? null, items };
}
