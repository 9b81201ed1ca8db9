/**
 * Canonical names of the guideline documents IMR letters cite, and the ways
 * the letters spell them. The tables are data so that a new spelling is one
 * more alias, not one more branch.
 *
 * Naming rules (the names are what downstream code groups and counts by):
 * - The MTUS Chronic Pain Medical Treatment Guidelines keep one name for the
 *   2009 and 2016 editions; the year stays visible in the citation's `raw`.
 * - ACOEM chapters adopted in the MTUS are named by ACOEM chapter number and
 *   title without the adoption year ("ACOEM Chapter 12 Low Back Complaints"),
 *   whether the letter writes "MTUS ACOEM Chapter 12 Low Back Complaints" or
 *   "MTUS Low Back Complaints 2004".
 * - ODG documents are chapters, "<Chapter> Chapter" ("Low Back Chapter"),
 *   with "and" for "&"; a citation naming no chapter gets "Official
 *   Disability Guidelines".
 */

/** One MTUS document: its canonical name and the pattern source of its aliases. */
export interface MtusDocument {
  readonly name: string;
  readonly alias: string;
}

/** Optional year after a document name: "2004", ", 2016", "(2009)". */
const YEAR = String.raw`(?:,?\s?\(?(?:19|20)\d\d\)?)?`;
/** Optional ACOEM / chapter-number lead-in before an adopted ACOEM chapter title. */
const ACOEM_LEAD = String.raw`(?:ACOEM(?:\s(?:Practice\s)?Guidelines?)?(?:,?\s2nd\sEdition)?,?\s)?(?:Chapter\s?\d{1,2}\s?[,:-]?\s?)?`;

function acoem(chapter: number, title: string, alias: string): MtusDocument {
  return { name: `ACOEM Chapter ${chapter} ${title}`, alias: ACOEM_LEAD + alias + YEAR };
}

/**
 * MTUS documents, most specific first: at one position the first alias that
 * matches wins, so the bare "ACOEM" fallback comes last.
 */
export const MTUS_DOCUMENTS: readonly MtusDocument[] = [
  {
    name: 'Chronic Pain Medical Treatment Guidelines',
    alias: String.raw`Chronic\sPain\s(?:Medical\s)?(?:Treatment(?:\sGuidelines?)?|Guidelines?)` + YEAR,
  },
  acoem(7, 'Independent Medical Examinations and Consultations', String.raw`Independent\sMedical\sExaminations\s(?:and|&)\sConsultations`),
  acoem(8, 'Neck and Upper Back Complaints', String.raw`Neck\s(?:and|&)\sUpper\sBack\sComplaints`),
  acoem(9, 'Shoulder Complaints', String.raw`Shoulder\sComplaints`),
  acoem(10, 'Elbow Disorders', String.raw`Elbow\s(?:Complaints|Disorders)`),
  acoem(11, 'Forearm, Wrist, and Hand Complaints', String.raw`Forearm,?\sWrist,?\s(?:and|&)\sHand\sComplaints`),
  acoem(12, 'Low Back Complaints', String.raw`Low\sBack\sComplaints`),
  acoem(13, 'Knee Complaints', String.raw`Knee\sComplaints`),
  acoem(14, 'Ankle and Foot Complaints', String.raw`Ankle\s(?:and|&)\sFoot\sComplaints`),
  acoem(15, 'Stress-Related Conditions', String.raw`Stress[-\s]?Related\sConditions`),
  // Plural only: "Section(s): General Approach" is a section of the other chapters.
  { name: 'ACOEM General Approaches', alias: String.raw`(?:ACOEM\s)?General\sApproaches` + YEAR },
  { name: 'Acupuncture Medical Treatment Guidelines', alias: String.raw`Acupuncture\s(?:Medical\s)?Treatment(?:\sGuidelines?)?` + YEAR },
  { name: 'Postsurgical Treatment Guidelines', alias: String.raw`Post-?\s?surgical\s(?:Treatment|Rehabilitation)(?:\sGuidelines?)?` + YEAR },
  // A year or "Guidelines" is required: the 2016 guidelines' own sections say
  // "... Chronic Opioid Treatment: ...".
  { name: 'Opioid Treatment Guidelines', alias: String.raw`Opioids?\sTreatment\s(?:Guidelines?` + YEAR + String.raw`|(?:19|20)\d\d)` },
  { name: 'ACOEM Practice Guidelines', alias: String.raw`ACOEM(?:\sPractice)?(?:\sGuidelines?)?` + YEAR },
];

/**
 * Where an MTUS document name may start: the clause start, after "MTUS",
 * "ACOEM" or "and", or after punctuation. This keeps section text such as
 * "Chronic Opioid Treatment" from being read as a document.
 */
const MTUS_BOUNDARY = String.raw`(?<=^|[,.;/]\s?|\band\s|\bMTUS\s|\bACOEM\s|\bCA\s)`;

/** Matches any MTUS document name; group `d<i>` tells which document. */
export const MTUS_DOCUMENT_PATTERN = new RegExp(
  MTUS_BOUNDARY + '(?:' + MTUS_DOCUMENTS.map((d, i) => `(?<d${i}>${d.alias})`).join('|') + String.raw`)(?![A-Za-z])`,
  'gi',
);

/** One ODG chapter: canonical name and alias pattern source. */
export interface OdgChapter {
  readonly name: string;
  readonly alias: string;
}

const AND = String.raw`\s?(?:and|&)\s?`;

/** ODG chapters, longest spellings first within each overlapping family. */
export const ODG_CHAPTERS: readonly OdgChapter[] = [
  { name: 'Low Back Chapter', alias: String.raw`Low\sBack(?:\s?[-–,]?\s?Lumbar` + AND + String.raw`Thoracic)?|Lumbar` + AND + 'Thoracic' },
  // Bare "neck" only when the letter says "neck Chapter" ("Low Back and neck Chapter").
  { name: 'Neck and Upper Back Chapter', alias: String.raw`Neck` + AND + String.raw`Upper\sBack|Neck(?=\schapter)` },
  { name: 'Forearm, Wrist, and Hand Chapter', alias: String.raw`Forearm,?\sWrist,?` + AND + String.raw`Hand|Hand(?=\schapter)` },
  { name: 'Mental Illness and Stress Chapter', alias: String.raw`Mental\sIllness` + AND + 'Stress' },
  { name: 'Carpal Tunnel Syndrome Chapter', alias: String.raw`Carpal\sTunnel\sSyndrome` },
  { name: 'Knee and Leg Chapter', alias: 'Knee(?:' + AND + 'Leg)?' },
  { name: 'Ankle and Foot Chapter', alias: 'Ankle(?:' + AND + 'Foot)?' },
  { name: 'Hip and Pelvis Chapter', alias: 'Hips?(?:' + AND + 'Pelvis)?' },
  { name: 'Fitness for Duty Chapter', alias: String.raw`Fitness\sfor\sDuty` },
  { name: 'Shoulder Chapter', alias: 'Shoulder' },
  { name: 'Elbow Chapter', alias: 'Elbow' },
  { name: 'Pain Chapter', alias: String.raw`(?:Chronic\s)?Pain` },
  { name: 'Head Chapter', alias: String.raw`Head|Traumatic\sBrain\sInjury` },
  { name: 'Eye Chapter', alias: 'Eye' },
  { name: 'Hernia Chapter', alias: 'Hernia' },
  { name: 'Pulmonary Chapter', alias: 'Pulmonary' },
  { name: 'Burns Chapter', alias: 'Burns' },
];

/** A chapter name starts a clause or follows a separator, "ODG" or "and" ... */
const ODG_BOUNDARY = String.raw`(?<=^|[,;:/.(\-–]\s?|\band\s|\bODG\)?\s|\bGuidelines?\s)`;
/** ... and is followed by a separator or "Chapter", so "Knee brace" is a topic, not the Knee chapter. */
const ODG_END = String.raw`(?=\s?(?:$|[,;:/(.\-–]|chapters?\b|sections?\b|and\b|guidelines?\b))(?:\s?chapters?\b)?`;

/** Matches any ODG chapter name; group `c<i>` tells which chapter. */
export const ODG_CHAPTER_PATTERN = new RegExp(
  ODG_BOUNDARY + '(?:' + ODG_CHAPTERS.map((c, i) => `(?<c${i}>${c.alias})`).join('|') + ')' + ODG_END,
  'gi',
);

/** Document name for an ODG citation that names no chapter. */
export const ODG_WHOLE = 'Official Disability Guidelines';

/** Document name for an MTUS citation whose document is not recognised. */
export const MTUS_WHOLE = 'MTUS';

/** Index of the alternative that matched, from named groups `<prefix><i>`. */
export function matchedIndex(m: RegExpExecArray, prefix: string): number {
  const groups = m.groups ?? {};
  for (const key of Object.keys(groups)) {
    if (groups[key] !== undefined && key.startsWith(prefix)) return Number(key.slice(prefix.length));
  }
  return -1;
}
