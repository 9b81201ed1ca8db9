/**
 * Body region and diagnosis as conditions on a letter's words: a letter
 * "about the lumbar spine" is one whose text names it in one of these ways.
 * The corpus holds no coded region or diagnosis per letter, so these filters
 * select letters that mention them (in the summary, a request or a
 * rationale), written as one more clause of the search words: each clause
 * must match, the terms of a clause are alternatives.
 */
export const BODY_REGIONS: Record<string, { label: string; terms: string[] }> = {
  lumbar: { label: 'Low back (lumbar)', terms: ['lumbar', 'lumbosacral', '"low back"', '"lower back"'] },
  cervical: { label: 'Neck (cervical)', terms: ['cervical', 'neck'] },
  thoracic: { label: 'Mid back (thoracic)', terms: ['thoracic', '"mid back"', '"upper back"'] },
  shoulder: { label: 'Shoulder', terms: ['shoulder', 'shoulders', '"rotator cuff"'] },
  elbow: { label: 'Elbow', terms: ['elbow', 'elbows', 'epicondylitis'] },
  wrist: { label: 'Wrist and hand', terms: ['wrist', 'wrists', 'hand', 'hands', 'carpal', 'finger', 'fingers', 'thumb'] },
  hip: { label: 'Hip', terms: ['hip', 'hips', 'groin'] },
  knee: { label: 'Knee', terms: ['knee', 'knees', 'meniscus', 'patella', 'patellar'] },
  ankle: { label: 'Ankle and foot', terms: ['ankle', 'ankles', 'foot', 'feet', 'heel', 'plantar'] },
  head: { label: 'Head', terms: ['head', 'headache', 'headaches'] },
};

/** The search words with the region's clause and the diagnosis (as a phrase) added; unknown regions add nothing. */
export function wordsWith(q: string | undefined, region: string | undefined, diagnosis: string | undefined): string {
  const parts = [q?.trim() ?? ''];
  const r = region ? BODY_REGIONS[region] : undefined;
  if (r) parts.push(r.terms.join(' OR '));
  const d = diagnosis?.replace(/["*]/g, ' ').replace(/\s+/g, ' ').trim();
  if (d) parts.push(`"${d}"`);
  return parts.filter(Boolean).join(' ');
}
