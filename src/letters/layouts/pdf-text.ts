import { DWC_HEADER } from './dwc-header.js';
import type { BodyLabel, LayoutHeading, LetterLayoutSpec } from './types.js';

/** The headings of the DWC's current letters (2014 on). */
export const CURRENT_HEADINGS: readonly LayoutHeading[] = [
  { kind: 'howMade', pattern: /^HOW THE (?:IMR )?FINAL DETERMINATION WAS MADE\b:?/i, example: 'HOW THE IMR FINAL DETERMINATION WAS MADE' },
  { kind: 'qualifications', pattern: /^Medical Qualifications of the Expert Reviewer\s*:?/i, example: 'Medical Qualifications of the Expert Reviewer:' },
  { kind: 'summary', pattern: /^CLINICAL CASE SUMMARY\s*:?/i, example: 'CLINICAL CASE SUMMARY' },
  { kind: 'decisions', pattern: /^IMR ISSUES,? DECISIONS,? AND RATIONALES\s*:?/i, example: 'IMR ISSUES, DECISIONS AND RATIONALES' },
  { kind: 'decisions', pattern: /^IMR DECISIONS? AND RATIONALES?\s*:?/i, example: 'IMR DECISIONS AND RATIONALES' },
];

/** The labels of an item's block in the current letters, and the wordings other letters of the same layout use. */
export const CURRENT_BODY_LABELS: readonly BodyLabel[] = [
  { part: 'claims', pattern: /^Claims Administrator guidelines?\s*:\s*/i, example: 'Claims Administrator guideline: Decision based on MTUS' },
  { part: 'imr', pattern: /^(?:MAXIMUS|Expert Reviewer|IMR|Reviewer) guidelines?\s*:\s*/i, example: 'MAXIMUS guideline: Decision based on MTUS' },
  {
    part: 'rationale',
    pattern: /^(?:Decision rationale|Rationale for the Decision|The Expert Reviewer'?s decision rationale|Rationale)\s*:\s*/i,
    example: 'Decision rationale: The MTUS recommends',
  },
];

/** The DWC's letters as published PDFs, read as text (the 65 letters of 2016-17 in samples/). */
export const PDF_TEXT: LetterLayoutSpec = {
  name: 'pdf-text',
  description: 'the current letters, as text extracted from the published PDF',
  sample: 'samples/dwc-2016-2017/txt/CM16-0213037.txt',
  headings: CURRENT_HEADINGS,
  headerLabels: DWC_HEADER,
  bodyLabels: CURRENT_BODY_LABELS,
  items: 'decision-lines',
  // The layout of any letter no other layout claims.
  recognise: () => true,
};
