import { DWC_HEADER } from './dwc-header.js';
import { CURRENT_BODY_LABELS, CURRENT_HEADINGS } from './pdf-text.js';
import type { LetterLayoutSpec } from './types.js';

/**
 * The 2013-14 letters: a DOCUMENTS REVIEWED section, decisions as numbered
 * sentences ("1. Baclofen 10mg #60 is not medically necessary and
 * appropriate."), guidelines cited in sentences ("The Claims Administrator
 * based its decision on ..."). Some later letters write their decisions so
 * too; both write the current headings beside their own.
 */
export const LEGACY: LetterLayoutSpec = {
  name: 'legacy',
  description: 'the 2013-14 letters, decisions as numbered sentences',
  sample: 'test/fixtures/legacy-2013.txt',
  headings: [
    ...CURRENT_HEADINGS,
    { kind: 'documents', pattern: /^DOCUMENTS REVIEWED\s*:?/i, example: 'DOCUMENTS REVIEWED' },
    { kind: 'decisions', pattern: /^IMR DECISION\(S\) AND RATIONALE\(S\)\s*:?/i, example: 'IMR DECISION(S) AND RATIONALE(S)' },
    { kind: 'decisions', pattern: /^DETERMINATION AND RATIONALE\s*:?/i, example: 'DETERMINATION AND RATIONALE:' },
  ],
  headerLabels: DWC_HEADER,
  bodyLabels: [
    ...CURRENT_BODY_LABELS,
    // Older letters state the citations as sentences rather than labels.
    { part: 'claims', pattern: /^(?=The Claims Administrator based (?:its|their|his\/her) decision on)/i, keep: true, example: 'The Claims Administrator based its decision on the MTUS' },
    { part: 'imr', pattern: /^(?=The Expert Reviewer (?:based (?:his\/her|their|its) decision on|relied on))/i, keep: true, example: 'The Expert Reviewer based his/her decision on the MTUS' },
  ],
  items: 'numbered-sentences',
  recognise: ({ decisionLines }) => !decisionLines,
};
