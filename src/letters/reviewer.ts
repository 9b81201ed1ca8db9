import type { ReviewerCredentials } from '../domain/index.js';
import { stateCodes } from './states.js';

/** Splits "Preventive Medicine, Occupational Medicine" into specialties. */
function splitSpecialties(text: string): string[] {
  return text
    .split(/\s*[,;]\s*/)
    .map((s) => s.replace(/\s+/g, ' ').replace(/[.\s]+$/, '').trim())
    .filter((s) => s.length > 1 && s.length < 120);
}

const STOP = '(?=State\\(s\\) of Licensure|Certification\\(s\\)|Subspecialt(?:y|ies)\\s*:|He/she|The expert reviewer|$)';
const CERTIFICATIONS = new RegExp(`Certification\\(s\\)\\s*/\\s*Specialt(?:y|ies)\\s*:\\s*(.+?)${STOP}`, 'i');
const SUBSPECIALTIES = new RegExp(`Subspecialt(?:y|ies)\\s*:\\s*(.+?)${STOP}`, 'i');
const BOARD_SENTENCE = /Board[- ]Certified in (.+?)(?:,?\s*(?:and\s+)?(?:has|with) a sub-?specialty in (.+?))?,?\s*(?:and\s+)?(?:is\s+)?licensed to practice in (.+?)(?:\.\s|\.$|$)/i;
const LICENSURE = new RegExp(`State\\(s\\) of Licensure\\s*:\\s*(.+?)${STOP}`, 'i');

/**
 * Reads the expert reviewer's published credentials. Two phrasings exist: the
 * sentence "is Board Certified in X, has a subspecialty in Y and is licensed to
 * practice in Z" and the list "State(s) of Licensure: ... Certification(s)/Specialty: ...".
 */
export function parseReviewer(text: string): ReviewerCredentials {
  const t = /[^\S ]|  /.test(text) ? text.replace(/\s+/g, ' ') : text;
  // The patterns below try lazy groups at every position: each runs only
  // where its label occurs, from the label on (the first match is the same).
  const from = (label: RegExp) => {
    const at = t.search(label);
    return at < 0 ? null : t.slice(at);
  };
  const creds: ReviewerCredentials = { boardCertifications: [], subspecialties: [], licensureStates: [] };

  const list = CERTIFICATIONS.exec(from(/Certification\(s\)/i) ?? '');
  if (list) creds.boardCertifications = splitSpecialties(list[1]!);
  const subList = SUBSPECIALTIES.exec(from(/Subspecialt/i) ?? '');
  if (subList) creds.subspecialties = splitSpecialties(subList[1]!);
  const states = LICENSURE.exec(from(/State\(s\) of Licensure/i) ?? '');
  if (states) creds.licensureStates = stateCodes(states[1]!);

  const sentence = BOARD_SENTENCE.exec(from(/Board[- ]Certified in/i) ?? '');
  if (sentence) {
    if (!creds.boardCertifications.length) creds.boardCertifications = splitSpecialties(sentence[1]!);
    if (!creds.subspecialties.length && sentence[2]) creds.subspecialties = splitSpecialties(sentence[2]);
    if (!creds.licensureStates.length) creds.licensureStates = stateCodes(sentence[3]!);
  } else if (!creds.licensureStates.length) {
    const lic = /licensed to practice in (.+?)(?:\.\s|\.$|$)/i.exec(from(/licensed to practice in/i) ?? '');
    if (lic) creds.licensureStates = stateCodes(lic[1]!);
  }
  return creds;
}
