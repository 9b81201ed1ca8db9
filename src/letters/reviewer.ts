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
const LICENSURE = new RegExp(`State\\(s\\) of Licensure\\s*:\\s*(.+?)${STOP}`, 'i');

/**
 * Reads the expert reviewer's published credentials. Two phrasings exist: the
 * sentence "is Board Certified in X, has a subspecialty in Y and is licensed to
 * practice in Z" and the list "State(s) of Licensure: ... Certification(s)/Specialty: ...".
 */
export function parseReviewer(text: string): ReviewerCredentials {
  const t = text.replace(/\s+/g, ' ');
  const creds: ReviewerCredentials = { boardCertifications: [], subspecialties: [], licensureStates: [] };

  const list = CERTIFICATIONS.exec(t);
  if (list) creds.boardCertifications = splitSpecialties(list[1]!);
  const subList = SUBSPECIALTIES.exec(t);
  if (subList) creds.subspecialties = splitSpecialties(subList[1]!);
  const states = LICENSURE.exec(t);
  if (states) creds.licensureStates = stateCodes(states[1]!);

  const sentence = /Board[- ]Certified in (.+?)(?:,?\s*(?:and\s+)?(?:has|with) a sub-?specialty in (.+?))?,?\s*(?:and\s+)?(?:is\s+)?licensed to practice in (.+?)(?:\.\s|\.$|$)/i.exec(t);
  if (sentence) {
    if (!creds.boardCertifications.length) creds.boardCertifications = splitSpecialties(sentence[1]!);
    if (!creds.subspecialties.length && sentence[2]) creds.subspecialties = splitSpecialties(sentence[2]);
    if (!creds.licensureStates.length) creds.licensureStates = stateCodes(sentence[3]!);
  } else if (!creds.licensureStates.length) {
    const lic = /licensed to practice in (.+?)(?:\.\s|\.$|$)/i.exec(t);
    if (lic) creds.licensureStates = stateCodes(lic[1]!);
  }
  return creds;
}
