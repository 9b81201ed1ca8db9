import type { HeaderLabel } from './types.js';

/**
 * The header table every published layout opens with: case number, dates,
 * priority. The PDF text wraps labels across lines ("Priority: Standard
 * Application" / "Received:"), so the header is read as one running string in
 * which each label's value runs to the next label.
 */
export const DWC_HEADER: readonly HeaderLabel[] = [
  { field: 'assigned', words: /Date\s+Assigned/, example: 'Date Assigned:' },
  { field: 'injury', words: /Date(?:\(s\)|s)?\s+of\s+Injur(?:y|ies)/, example: 'Date of Injury:' },
  { field: 'decision', words: /Decision\s+Date/, example: 'Decision Date:' },
  { field: 'urDenial', words: /UR\s+Denial\s+Date/, example: 'UR Denial Date:' },
  { field: null, words: /Priority/, example: 'Priority:' },
  { field: 'applicationReceived', words: /Application\s+Received/, example: 'Application Received:' },
  // "Application" alone, as the PDF text leaves it at a line's end, still ends the value before it.
  { field: null, words: /Application/, example: 'Application' },
  { field: null, words: /Case\s+Number/, example: 'Case Number:' },
];
