import { hash } from 'node:crypto';
import { Determination, LetterParseError, formatIssues, issuesFrom, type DisputedItem } from '../domain/index.js';
import { normalizeTreatment } from '../clinical/treatments/index.js';
import { parseCitations } from './citations/citations.js';
import { parseHeader } from './header.js';
import { parseItems, type RawItem } from './items.js';
import { injuryDatesFromSummary, parsePatient, urDenialFromSummary } from './patient.js';
import { MAX_LETTER_BYTES } from './read/read.js';
import { parseReviewer } from './reviewer.js';
import { splitSections } from './sections.js';
import { recogniseLayout } from './layouts/index.js';
import { joinLines, letterLines } from './read/text.js';

/** The boilerplate that opens every clinical case summary. */
const SUMMARY_PREAMBLE = /^The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:\s*/i;
const UR_DISCLAIMER = /^Disclaimer: The following case summary was taken directly from the utilization review[^.]*\.\s*/i;

/** sha256 of the letter's normalised lines: the same letter from PDF or text hashes alike. */
export function contentHash(lines: readonly string[]): string {
  return hash('sha256', lines.join('\n'));
}

function toItem(raw: RawItem, index: number): DisputedItem {
  return {
    index,
    request: raw.request,
    originalRequest: raw.originalRequest,
    authorizedPortion: raw.authorizedPortion,
    decision: raw.decision,
    medicallyNecessary: raw.decision === 'overturned',
    treatment: normalizeTreatment(raw.request),
    claimsAdministratorGuidelines: parseCitations(raw.claimsAdministratorGuideline),
    imrGuidelines: parseCitations(raw.imrGuideline),
    rationale: raw.rationale,
  };
}

/**
 * Parses the text of one IMR final determination letter (any published text
 * layout) into a validated Determination. Throws LetterParseError, naming
 * `source` and the reason, when the text is not a complete letter.
 */
export function parseLetterText(raw: string, source: string): Determination {
  // The bound a letter file has (read.ts), for text that never was a file (uploads).
  if (raw.length > MAX_LETTER_BYTES) {
    throw new LetterParseError(source, `letter text is ${(raw.length / 1048576).toFixed(1)} M characters; a letter is at most ${MAX_LETTER_BYTES / 1048576} MB`);
  }
  const lines = letterLines(raw);
  if (lines.length === 0) throw new LetterParseError(source, 'empty letter: no text found');
  const sections = splitSections(lines);
  const decisionLines = sections.get('decisions')?.lines ?? sections.get('issue')?.lines ?? [];
  const rawItems = parseItems(decisionLines.length ? decisionLines : lines);
  if (rawItems.length === 0) {
    const why = sections.has('decisions')
      ? 'no disputed item with a decision (Upheld/Overturned) found in the decisions section'
      : 'not an IMR determination letter: no "IMR ISSUES, DECISIONS AND RATIONALES" section and no item decisions';
    throw new LetterParseError(source, why);
  }
  const last = rawItems[rawItems.length - 1]!;
  if (!last.rationale) {
    throw new LetterParseError(source, `letter appears truncated: item ${rawItems.length} ("${last.request.slice(0, 60)}") has no decision rationale`);
  }

  const header = parseHeader(joinLines(sections.get('header')?.lines ?? []));
  const summary = joinLines(sections.get('summary')?.lines ?? [])
    .replace(SUMMARY_PREAMBLE, '')
    .replace(UR_DISCLAIMER, '');
  const reviewerText = joinLines([...(sections.get('howMade')?.lines ?? []), ...(sections.get('qualifications')?.lines ?? [])]);

  const candidate = {
    source,
    contentHash: contentHash(lines),
    layout: recogniseLayout({ raw, sections: new Set(sections.keys()), decisionLines: decisionLines.some((l) => /:\s*(Upheld|Overturned)\s*\.?$/i.test(l)) }),
    caseNumber: header.caseNumber,
    priority: header.priority,
    dates: {
      assigned: header.assigned,
      decision: header.decision,
      urDenial: header.urDenial ?? urDenialFromSummary(summary),
      applicationReceived: header.applicationReceived,
      injury: header.injury.length ? header.injury : injuryDatesFromSummary(summary),
    },
    reviewer: parseReviewer(reviewerText || joinLines(lines.slice(0, 40))),
    patient: parsePatient(summary),
    clinicalSummary: summary,
    items: rawItems.map((r, i) => toItem(r, i + 1)),
  };
  const result = Determination.safeParse(candidate);
  if (!result.success) {
    const issues = issuesFrom(result.error);
    throw new LetterParseError(source, `parsed letter is invalid: ${formatIssues(issues)}`, issues);
  }
  return result.data;
}
