/**
 * The parts of a final determination letter, in the order and words of the
 * published letters, independent of output format. Each format module lays
 * these parts out; none of them adds or drops a fact.
 */
import type { Determination, DisputedItem, ReviewerCredentials } from '../../domain/index.js';
import { stateName } from '../states.js';
import { citationParagraph } from './citation-text.js';

/** One label/value pair of the header table. */
export interface HeaderCell {
  label: string;
  value: string;
}

/** An item of the decisions section, ready to lay out. */
export interface ItemBlock {
  /** "<request>: Upheld", with the partial-certification sentences before it when the item has them. */
  heading: string;
  claims: string;
  imr: string;
  rationale: string;
}

/** Everything a letter says, as text. */
export interface LetterModel {
  /** Header table rows, each one or two cells. */
  header: HeaderCell[][];
  /** Paragraphs of "HOW THE IMR FINAL DETERMINATION WAS MADE" before the credentials. */
  howMade: string[];
  /** The reviewer's credentials: a sentence, or label/value lines (the 2016 layout). */
  credentials: { sentence: string | null; lines: HeaderCell[] };
  summaryPreamble: string;
  summary: string;
  decisionsPreamble: string;
  items: ItemBlock[];
}

export const HEADINGS = {
  howMade: 'HOW THE IMR FINAL DETERMINATION WAS MADE',
  summary: 'CLINICAL CASE SUMMARY',
  decisions: 'IMR ISSUES, DECISIONS AND RATIONALES',
} as const;

/** ISO date → MM/DD/YYYY as the letters print it. */
export function usDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
}

const AFFILIATION =
  'MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no affiliation with the employer, employee, providers or the claims administrator.';
const PRACTICE =
  'He/she has been in active clinical practice for more than five years and is currently working at least 24 hours a week in active practice. The expert reviewer was selected based on his/her clinical experience, education, background, and expertise in the same or similar specialties that evaluate and/or treat the medical condition and disputed items/services. He/she is familiar with governing laws and regulations, including the strength of evidence hierarchy that applies to Independent Medical Review determinations.';

function listOf(xs: readonly string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** "is Board Certified in X, has a subspecialty in Y and is licensed to practice in Z": only when there is a certification and a state to name. */
function credentialSentence(r: ReviewerCredentials): string | null {
  if (!r.boardCertifications.length || !r.licensureStates.length) return null;
  const sub = r.subspecialties.length ? `, has a subspecialty in ${r.subspecialties.join(', ')}` : '';
  return `The expert reviewer is Board Certified in ${r.boardCertifications.join(', ')}${sub} and is licensed to practice in ${listOf(r.licensureStates.map(stateName))}.`;
}

/** The 2016 layout's credential list; empty lists are left out rather than printed blank. */
function credentialLines(r: ReviewerCredentials): HeaderCell[] {
  const lines: HeaderCell[] = [];
  if (r.licensureStates.length) lines.push({ label: 'State(s) of Licensure', value: r.licensureStates.map(stateName).join(', ') });
  if (r.boardCertifications.length) lines.push({ label: 'Certification(s)/Specialty', value: r.boardCertifications.join(', ') });
  if (r.subspecialties.length) lines.push({ label: 'Subspecialty', value: r.subspecialties.join(', ') });
  return lines;
}

function decisionWord(item: DisputedItem): string {
  return item.decision === 'upheld' ? 'Upheld' : 'Overturned';
}

/** The item's heading line; partial certifications state the original request and the authorised part first. */
export function itemHeading(item: DisputedItem): string {
  const request = item.request.replace(/\s+/g, ' ').trim();
  if (!item.originalRequest && !item.authorizedPortion) return `${request}: ${decisionWord(item)}`;
  const parts: string[] = [];
  if (item.originalRequest) parts.push(`${item.originalRequest} was the original request.`);
  if (item.authorizedPortion) parts.push(`${item.authorizedPortion} was authorized by the Claims Administrator.`);
  parts.push(`The remaining IMR eligible portion of the original request, ${request} is: ${decisionWord(item)}`);
  return parts.join(' ');
}

function header(det: Determination): HeaderCell[][] {
  const d = det.dates;
  const cell = (label: string, value: string | null | undefined): HeaderCell | null => (value ? { label, value } : null);
  const rows: (HeaderCell | null)[][] = [
    // A corrected letter says so first, in every format, and which version it replaces.
    [det.correction ? { label: 'Corrected', value: `version ${det.correction.version}, replacing version ${det.correction.replaces}` } : null],
    [cell('Case Number', det.caseNumber)],
    [cell('Date Assigned', d.assigned && usDate(d.assigned)), cell(d.injury.length > 1 ? 'Date(s) of Injury' : 'Date of Injury', d.injury.map(usDate).join(', '))],
    [cell('Decision Date', d.decision && usDate(d.decision)), cell('UR Denial Date', d.urDenial && usDate(d.urDenial))],
    [cell('Priority', det.priority && (det.priority === 'expedited' ? 'Expedited' : 'Standard')), cell('Application Received', d.applicationReceived && usDate(d.applicationReceived))],
  ];
  return rows.map((r) => r.filter((c): c is HeaderCell => c !== null)).filter((r) => r.length > 0);
}

/** Builds the letter's parts from a determination. The reviewer appears only by credentials. */
export function letterModel(det: Determination): LetterModel {
  return {
    header: header(det),
    howMade: [AFFILIATION, PRACTICE],
    credentials: { sentence: credentialSentence(det.reviewer), lines: credentialLines(det.reviewer) },
    summaryPreamble: 'The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:',
    summary: det.clinicalSummary.trim(),
    decisionsPreamble: 'The Final Determination was based on decisions for the disputed items/services set forth below:',
    items: det.items.map((item) => ({
      heading: itemHeading(item),
      claims: citationParagraph(item.claimsAdministratorGuidelines, 'claims'),
      imr: citationParagraph(item.imrGuidelines, 'imr'),
      rationale: item.rationale.trim() || 'No rationale was recorded.',
    })),
  };
}
