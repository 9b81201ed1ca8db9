import { looksLikeHtml } from '../read/text.js';
import { DWC_HEADER } from './dwc-header.js';
import { CURRENT_BODY_LABELS, CURRENT_HEADINGS } from './pdf-text.js';
import type { LetterLayoutSpec } from './types.js';

/** The current letters as the DWC's site serves them: Markdown with HTML bold labels, or HTML. */
export const MARKDOWN: LetterLayoutSpec = {
  name: 'markdown',
  description: 'the current letters as Markdown (### headings, <b> labels) or HTML',
  sample: 'samples/letters/002_da7a313e87b423cf.txt',
  headings: CURRENT_HEADINGS,
  headerLabels: DWC_HEADER,
  bodyLabels: CURRENT_BODY_LABELS,
  items: 'decision-lines',
  recognise: ({ raw }) => (raw.includes('<') && looksLikeHtml(raw)) || ((raw.startsWith('##') || raw.includes('\n##')) && /^#{2,4}\s/m.test(raw)),
};
