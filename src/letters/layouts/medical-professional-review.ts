import { DWC_HEADER } from './dwc-header.js';
import { CURRENT_BODY_LABELS } from './pdf-text.js';
import type { LetterLayoutSpec } from './types.js';

/** The "MEDICAL PROFESSIONAL REVIEW" letters: the issue stated first, then the summary, documents and the reviewer's qualifications. */
export const MEDICAL_PROFESSIONAL_REVIEW: LetterLayoutSpec = {
  name: 'medical-professional-review',
  description: 'MEDICAL PROFESSIONAL REVIEW letters, opening with ISSUE AT DISPUTE',
  sample: 'test/fixtures/medical-professional-review.txt',
  headings: [
    { kind: 'issue', pattern: /^ISSUES? AT DISPUTE\s*:?/i, example: 'ISSUE AT DISPUTE:' },
    { kind: 'summary', pattern: /^CASE SUMMARY\s*:?/i, example: 'CASE SUMMARY:' },
    { kind: 'documents', pattern: /^DOCUMENTS REVIEWED FOR DETERMINATION\s*:?/i, example: 'DOCUMENTS REVIEWED FOR DETERMINATION:' },
    { kind: 'qualifications', pattern: /^MEDICAL REVIEWER QUALIFICATIONS\s*:?/i, example: 'MEDICAL REVIEWER QUALIFICATIONS:' },
    { kind: 'decisions', pattern: /^IMR DECISION\(S\) AND RATIONALE\(S\)\s*:?/i, example: 'IMR DECISION(S) AND RATIONALE(S)' },
  ],
  headerLabels: DWC_HEADER,
  bodyLabels: CURRENT_BODY_LABELS,
  items: 'decision-lines',
  recognise: ({ sections }) => sections.has('issue'),
};
