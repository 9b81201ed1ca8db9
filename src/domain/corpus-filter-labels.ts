import type { CorpusFilterName } from './corpus-filters.js';

/** How a corpus filter is shown on a form. */
export interface CorpusFilterLabel {
  /** The form field's label. */
  label: string;
  /** An example value for the field's placeholder. */
  placeholder?: string;
}

/**
 * The web forms' label and placeholder of each corpus filter. Kept apart
 * from corpus-filters.ts (which builds on zod) so the browser bundle takes
 * the labels without the validators; CORPUS_FILTERS includes them, so the
 * CLI help, the API document and the forms name each filter alike.
 */
export const CORPUS_FILTER_LABELS: { readonly [K in CorpusFilterName]: CorpusFilterLabel } = {
  decision: { label: 'Outcome' },
  drug: { label: 'Drug or class', placeholder: 'baclofen, opioid' },
  category: { label: 'Treatment category' },
  guideline: { label: 'Guideline', placeholder: 'MTUS, ODG, ACOEM' },
  specialty: { label: 'Reviewer specialty', placeholder: 'Orthopedic' },
  from: { label: 'Decided from' },
  to: { label: 'Decided to' },
  caseNumber: { label: 'Case number', placeholder: 'CM16-0230548' },
};
