/**
 * Where a mention in a clinical sentence stands beyond its polarity: what
 * kind of statement holds it (an examination finding, a complaint, history,
 * a plan, an imaging or test result, or utilization review's own words), the
 * body region and side it is about, and when it was so relative to the
 * request. A criterion asks for an examination finding of the region in
 * dispute, so a patient's complaint of weakness or a shoulder test is not
 * a cervical nerve deficit.
 */

/** What kind of statement a fact comes from. */
export type FactKind = 'exam' | 'complaint' | 'history' | 'plan' | 'imaging' | 'ur-statement';

/** Body side a fact is about. */
export type Side = 'left' | 'right' | 'bilateral';

/** When a fact held, relative to the request: before it, after it (a later note), planned, or undated. */
export type FactTime = 'before-request' | 'after-request' | 'planned' | 'undated';

/** Sentences about the dispute itself (the request and UR's action): what was asked for or said by UR, not what happened. */
export const DISPUTE_SENTENCE = /\butilization review\b|\bUR\b|\bprior (?:review|determination)\b|\bprevious(?:ly)? (?:review\w*|denied|denial|determination)\b|\breview(?:ed)?,? dated\b|\brequest(?:ed|s)? for authorization\b|\bRFA\b|\bnon-?certif\w*|\b(?:was|were) (?:denied|modified|certified|authorized) by\b|\b(?:was|were) (?:denied|modified|certified)\b|\bclaims administrator\b|\bIMR\b|\bindependent medical review\b|\bIMR eligible\b/i;

const PLAN_KIND = /\b(?:treatment plan|plan of care|the plan (?:is|was|includ\w+)|plan(?:ned)? (?:to|for|includ\w+)|recommend\w*|requested|requesting|referr\w* (?:to|for)|will (?:be )?\w+|to rule out|was ordered|ordered an?)\b/i;
const EXAM_KIND = /\b(?:exam\w*|there (?:was|were) (?:no )?(?:\w+ ){0,2}(?:spasms?|tenderness|guarding|laxity|effusion|swelling)|objective(?:ly)?|physical assessment|on palpation|to palpation|palpable|revealed|positive|negative|range of motion|ROM|strength|reflex\w*|sensation|sensory|gait|tender\w*|straight[- ]leg|Spurling\w*|McMurray\w*|Tinel\w*|Phalen\w*|Hawkins|Neer\w*|provocative|test(?:ing)?|sign|spasms?|guarding|laxity|effusion|crepitus|atrophy|deficits?|flexion|extension|abduction|[0-5][+-]?\s*(?:\/|out of|over)\s*5)\b/i;
const COMPLAINT_KIND = /\b(?:complain\w*|c\/o|reports|reported(?! to be| as)|reporting|states|stated(?! that)|describe[sd]?|feel(?:s|ing)?|felt|concerned|experienc\w*|denie[sd]|endors\w*|subjective\w*|symptoms? included|difficulty|go(?:es)? numb|rated (?:the |his |her )?pain|radiat(?:ed|es|ing))\b/i;
const HISTORY_KIND = /^(?:the\s+)?(?:prior |past |previous |relevant )?(?:treatments?|therapies)(?: and (?:diagnostic )?(?:testing|studies|evaluation))?(?: to date)?(?: (?:has|have))?(?: (?:been )?(?:noted|documented) to)? (?:included|include|consisted)|^(?:current )?medications? (?:have |has )?(?:included|include)\b/i;
const IMAGING_RESULT = /\b(?:MRI|MR arthrogra\w*|CT|computed tomography|x-?rays?|radiographs?|radiologic|imaging|ultrasound|EMG|NCV|NCS|electrodiagnostic|electromyograph\w*|electroneurograph\w*|nerve conduction|myelogra\w*|bone scan|studies)\b[^.]{0,200}?\b(?:reveal\w*|show\w*|demonstrat\w*|document\w*|indicat\w*|consistent with|impression|finding\w*|(?:was|were|is|are) (?:negative|normal|unremarkable|positive)|positive for|negative for)\b|\b(?:negative|normal|unremarkable)\s+(?:\w+\s+){0,4}(?:x-?rays?|MRI|CT|imaging|radiographs?|studies)\b/i;

/**
 * The kind of statement a sentence is. UR's words first (never clinical
 * findings), then plans, imaging and test results, examination findings,
 * complaints; anything else is history.
 */
export function sentenceKind(sentence: string): FactKind {
  if (DISPUTE_SENTENCE.test(sentence)) return 'ur-statement';
  if (HISTORY_KIND.test(sentence.trim())) return 'history';
  if (IMAGING_RESULT.test(sentence)) return 'imaging';
  if (PLAN_KIND.test(sentence)) return 'plan';
  if (COMPLAINT_KIND.test(sentence) && !/\b(?:exam\w*|objective\w*|on palpation|to palpation)\b/i.test(sentence)) return 'complaint';
  if (EXAM_KIND.test(sentence)) return 'exam';
  return 'history';
}

/** Body-region words, most specific first; each names the region it places a mention in. */
const REGION_WORDS: [RegExp, string][] = [
  [/\b(?:lumbar|lumbosacral|low(?:er)? back|L[1-5](?:-S1|-L?[1-5])?|S1|sciatic|thoracolumbar|sacroiliac|SI joint|back)\b/gi, 'lumbar'],
  [/\b(?:cervical|neck|C[2-8](?:-C?[3-8]|-T1)?|paracervical)\b/gi, 'cervical'],
  [/\b(?:thoracic|mid back|upper back|T\d{1,2})\b/gi, 'thoracic'],
  [/\b(?:shoulders?|rotator cuff|subacromial|acromioclavicular|glenohumeral|deltoid|Hawkins|Neer\w*|drop arm|empty can|O'Brien\w*|Speed'?s|apprehension|impingement|labral|labrum|scapula\w*|trapezi\w*)\b/gi, 'shoulder'],
  [/\b(?:knees?|patell\w*|menisc\w*|McMurray\w*|Lachman\w*|joint line|ACL|tibial? plateau)\b/gi, 'knee'],
  [/\b(?:wrists?|carpal|Tinel\w*|Phalen\w*|Durkan\w*|median nerve|radius|radial|ulna\w*|metacarp\w*|capitate|hamate)\b/gi, 'wrist'],
  [/\b(?:hands?|fingers?|thumbs?|palm|thenar|phalan\w*)\b/gi, 'hand'],
  [/\b(?:elbows?|epicondyl\w*|cubital|olecranon)\b/gi, 'elbow'],
  [/\b(?:hips?|trochanter\w*|groin|piriformis|Patrick|FABER)\b/gi, 'hip'],
  [/\b(?:ankles?|malleol\w*|achilles|fibula|tibia)\b/gi, 'ankle'],
  [/\b(?:foot|feet|toes?|metatars\w*|plantar|heel)\b/gi, 'foot'],
  [/\b(?:head|face|facial|headaches?)\b/gi, 'head'],
  [/\b(?:arms?|upper (?:extremit\w*|limbs?)|forearms?|biceps|triceps|brachioradialis|grip)\b/gi, 'upper-extremity'],
  [/\b(?:legs?|lower (?:extremit\w*|limbs?)|thighs?|calf|calves|buttocks?|femur|patellar|straight[- ]leg|SLR)\b/gi, 'lower-extremity'],
];

const SIDE_WORDS = /\b(?:(bilateral(?:ly)?|both)|(left|lt)|(right|rt))\b/gi;

type RegionMention = { at: number; end: number; rank: number; region: string };

/** The last sentences' region words: a sentence's facts ask for them one after another. */
const RECENT = new Map<string, RegionMention[]>();

/** The region words of `text` with their offsets, their end and their rank (more specific regions first). */
function regionMentions(text: string): RegionMention[] {
  const known = RECENT.get(text);
  if (known) return known;
  const out: RegionMention[] = [];
  REGION_WORDS.forEach(([re, region], rank) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // "Straight leg raise" and "patellar reflex" are tests of the lumbar roots, not of the leg or knee as such.
      const r = /^(?:straight[- ]leg|SLR)$/i.test(m[0]) ? 'lumbar' : region;
      out.push({ at: m.index, end: m.index + m[0].length, rank, region: r });
    }
  });
  if (RECENT.size >= 64) RECENT.delete(RECENT.keys().next().value!);
  RECENT.set(text, out);
  return out;
}

/**
 * The body region a mention at `[start, end)` of `sentence` is about: a
 * region word inside the mention (the most specific: "drop arm" is the
 * shoulder), else the nearest one in the sentence, counted from the end of a
 * word before the mention or the start of one after it ("spasm of the lumbar
 * paraspinals", "cervical spine radiculitis"); null when the sentence names
 * none.
 */
export function regionOf(sentence: string, start: number, end: number): string | null {
  const inside = regionMentions(sentence.slice(start, end));
  if (inside.length) return [...inside].sort((a, b) => b.end - b.at - (a.end - a.at) || a.rank - b.rank)[0]!.region;
  let best: { d: number; rank: number; region: string } | null = null;
  for (const m of regionMentions(sentence)) {
    const d = m.at >= end ? m.at - end : m.end <= start ? start - m.end : -1;
    if (d >= 0 && (!best || d < best.d || (d === best.d && m.rank < best.rank))) best = { d, rank: m.rank, region: m.region };
  }
  return best?.region ?? null;
}

/** The side a mention is about: the side word nearest before it (or after it within the clause), null when none. */
export function sideOf(sentence: string, start: number, end: number): Side | null {
  let best: { d: number; side: Side } | null = null;
  SIDE_WORDS.lastIndex = 0;
  for (let m = SIDE_WORDS.exec(sentence); m; m = SIDE_WORDS.exec(sentence)) {
    const side: Side = m[1] ? 'bilateral' : m[2] ? 'left' : 'right';
    const d = m.index >= end ? (m.index - end) * 2 : m.index < start ? start - m.index : 0;
    if (!best || d < best.d) best = { d, side };
  }
  return best?.side ?? null;
}

/**
 * When a fact held relative to the request, from the latest date written in
 * its sentence (ISO, via `datesOf`) and the request's reference date.
 */
export function timeOf(kind: FactKind, polarity: string, sentenceDates: readonly string[], referenceDate: string | null): FactTime {
  if (kind === 'plan' || polarity === 'hypothetical') return 'planned';
  if (!sentenceDates.length || !referenceDate) return 'undated';
  const latest = [...sentenceDates].sort().at(-1)!;
  return latest > referenceDate ? 'after-request' : 'before-request';
}

/**
 * Regions whose findings bear on a request for `region`: a cervical request
 * is supported by findings of the neck, arms and hands (the cervical roots'
 * territory), not by a shoulder test; a lumbar one by the low back and legs.
 */
export const REGION_TERRITORY: Record<string, readonly string[]> = {
  cervical: ['cervical', 'upper-extremity', 'hand', 'thoracic'],
  thoracic: ['thoracic', 'cervical', 'lumbar'],
  lumbar: ['lumbar', 'lower-extremity', 'foot', 'thoracic'],
  thoracolumbar: ['lumbar', 'thoracic', 'lower-extremity'],
  shoulder: ['shoulder', 'upper-extremity'],
  elbow: ['elbow', 'upper-extremity'],
  wrist: ['wrist', 'hand', 'upper-extremity'],
  hand: ['hand', 'wrist', 'upper-extremity'],
  forearm: ['wrist', 'elbow', 'upper-extremity'],
  hip: ['hip', 'lower-extremity'],
  pelvis: ['hip', 'lumbar'],
  knee: ['knee', 'lower-extremity'],
  ankle: ['ankle', 'foot', 'lower-extremity'],
  foot: ['foot', 'ankle', 'lower-extremity'],
  // A study of a whole limb (electrodiagnostics) is about any part of it and the roots that supply it.
  'upper-extremity': ['upper-extremity', 'shoulder', 'elbow', 'wrist', 'hand', 'cervical'],
  'lower-extremity': ['lower-extremity', 'hip', 'knee', 'ankle', 'foot', 'lumbar'],
};

/** Whether a fact of `factRegion` bears on a request for any of `requestRegions`; a fact of no stated region may. */
export function regionFits(factRegion: string | null, requestRegions: readonly string[]): boolean {
  if (factRegion === null || !requestRegions.length) return true;
  return requestRegions.some((r) => (REGION_TERRITORY[r] ?? [r]).includes(factRegion));
}
