import type { Priority } from '../domain/index.js';
import { findDates, firstDate } from './dates.js';

/** The facts in a letter's header table. */
export interface HeaderFacts {
  caseNumber: string | null;
  priority: Priority | null;
  assigned: string | null;
  decision: string | null;
  urDenial: string | null;
  applicationReceived: string | null;
  injury: string[];
}

/** Case numbers are CM + two-digit year + seven digits ("CM13-0068515"). */
export const CASE_NUMBER = /\bCM\s?(\d{2})\s?-\s?(\d{7})\b/;

const LABELS: { key: keyof Omit<HeaderFacts, 'caseNumber' | 'priority' | 'injury'> | 'injury'; pattern: RegExp }[] = [
  { key: 'assigned', pattern: /Date\s+Assigned\s*:/i },
  { key: 'injury', pattern: /Date(?:\(s\)|s)?\s+of\s+Injur(?:y|ies)\s*:/i },
  { key: 'decision', pattern: /Decision\s+Date\s*:/i },
  { key: 'urDenial', pattern: /UR\s+Denial\s+Date\s*:/i },
  { key: 'applicationReceived', pattern: /Application\s+Received\s*:/i },
];

const ANY_LABEL = /(?:Date\s+Assigned|Date(?:\(s\)|s)?\s+of\s+Injur(?:y|ies)|Decision\s+Date|UR\s+Denial\s+Date|Priority|Application(?:\s+Received)?|Case\s+Number)\s*:?/gi;

/**
 * Reads the header table. The PDF layout wraps labels across lines
 * ("Priority: Standard Application" / "Received:" / "12/23/2016"), so the
 * header is read as one running string and each value runs to the next label.
 */
export function parseHeader(headerText: string): HeaderFacts {
  const text = headerText.replace(/\s+/g, ' ');
  const facts: HeaderFacts = {
    caseNumber: null, priority: null, assigned: null, decision: null, urDenial: null, applicationReceived: null, injury: [],
  };
  const cn = CASE_NUMBER.exec(text);
  if (cn) facts.caseNumber = `CM${cn[1]}-${cn[2]}`;
  const pr = /Priority\s*:\s*(Standard|Expedited|Regular|Urgent)/i.exec(text);
  if (pr) facts.priority = /^(expedited|urgent)$/i.test(pr[1]!) ? 'expedited' : 'standard';

  for (const { key, pattern } of LABELS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const from = m.index + m[0].length;
    const value = valueAfter(text, from);
    if (key === 'injury') facts.injury = unique(findDates(value).map((d) => d.iso));
    else facts[key] = firstDate(value);
  }
  return facts;
}

/** Text from `from` to the next header label. */
function valueAfter(text: string, from: number): string {
  ANY_LABEL.lastIndex = from;
  const m = ANY_LABEL.exec(text);
  return m ? text.slice(from, m.index) : text.slice(from);
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
