import type { EntryCitation } from './types.js';

/**
 * Canonical document names, identical to the letter parser's
 * (`src/letters/citations/guideline-documents.ts`), so that the engine's citation and
 * the reviewer's compare like with like.
 */
export const DOC = {
  cpmtg: 'Chronic Pain Medical Treatment Guidelines',
  acupuncture: 'Acupuncture Medical Treatment Guidelines',
  postsurgical: 'Postsurgical Treatment Guidelines',
  opioids2016: 'Opioid Treatment Guidelines',
  general: 'ACOEM General Approaches',
  ch7: 'ACOEM Chapter 7 Independent Medical Examinations and Consultations',
  neck: 'ACOEM Chapter 8 Neck and Upper Back Complaints',
  shoulder: 'ACOEM Chapter 9 Shoulder Complaints',
  elbow: 'ACOEM Chapter 10 Elbow Disorders',
  hand: 'ACOEM Chapter 11 Forearm, Wrist, and Hand Complaints',
  lowBack: 'ACOEM Chapter 12 Low Back Complaints',
  knee: 'ACOEM Chapter 13 Knee Complaints',
  ankle: 'ACOEM Chapter 14 Ankle and Foot Complaints',
  odgLowBack: 'Low Back Chapter',
  odgNeck: 'Neck and Upper Back Chapter',
  odgShoulder: 'Shoulder Chapter',
  odgKnee: 'Knee and Leg Chapter',
  odgHip: 'Hip and Pelvis Chapter',
  odgHand: 'Forearm, Wrist, and Hand Chapter',
  odgAnkle: 'Ankle and Foot Chapter',
  odgPain: 'Pain Chapter',
  odgElbow: 'Elbow Chapter',
  odgFitness: 'Fitness for Duty Chapter',
  odgCarpal: 'Carpal Tunnel Syndrome Chapter',
  odgMental: 'Mental Illness and Stress Chapter',
} as const;

/** Pages from..to inclusive. */
export function pages(from: number, to = from): number[] {
  const out: number[] = [];
  for (let p = from; p <= to; p++) out.push(p);
  return out;
}

/** An MTUS citation. */
export function mtus(document: string, sections: string[], pageList: number[] = []): EntryCitation {
  return { source: 'MTUS', document, sections, pages: pageList };
}

/** An ODG (non-MTUS) citation; ODG chapters are cited without pages. */
export function odg(document: string, sections: string[]): EntryCitation {
  return { source: 'ODG', document, sections, pages: [] };
}
