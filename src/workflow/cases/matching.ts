/**
 * Reviewer matching. Hard blocks first — a conflict of interest with any
 * party (Lab. Code §139.5 and §4610.6 require a reviewer without material
 * professional, familial or financial affiliation with the employer, the
 * worker, the providers or the claims administrator), no license, too little
 * active practice, unavailability — then ranking of everyone not blocked:
 * specialty fit to the disputed items and the condition, then the lightest
 * open workload.
 *
 * Active practice: the published letters state that each reviewer "has been
 * in active clinical practice for more than five years and is currently
 * working at least 24 hours a week in active practice"; those are the
 * thresholds used.
 */
import type { CaseParties, ImrCase, Reviewer, TieKind, Treatment } from '../../domain/index.js';
import { normalizeTreatment } from '../../clinical/treatments/index.js';

export const MIN_HOURS_PER_WEEK = 24;
export const MIN_YEARS_IN_PRACTICE = 5;

const US_STATES = new Set('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI'.split(' '));

/** How one reviewer stands for one case. */
export interface ReviewerMatch {
  reviewer: Reviewer;
  /** Why the reviewer may not take the case; empty when they may. */
  blocks: string[];
  /** Specialty fit: higher is better. */
  fit: number;
  /** What the fit was earned by ("medication → Pain Management"). */
  fitReasons: string[];
  /** Open cases the reviewer holds now. */
  workload: number;
}

/** Names compared without case, punctuation, honorifics, degrees or legal suffixes. */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[.,'’]/g, ' ')
    .replace(/\b(?:dr|mr|mrs|ms|md|do|dc|phd|inc|llc|corp|corporation|co|company|ltd|lp|llp|pc)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function sameParty(a: string, b: string): boolean {
  const x = normaliseName(a);
  const y = normaliseName(b);
  if (!x || !y) return false;
  if (x === y) return true;
  // "Valley Orthopedic Medical Group" vs "Valley Orthopedic": one name whole inside the other.
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 6 && ` ${long} `.includes(` ${short} `);
}

function partiesOfKind(p: CaseParties, kind: TieKind): { name: string; label: string }[] {
  switch (kind) {
    case 'employer':
      return [{ name: p.employer.name, label: 'the employer' }];
    case 'claims-administrator':
      return [{ name: p.claimsAdministrator.name, label: 'the claims administrator' }];
    case 'worker':
      return [{ name: p.worker.name, label: 'the injured worker' }];
    case 'provider':
      return p.providers.map((x) => ({ name: x.name, label: x.role ? `the ${x.role}` : 'a provider' }));
  }
}

/** Every conflict of interest between a reviewer and the case's parties, each naming the tie. */
export function conflictsOfInterest(reviewer: Reviewer, parties: CaseParties): string[] {
  const out: string[] = [];
  for (const tie of reviewer.ties) {
    for (const party of partiesOfKind(parties, tie.kind)) {
      if (sameParty(tie.name, party.name)) out.push(`conflict of interest: tied to ${party.label} ${party.name}${tie.nature ? ` (${tie.nature})` : ''}`);
    }
  }
  return out;
}

/** The hard blocks: any one keeps the reviewer off the case. */
export function hardBlocks(reviewer: Reviewer, parties: CaseParties): string[] {
  const blocks = conflictsOfInterest(reviewer, parties);
  if (!reviewer.licensureStates.some((s) => US_STATES.has(s))) blocks.push('not licensed in any US state');
  if (reviewer.hoursPerWeek < MIN_HOURS_PER_WEEK) blocks.push(`not in active practice: ${reviewer.hoursPerWeek} hours a week, at least ${MIN_HOURS_PER_WEEK} required`);
  if (reviewer.yearsInPractice < MIN_YEARS_IN_PRACTICE) blocks.push(`${reviewer.yearsInPractice} years in practice, at least ${MIN_YEARS_IN_PRACTICE} required`);
  if (!reviewer.available) blocks.push('not available');
  return blocks;
}

/** Specialty words that fit a treatment, by category and drug class. */
function specialtiesFor(t: Treatment): string[] {
  if (t.kind === 'medication') {
    const psych = ['antidepressant', 'antipsychotic', 'benzodiazepine', 'sleep-aid', 'stimulant'].includes(t.drugClass);
    return psych
      ? ['psychiatry', 'pain', 'internal medicine', 'family', 'occupational']
      : ['pain', 'anesthesiology', 'physical medicine', 'occupational', 'internal medicine', 'family', 'rehabilitation'];
  }
  const byCategory: Record<string, string[]> = {
    'physical-medicine': ['physical medicine', 'rehabilitation', 'chiropractic', 'physical therapy', 'occupational', 'acupuncture'],
    injection: ['pain', 'anesthesiology', 'physical medicine', 'interventional'],
    imaging: ['orthopedic', 'radiology', 'neurology', 'occupational', 'physical medicine', 'neurosurgery'],
    diagnostic: ['neurology', 'physical medicine', 'occupational', 'orthopedic', 'internal medicine'],
    surgery: ['orthopedic', 'neurosurgery', 'surgery', 'hand', 'spine'],
    dme: ['physical medicine', 'orthopedic', 'rehabilitation', 'occupational'],
    psych: ['psychiatry', 'psychology'],
    evaluation: ['occupational', 'physical medicine', 'internal medicine', 'family'],
  };
  return byCategory[t.category] ?? ['occupational', 'family', 'internal medicine'];
}

/** Condition words in the case text, and the specialties that treat them. */
const CONDITIONS: { pattern: RegExp; specialties: string[] }[] = [
  { pattern: /\b(?:lumbar|cervical|thoracic|spine|spinal|back|neck|disc|radiculopathy)\b/i, specialties: ['orthopedic', 'spine', 'neurosurgery', 'physical medicine', 'pain'] },
  { pattern: /\b(?:knee|shoulder|hip|ankle|wrist|elbow|hand|fracture|rotator cuff|meniscus)\b/i, specialties: ['orthopedic', 'hand', 'sports', 'physical medicine'] },
  { pattern: /\b(?:depression|anxiety|ptsd|psychiatric|insomnia)\b/i, specialties: ['psychiatry', 'psychology'] },
  { pattern: /\b(?:headache|brain|concussion|neuropathy|seizure)\b/i, specialties: ['neurology'] },
];

/** Fit of a reviewer to the case: one point per disputed item a specialty fits, half a point for the condition. */
export function specialtyFit(reviewer: Reviewer, c: ImrCase): { fit: number; reasons: string[] } {
  const own = [...reviewer.boardCertifications, ...reviewer.subspecialties, ...reviewer.specialties];
  const lower = own.map((s) => s.toLowerCase());
  const matching = (words: string[]) => own.filter((_s, i) => words.some((w) => lower[i]!.includes(w)));
  let fit = 0;
  const reasons: string[] = [];
  for (const item of c.file.items) {
    const t = item.treatment ?? normalizeTreatment(item.request);
    const hit = matching(specialtiesFor(t));
    if (hit.length) {
      fit += 1;
      reasons.push(`item ${item.index} (${t.category}) → ${hit[0]}`);
    }
  }
  const text = [c.file.clinicalSummary, ...Object.values(c.file.facts).map(String)].join(' ');
  for (const cond of CONDITIONS) {
    if (!cond.pattern.test(text)) continue;
    const hit = matching(cond.specialties);
    if (hit.length) {
      fit += 0.5;
      reasons.push(`condition → ${hit[0]}`);
      break;
    }
  }
  return { fit, reasons };
}

/**
 * Every reviewer evaluated for the case: those who may take it first, by fit
 * (descending) and then open workload (ascending); blocked ones after, with
 * their reasons.
 */
export function rankReviewers(reviewers: readonly Reviewer[], c: ImrCase, workload: ReadonlyMap<string, number>): ReviewerMatch[] {
  const matches = reviewers.map((reviewer) => {
    const { fit, reasons } = specialtyFit(reviewer, c);
    return { reviewer, blocks: hardBlocks(reviewer, c.parties), fit, fitReasons: reasons, workload: workload.get(reviewer.id) ?? 0 };
  });
  return matches.sort(
    (a, b) => Number(a.blocks.length > 0) - Number(b.blocks.length > 0) || b.fit - a.fit || a.workload - b.workload || a.reviewer.id.localeCompare(b.reviewer.id),
  );
}
