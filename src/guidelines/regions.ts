import type { Treatment } from '../domain/index.js';

/** Body regions used to scope guideline entries, from treatment normalisation's body parts. */
const BODY_PART_REGION: Record<string, string> = {
  'lumbar spine': 'lumbar',
  'cervical spine': 'cervical',
  'thoracic spine': 'thoracic',
  shoulder: 'shoulder',
  knee: 'knee',
  wrist: 'wrist',
  hand: 'hand',
  elbow: 'elbow',
  hip: 'hip',
  pelvis: 'pelvis',
  ankle: 'ankle',
  foot: 'foot',
  head: 'head',
  'upper extremity': 'upper-extremity',
  'lower extremity': 'lower-extremity',
};

/** Procedures whose name implies the region ("Bankart repair" is a shoulder operation). */
const NAME_REGION: [RegExp, string][] = [
  [/labral|rotator cuff|bankart|subacromial/i, 'shoulder'],
  [/menisc|patell|ACL\b/i, 'knee'],
  [/carpal tunnel|trigger finger|de quervain/i, 'wrist'],
  [/spinal|discectomy|laminectomy|fusion|epidural|facet|medial branch/i, 'lumbar'],
];

/** Mentions of a region in a clinical summary, to place a request that names none. */
const SUMMARY_REGION: [RegExp, string][] = [
  [/\b(?:lumbar|low(?:er)? back|lumbosacral)\b/gi, 'lumbar'],
  [/\b(?:cervical|neck)\b/gi, 'cervical'],
  [/\bshoulders?\b/gi, 'shoulder'],
  [/\bknees?\b/gi, 'knee'],
  [/\bwrists?\b|\bhands?\b/gi, 'wrist'],
  [/\belbows?\b/gi, 'elbow'],
  [/\bhips?\b/gi, 'hip'],
  [/\bankles?\b|\bfoot\b|\bfeet\b/gi, 'ankle'],
];

/** Whether the request itself names or implies its body region, rather than leaving it to the clinical summary. */
export function requestNamesRegion(treatment: Treatment, request: string): boolean {
  if (treatment.kind !== 'procedure') return false;
  return (treatment.bodyParts ?? []).some((b) => BODY_PART_REGION[b]) || NAME_REGION.some(([re]) => re.test(request));
}

/**
 * The body regions a request is about: those it names, else the one its
 * procedure implies, else the region the clinical summary mentions most.
 */
export function requestRegions(treatment: Treatment, request: string, summary: string): string[] {
  const named = treatment.kind === 'procedure' ? (treatment.bodyParts ?? []).map((b) => BODY_PART_REGION[b]).filter((r): r is string => !!r) : [];
  if (named.length) return [...new Set(named)];
  const implied = NAME_REGION.find(([re]) => re.test(request))?.[1];
  if (implied) return [implied];
  let best: string | null = null;
  let bestCount = 0;
  for (const [re, region] of SUMMARY_REGION) {
    const n = summary.match(re)?.length ?? 0;
    if (n > bestCount) {
      best = region;
      bestCount = n;
    }
  }
  return best ? [best] : [];
}

/** Regions where manipulation is not recommended and topical NSAIDs are: peripheral joints. */
export const PERIPHERAL_JOINTS = new Set(['knee', 'wrist', 'hand', 'elbow', 'ankle', 'foot']);
