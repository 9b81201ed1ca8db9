import type { Laterality, ProcedureTreatment, TreatmentCategory } from '../../domain/index.js';
import { NUMBER, NUMBER_OR_RANGE, countOrNull, toNumber, upperBound } from '../numbers.js';

/** A procedure or service: what matches it, its canonical name and category. First match wins, so specific entries come first. */
export interface ProcedureEntry {
  pattern: RegExp;
  name: string;
  category: TreatmentCategory;
}

const P = (pattern: RegExp, name: string, category: TreatmentCategory): ProcedureEntry => ({ pattern, name, category });

export const PROCEDURES: ProcedureEntry[] = [
  // Injections
  P(/\bmedial branch (?:nerve )?blocks?\b/i, 'medial branch block', 'injection'),
  P(/\bfacet\b.*\b(?:blocks?|injections?)\b|\bfacet joint\b/i, 'facet joint diagnostic block', 'injection'),
  P(/\bradiofrequency\b|\brhizotomy\b|\bneurotomy\b|\bRFA\b/i, 'radiofrequency ablation', 'injection'),
  P(/\bepidural\b|\bESI\b|\btransforaminal\b|\binterlaminar\b|\bcaudal\b/i, 'epidural steroid injection', 'injection'),
  P(/\btrigger points? injections?\b|\bTPI\b/i, 'trigger point injection', 'injection'),
  P(/\bplatelet[- ]rich plasma\b|\bPRP\b/i, 'platelet-rich plasma injection', 'injection'),
  P(/\bviscosupplement|\bsynvisc\b|\bhyaluron|\borthovisc\b|\beuflexxa\b|\bsupartz\b/i, 'viscosupplementation', 'injection'),
  P(/\bsacroiliac\b.*\binjection|\bSI joint\b.*\binjection/i, 'sacroiliac joint injection', 'injection'),
  P(/\bbotox\b|\bbotulinum\b/i, 'botulinum toxin injection', 'injection'),
  P(/\bnerve blocks?\b/i, 'nerve block', 'injection'),
  P(/\b(?:cortisone|steroid|corticosteroid|subacromial)\s+injections?\b|\binjections?\b/i, 'steroid injection', 'injection'),
  // Imaging and diagnostics
  P(/\bMRI\b|\bMRA\b|magnetic resonance/i, 'mri', 'imaging'),
  P(/\bCT\b|computed tomography|\bCAT scan\b/i, 'ct scan', 'imaging'),
  P(/\bx-?rays?\b|\bradiographs?\b/i, 'x-ray', 'imaging'),
  P(/\bbone scan\b|\bscintigraph/i, 'bone scan', 'imaging'),
  P(/\bdiagnostic ultrasound\b|\bultrasound of\b|\bsonogra/i, 'diagnostic ultrasound', 'imaging'),
  P(/\bimpedance imaging\b/i, 'trigger point impedance imaging', 'diagnostic'),
  P(/\bEMG\b|\bNCV\b|\bNCS\b|electromyogra|nerve conduction/i, 'emg/ncv', 'diagnostic'),
  P(/\burine (?:drug|tox)|\bUDS\b|\bUDT\b|\bdrug (?:screen|test)/i, 'urine drug screen', 'diagnostic'),
  P(/\bEKG\b|\bECG\b|electrocardiogra/i, 'ekg', 'diagnostic'),
  P(/\blabs?\b|\bCBC\b|chem(?:istry)? panel|\bPT\/PTT\b|\bUA\b|urinalysis|blood (?:test|work)|\bpanel\b/i, 'laboratory tests', 'diagnostic'),
  P(/functional capacity evaluation|\bFCE\b/i, 'functional capacity evaluation', 'diagnostic'),
  P(/sleep study|polysomnogra/i, 'sleep study', 'diagnostic'),
  P(/\bgenetic\b|\bDNA\b/i, 'genetic testing', 'diagnostic'),
  // Physical medicine
  P(/functional restoration|\bFRP\b|\bHELP program\b|multidisciplinary pain/i, 'functional restoration program', 'physical-medicine'),
  P(/work (?:hardening|conditioning)/i, 'work hardening', 'physical-medicine'),
  P(/\baqua(?:tic)? therapy\b|\bpool therapy\b|\bwater therapy\b/i, 'aquatic therapy', 'physical-medicine'),
  P(/\bacupuncture\b/i, 'acupuncture', 'physical-medicine'),
  P(/\bchiro|spinal manipulation|\bmanipulation\b|\bmanual therapy\b/i, 'chiropractic manipulation', 'physical-medicine'),
  P(/\bmassage\b|\bmyofascial release\b/i, 'massage therapy', 'physical-medicine'),
  P(/\boccupational therapy\b|\bOT\b/i, 'occupational therapy', 'physical-medicine'),
  P(/\bshockwave\b|\bESWT\b/i, 'extracorporeal shockwave therapy', 'physical-medicine'),
  P(/\bbiofeedback\b/i, 'biofeedback', 'psych'),
  P(/\binfrared\b/i, 'infrared therapy', 'physical-medicine'),
  P(/\bultrasound\b/i, 'therapeutic ultrasound', 'physical-medicine'),
  P(/\bTENS\b|transcutaneous electrical|\bEMS\b|\bneuromuscular (?:electrical )?stimulat/i, 'tens unit', 'dme'),
  P(/\bH-?wave\b/i, 'h-wave unit', 'dme'),
  P(/\binterferential\b|\bIF unit\b/i, 'interferential stimulator', 'dme'),
  P(/\belectrical stimulation\b|\be-?stim\b|\bneurostimulation\b/i, 'electrical stimulation', 'physical-medicine'),
  P(/\btraction\b/i, 'traction', 'physical-medicine'),
  P(/\bphysical therapy\b|\bPT\b|\bphysiotherapy\b|\btherapeutic exercises?\b|\bphysical medicine\b|\brehab(?:ilitation)?\b/i, 'physical therapy', 'physical-medicine'),
  // Psych
  P(/\bpartial hospitalization\b/i, 'partial hospitalization', 'psych'),
  P(/cognitive behavio|\bCBT\b|psychotherap|psycholog|psychiatr|\bcounsel|\bhypnotherapy\b|\brelaxation training\b/i, 'psychological treatment', 'psych'),
  // Surgery
  P(/\bspinal cord stimulat|\bSCS\b/i, 'spinal cord stimulator', 'surgery'),
  P(/\bassistant surgeon\b|\bco-?surgeon\b/i, 'assistant surgeon', 'surgery'),
  P(/\brotator cuff repair\b/i, 'rotator cuff repair', 'surgery'),
  P(/\bbankart\b|\bSLAP\b|\blabral\b/i, 'labral repair', 'surgery'),
  P(/\bcarpal tunnel release\b|\bCTR\b/i, 'carpal tunnel release', 'surgery'),
  P(/\bfusion\b|\barthrodesis\b/i, 'spinal fusion', 'surgery'),
  P(/\bdiscectomy\b|\bmicrodiscectomy\b|\blaminectomy\b|\blaminotomy\b|\bforaminotomy\b/i, 'spinal decompression', 'surgery'),
  P(/\b(?:total |partial )?(?:knee|hip|shoulder) (?:replacement|arthroplasty)\b|\barthroplasty\b/i, 'joint replacement', 'surgery'),
  P(/\bmeniscectomy\b|\bmenisc\w* repair\b/i, 'meniscectomy', 'surgery'),
  P(/\barthroscop/i, 'arthroscopy', 'surgery'),
  // Evaluation and management (before the generic surgery entry: "spine surgery evaluation" is a consultation)
  P(/\bmedical clearance\b|\bpre-?op(?:erative)? clearance\b|\bclearance\b/i, 'medical clearance', 'evaluation'),
  P(/\bconsult|\breferral\b|\bTOC\b|transfer of care|second opinion|\bevaluation\b|\beval\b/i, 'specialist consultation', 'evaluation'),
  P(/\boffice visits?\b|\bfollow[- ]?ups?\b|\bvisits?\b|\bphysical exam|\binitial exam|\bre-?exam|\bexam\b/i, 'office visit', 'evaluation'),
  P(/\b(?:repair|release|decompression|osteotomy|reconstruction|excision|debridement|tenodesis|surgery|surgical|operative|-ectomy|ectomy)\b/i, 'surgery', 'surgery'),
  // Equipment and supplies
  P(/\bcold therapy\b|\bcryotherapy\b|\bice (?:unit|machine)\b|\bvascutherm\b|\bgame ready\b|\bcooling unit\b/i, 'cold therapy unit', 'dme'),
  P(/\bhot\/cold\b|\bheat(?:ing)? (?:pad|wrap)\b|\bthermal\b/i, 'hot/cold therapy', 'dme'),
  P(/\bsling\b|\bultrasling\b|\babduction pillow\b/i, 'sling', 'dme'),
  P(/\bbraces?\b|\bsupports?\b|\borthos[ie]s\b|\borthotics?\b|\bsplints?\b|\bcollar\b|\bcorset\b/i, 'brace', 'dme'),
  P(/\bwheelchair\b|\bscooter\b|\bwalker\b|\bcanes?\b|\bcrutch/i, 'mobility aid', 'dme'),
  P(/\bcommode\b|\bshower chair\b|\bbath\b|\bgrab bars?\b|\braised toilet\b/i, 'bathroom equipment', 'dme'),
  P(/\bpillow\b|\bmattress\b|\bbed\b|\bcushion\b|\bpad\b/i, 'positioning aid', 'dme'),
  P(/\bworkstation\b|\bergonomic\b|\bchair\b|\bdesk\b/i, 'ergonomic equipment', 'dme'),
  P(/\bwraps?\b|\bstockings?\b|\bcompression\b/i, 'compression garment', 'dme'),
  P(/\bgloves\b|\bwipes\b|\bsupplies\b|\bdressings?\b|\bbandages?\b/i, 'medical supplies', 'dme'),
  P(/\bhome exercise (?:kit|equipment)\b|\bexercise equipment\b|\bpulley\b|\btheraband\b/i, 'home exercise equipment', 'dme'),
  P(/\bunit\b|\bdevice\b|\bpurchase\b|\brental\b|\bDME\b/i, 'durable medical equipment', 'dme'),
  // Other services
  P(/\bhome health\b|\bhome care\b|\bcaregiver\b|\baide\b|\bhousekeeping\b|\bnursing\b/i, 'home health care', 'other'),
  P(/\bgym\b|\bmembership\b|\bYMCA\b/i, 'gym membership', 'other'),
  P(/\btransport/i, 'transportation', 'other'),
  P(/\bweight loss\b|\bdiet\b/i, 'weight loss program', 'other'),
];

/** "Associated surgical service: Cold therapy for one week" is about the cold therapy. */
export function procedureSubject(request: string): string {
  return request.replace(/^\s*associated surgical services?\s*:\s*/i, '');
}

/** The first procedure entry whose pattern matches `subject` (see procedureSubject), or null. */
export function findProcedure(subject: string): ProcedureEntry | null {
  return PROCEDURES.find((p) => p.pattern.test(subject)) ?? null;
}

const BODY_PARTS: [RegExp, string][] = [
  [/\blumbar\b|\blumbosacral\b|\blow(?:er)? back\b|\bL\d\b/i, 'lumbar spine'],
  [/\bcervical\b|\bneck\b|\bC\d\b/i, 'cervical spine'],
  [/\bthoracic\b|\bupper back\b|\bT\d{1,2}\b/i, 'thoracic spine'],
  [/\bshoulders?\b|\btrapezi/i, 'shoulder'],
  [/\bknees?\b/i, 'knee'],
  [/\bwrists?\b/i, 'wrist'],
  [/\bhands?\b|\bfingers?\b|\bthumb\b/i, 'hand'],
  [/\belbows?\b/i, 'elbow'],
  [/\bhips?\b/i, 'hip'],
  [/\bpelvi/i, 'pelvis'],
  [/\bankles?\b/i, 'ankle'],
  [/\bfoot\b|\bfeet\b|\btoes?\b/i, 'foot'],
  [/\bhead\b|\bbrain\b/i, 'head'],
  [/\bupper extremit/i, 'upper extremity'],
  [/\blower extremit|\blower legs?\b|\blegs?\b/i, 'lower extremity'],
];

const LEVEL_RANGE = /\b([CTLS])\s?(\d{1,2})\s*(?:-|–|to|\/)\s*([CTLS])?\s?(\d{1,2})\b/gi;
const LEVEL_SINGLE = /\b([CTLS])(\d{1,2})\b/gi;

/** Spinal levels, normalised: "L2-3. L3-4" → ["L2-L3", "L3-L4"]; a single level stays ("L4"). */
export function spinalLevels(text: string): string[] {
  const out: string[] = [];
  const covered: [number, number][] = [];
  for (const m of text.matchAll(LEVEL_RANGE)) {
    const a = m[1]!.toUpperCase();
    const b = (m[3] ?? m[1]!).toUpperCase();
    out.push(`${a}${Number(m[2])}-${b}${Number(m[4])}`);
    covered.push([m.index, m.index + m[0].length]);
  }
  // Both kinds of match come in text order: one pointer over the ranges
  // (not a scan of them all per level, quadratic in a long list of levels).
  let r = 0;
  for (const m of text.matchAll(LEVEL_SINGLE)) {
    while (r < covered.length && covered[r]![1] <= m.index) r++;
    if (r < covered.length && m.index >= covered[r]![0]) continue;
    out.push(`${m[1]!.toUpperCase()}${Number(m[2])}`);
  }
  return [...new Set(out)];
}

/** left / right / bilateral, from the request's wording. */
export function laterality(text: string): Laterality | null {
  if (/\bbilateral(?:ly)?\b|\bboth\b|\bB\/L\b/i.test(text)) return 'bilateral';
  const left = /\bleft\b|\blt\.?\s/i.test(text);
  const right = /\bright\b|\brt\.?\s/i.test(text);
  if (left && right) return 'bilateral';
  return left ? 'left' : right ? 'right' : null;
}

const EXPLICIT_SESSIONS = new RegExp(`\\b(${NUMBER_OR_RANGE})\\s+(?:\\(\\d+\\)\\s+)?(?:[a-z-]+\\s+){0,3}?(?:sessions?|visits?|treatments?)\\b|\\b(?:sessions?|visits?)\\s*(?:of|x|:)?\\s*(${NUMBER})\\b|\\bfor\\s+(${NUMBER})\\s+(?:sessions|visits)\\b`, 'i');
const FREQ_DURATION = new RegExp(`\\b(${NUMBER_OR_RANGE})\\s*(?:x|times)\\s*(?:a|per|/)?\\s*(?:week|wk|weekly)\\s*(?:for|x|times|over)?\\s*(${NUMBER_OR_RANGE})\\s*(?:weeks?|wks?)\\b`, 'i');
const TIMES_N = new RegExp(`\\b(${NUMBER})\\s*(?:x|times)\\s*(${NUMBER})\\b(?!\\s*(?:a|per)\\b)`, 'i');
const COUNT = new RegExp(`(?:\\btimes\\s+|\\bx\\s?|#\\s?)(${NUMBER})\\b`, 'i');

/** Number of sessions or visits asked for, when the request states it (and as a sensible count). */
export function sessions(text: string): number | null {
  return countOrNull(statedSessions(text));
}

function statedSessions(text: string): number | null {
  const t = text.replace(/\(\d+ mins?\)/gi, ' ');
  let m = EXPLICIT_SESSIONS.exec(t);
  if (m) return upperBound(m[1] ?? m[2] ?? m[3]!);
  m = FREQ_DURATION.exec(t);
  if (m) {
    const a = upperBound(m[1]!);
    const b = upperBound(m[2]!);
    if (a !== null && b !== null) return a * b;
  }
  m = TIMES_N.exec(t);
  if (m) {
    const a = toNumber(m[1]!);
    const b = toNumber(m[2]!);
    if (a !== null && b !== null) return a * b;
  }
  m = COUNT.exec(t);
  return m ? toNumber(m[1]!) : null;
}

/** Normalises a non-medication request: name, category, laterality, spinal levels, body parts, sessions. */
export function parseProcedure(request: string, known?: ProcedureEntry | null): ProcedureTreatment {
  const subject = procedureSubject(request);
  const entry = known === undefined ? findProcedure(subject) : known;
  const bodyParts = BODY_PARTS.filter(([re]) => re.test(subject)).map(([, name]) => name);
  const physical = entry ? ['physical-medicine', 'psych'].includes(entry.category) || entry.name === 'office visit' : false;
  const t: ProcedureTreatment = {
    kind: 'procedure',
    category: entry?.category ?? 'other',
    name: entry?.name ?? subject.replace(/\s+/g, ' ').trim().toLowerCase().slice(0, 80),
    laterality: laterality(subject),
    levels: spinalLevels(subject),
    bodyParts,
    sessions: physical ? sessions(subject) : null,
  };
  if (/\bretro(?:spective)?\b|\bDOS\b|date of service/i.test(request)) t.retrospective = true;
  return t;
}
