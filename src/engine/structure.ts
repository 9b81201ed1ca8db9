import type { CaseFileItem, Decision, Evidence, ItemStructure, Treatment } from '../domain/index.js';
import { MTUS_HELD_UNTIL, FORMULARY_FROM } from '../guidelines/index.js';
import type { AnalyzedCase } from './facts.js';

/** What `itemStructure` needs to know of an item and its siblings. */
export interface StructureInput {
  item: CaseFileItem;
  treatment: Treatment;
  regions: readonly string[];
  perioperative: boolean;
}

/** A service that exists only for another item: its supplies or its anaesthesia. */
const SUPPLIES = /\b(?:supplies|electrodes?|batter(?:y|ies)|pads?|lead wires?|replacement (?:pads|electrodes))\b/i;
const ANESTHESIA = /\b(?:an(?:a)?esthesi\w*|sedation|MAC)\b/i;

/** An authorised part that is a first trial: sessions, visits, a rental or a stated trial. */
const TRIAL_PART = /\btrial\b|\brent(?:al)?\b|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:\w+\s+){0,3}?(?:sessions?|visits?|treatments?)\b|\b(?:sessions?|visits?)\b[^.]{0,40}#\s*\d+|\bx\s*\d+\b|\b\d+\s*x\s*\d+\b/i;

/** Words saying a surgery or procedure was already approved, or already done. */
const AUTHORIZED = /\b(?:authori[sz]ed|certified|approved|scheduled)\b/i;
const DONE = /\b(?:underwent|status post|s\/p|was performed|performed on|had (?:a |an )?(?:\w+ )?(?:surgery|release|repair|fusion|arthroscopy|injection))\b/i;

/** An earlier study of the same kind: "MRI of the lumbar spine dated 3/1/14 showed ...". */
const STUDY_WORDS: Record<string, RegExp> = {
  mri: /\bMRI\b|\bmagnetic resonance\b/i,
  'ct scan': /\bCT\b|\bcomputed tomography\b|\bCAT scan\b/i,
  'x-ray': /\bx-?rays?\b|\bradiographs?\b|\bplain films?\b/i,
};
const PAST_STUDY = /\b(?:dated|performed|showed|shows|revealed|reveals|demonstrated|documented|noted|done|obtained|prior|previous|old)\b/i;
const REGION_WORDS: Record<string, RegExp> = {
  lumbar: /\blumbar|\blumbosacral|\blow(?:er)? back|\bL[1-5]\b/i,
  cervical: /\bcervical|\bneck\b|\bC[2-7]\b/i,
  thoracic: /\bthoracic\b/i,
  shoulder: /\bshoulders?\b/i,
  knee: /\bknees?\b/i,
  wrist: /\bwrists?\b|\bhands?\b/i,
  hand: /\bhands?\b|\bwrists?\b|\bfingers?\b/i,
  elbow: /\belbows?\b/i,
  hip: /\bhips?\b|\bpelvis\b/i,
  ankle: /\bankles?\b|\bfoot\b|\bfeet\b/i,
  foot: /\bfoot\b|\bfeet\b|\bankles?\b/i,
};

/** Drug classes given to protect the stomach from an NSAID. */
const GI_PROTECTION = new Set(['ppi', 'h2-blocker']);

/** Whether an item serving `parent` takes the parent's decision (its supplies, its anaesthesia) rather than adding the parent's necessity to its own criteria (a PPI beside an NSAID). */
export function followsParent(t: Treatment): boolean {
  return !(t.kind === 'medication' && GI_PROTECTION.has(t.drugClass));
}

/** Words saying a drug was stopped or replaced. */
const STOPPED = /\b(?:discontinu\w*|stopp?ed|switch\w*|changed|replac\w*|no longer|weaned|tapered off|ceased|instead|in (?:its|their) place)\b/i;

/** Drug classes where a second drug of the class duplicates the first rather than adding to it. */
export const NO_DUPLICATE_CLASSES = new Set(['muscle-relaxant', 'nsaid', 'benzodiazepine', 'ppi', 'h2-blocker']);

/** A key naming what an item asks for, to find the same treatment asked twice. */
function treatmentKey(t: Treatment, request: string): string {
  if (t.kind === 'medication' && t.generic.length) return `m:${[...t.generic].sort().join('+')}:${t.strengthMg.join('/')}:${t.strengthPercent?.join('/') ?? ''}`;
  // A procedure is the same when the request reads the same, dates and punctuation aside.
  return `p:${request.toLowerCase().replace(/\b(?:retro(?:spective)?|prospective|dos|date of service)\b|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|[^a-z0-9]+/g, ' ').replace(/\s+/g, ' ').trim()}`;
}

/** The structure of one item, with the evidence of its repeat study and same-class drug (for criteria to cite). */
export interface StructureResult {
  structure: ItemStructure;
  /** The sibling this item serves, when it serves one in dispute here. */
  parent: StructureInput | null;
  /** Sentences showing the earlier study of the region. */
  priorStudy: Evidence[];
  /** Sentences naming another drug of the class in use. */
  sameClass: Evidence[];
}

function ev(s: { start: number; end: number; text: string }): Evidence {
  return { source: 'clinicalSummary', start: s.start, end: s.end, text: s.text, polarity: 'affirmed' };
}

/**
 * How an item stands in its case: UR's action and the remainder of a
 * modified request, what it serves (a surgery, or another item as its
 * supplies or anaesthesia) and how that stands, a repeat study of a region
 * already imaged, a second drug of a class in use, the same treatment asked
 * twice, and a request dated after the guideline editions the knowledge
 * base holds. Reads only the case file.
 */
export function itemStructure(analyzed: AnalyzedCase, p: StructureInput, all: readonly StructureInput[], decisions: ReadonlyMap<StructureInput, Decision | null>): StructureResult {
  const item = p.item;
  const t = p.treatment;
  const summary = analyzed.texts[0]!.analysis;
  const modified = item.urAction === 'modified' || !!item.authorizedPortion;
  const urAction = modified ? 'modified' : item.urAction === 'non-certified' ? 'denied' : 'unknown';
  const remainder = modified && !!(item.authorizedPortion || item.originalRequest);
  const beyondAuthorizedTrial = remainder && t.kind === 'procedure' && TRIAL_PART.test(item.authorizedPortion ?? '');

  // What the item serves.
  let dependsOn: ItemStructure['dependsOn'] = 'none';
  let parent: StructureInput | null = null;
  let parentStatus: ItemStructure['parentStatus'] = 'none';
  const others = all.filter((o) => o !== p);
  if (p.perioperative) {
    dependsOn = 'surgery';
    parent = others.find((o) => o.treatment.category === 'surgery' && !o.perioperative) ?? null;
  } else if (SUPPLIES.test(item.request) && t.category === 'dme') {
    dependsOn = 'item';
    parent = others.find((o) => o.treatment.kind === 'procedure' && t.kind === 'procedure' && o.treatment.name === t.name && !SUPPLIES.test(o.item.request)) ?? null;
  } else if (ANESTHESIA.test(item.request) && t.kind === 'procedure' && !['injection', 'surgery'].includes(t.category)) {
    dependsOn = 'item';
    parent = others.find((o) => o.treatment.category === 'injection' || o.treatment.category === 'surgery') ?? null;
  } else if (t.kind === 'medication' && GI_PROTECTION.has(t.drugClass)) {
    // A stomach protector requested with an NSAID protects against that NSAID: it is needed only if the NSAID is.
    const nsaid = others.find((o) => o.treatment.kind === 'medication' && o.treatment.drugClass === 'nsaid');
    if (nsaid) {
      dependsOn = 'item';
      parent = nsaid;
    }
  }
  if (dependsOn !== 'none') {
    if (parent) parentStatus = 'in-dispute';
    else {
      const kinds = summary.kinds;
      const about = dependsOn === 'surgery' ? /\b(?:surgery|surgical|arthroscop\w*|repair|release|fusion|decompression|arthroplasty|replacement|\w+ectomy)\b/i : t.kind === 'procedure' ? new RegExp(`\\b${t.name.split(' ')[0]!.replace(/[^a-z]/gi, '')}`, 'i') : /$^/;
      const clinical = summary.sentences.filter((s, i) => about.test(s.text) && kinds[i] !== 'plan');
      if (clinical.some((s) => DONE.test(s.text))) parentStatus = 'done';
      else if (summary.sentences.some((s) => about.test(s.text) && AUTHORIZED.test(s.text) && !/\bnot\b|\bnon-?certif/i.test(s.text))) parentStatus = 'authorized';
      else parentStatus = 'unknown';
    }
  }

  // A repeat study of a region already imaged.
  const priorStudy: Evidence[] = [];
  if (t.kind === 'procedure' && STUDY_WORDS[t.name]) {
    const study = STUDY_WORDS[t.name]!;
    const regionRes = p.regions.map((r) => REGION_WORDS[r]).filter((r): r is RegExp => !!r);
    summary.sentences.forEach((s, i) => {
      const k = summary.kinds[i];
      if (k === 'plan' || k === 'ur-statement') return;
      if (study.test(s.text) && PAST_STUDY.test(s.text) && regionRes.some((r) => r.test(s.text))) priorStudy.push(ev(s));
    });
  }

  // A second drug of a class already in use (not one stopped or replaced: the request may be its successor).
  const sameClass: Evidence[] = [];
  if (t.kind === 'medication' && NO_DUPLICATE_CLASSES.has(t.drugClass)) {
    const mine = new Set(t.generic);
    const stopped = new Set(summary.drugs.filter((d) => STOPPED.test(d.sentence.text)).flatMap((d) => d.generic));
    const seen = new Set<number>();
    for (const d of summary.drugs) {
      if (d.polarity !== 'affirmed' || d.drugClass !== t.drugClass || d.generic.some((g) => mine.has(g) || stopped.has(g)) || seen.has(d.sentence.start)) continue;
      seen.add(d.sentence.start);
      sameClass.push(ev(d.sentence));
    }
  }

  const key = treatmentKey(t, item.request);
  const index = all.indexOf(p);
  const duplicate = all.some((o, i) => i < index && treatmentKey(o.treatment, o.item.request) === key);

  const date = analyzed.referenceDate;
  const guidelineVersionMissing = !!date && (date > MTUS_HELD_UNTIL || (t.kind === 'medication' && date >= FORMULARY_FROM));

  return {
    structure: {
      urAction,
      remainder,
      beyondAuthorizedTrial,
      dependsOn,
      parentStatus,
      parentDecision: parent ? (decisions.get(parent) ?? null) : null,
      repeatImaging: priorStudy.length > 0,
      sameClassInUse: sameClass.length > 0,
      duplicate,
      guidelineVersionMissing,
    },
    parent,
    priorStudy: priorStudy.slice(0, 3),
    sameClass: sameClass.slice(0, 3),
  };
}

/** The item's structure in words, for a person reading the draft; empty when it stands alone, denied outright. */
export function describeStructure(s: ItemStructure): string[] {
  const out: string[] = [];
  if (s.remainder) out.push(`UR modified the request: the item in dispute is the remainder UR did not authorise${s.beyondAuthorizedTrial ? ', beyond an authorised trial whose results are not yet documented' : ''}`);
  if (s.dependsOn !== 'none') {
    const what = s.dependsOn === 'surgery' ? 'the surgery' : 'another item';
    const status = s.parentStatus === 'in-dispute' ? `in dispute in this case${s.parentDecision ? ` (drafted ${s.parentDecision})` : ''}` : s.parentStatus === 'authorized' ? 'already authorised' : s.parentStatus === 'done' ? 'already done' : 'of unknown status';
    out.push(`serves ${what}, ${status}`);
  }
  if (s.repeatImaging) out.push('repeats a study of a region already imaged');
  if (s.sameClassInUse) out.push('a second drug of a class already in use');
  if (s.duplicate) out.push('the same treatment is requested by another item');
  if (s.guidelineVersionMissing) out.push('judged under a guideline version the knowledge base does not hold');
  return out;
}
