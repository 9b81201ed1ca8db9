import { CASE_NUMBER_IN_TEXT, caseNumber, type Priority } from '../domain/index.js';
import { findDates, firstDate } from '../clinical/dates.js';
import { HEADER_LABELS } from './layouts/index.js';

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

/** A label holding a date, written with its colon; the labels of every layout (layouts/). */
const LABELS = HEADER_LABELS.filter((l) => l.field !== null).map((l) => ({ key: l.field!, pattern: new RegExp(`^${l.words.source}\\s*:$`, 'i') }));

/** Any label, holding a date or not: each value runs to the next one. */
const ANY_LABEL = new RegExp(`(?:${HEADER_LABELS.map((l) => l.words.source).join('|')})\\s*:?`, 'gi');

/**
 * Reads the header table. The PDF layout wraps labels across lines
 * ("Priority: Standard Application" / "Received:" / "12/23/2016"), so the
 * header is read as one running string and each value runs to the next label.
 */
export function parseHeader(headerText: string): HeaderFacts {
  const text = /[^\S ]|  /.test(headerText) ? headerText.replace(/\s+/g, ' ') : headerText;
  const facts: HeaderFacts = {
    caseNumber: null, priority: null, assigned: null, decision: null, urDenial: null, applicationReceived: null, injury: [],
  };
  if (!text) return facts;
  const cn = CASE_NUMBER_IN_TEXT.exec(text);
  if (cn) facts.caseNumber = caseNumber(cn[1]!, cn[2]!);
  const pr = /Priority\s*:\s*(Standard|Expedited|Regular|Urgent)/i.exec(text);
  if (pr) facts.priority = /^(expedited|urgent)$/i.test(pr[1]!) ? 'expedited' : 'standard';

  // One pass over the labels: each value runs from its label to the next one.
  const labels = [...text.matchAll(ANY_LABEL)];
  const seen = new Set<string>();
  labels.forEach((m, i) => {
    const entry = LABELS.find(({ pattern }) => pattern.test(m[0]));
    if (!entry || seen.has(entry.key)) return;
    seen.add(entry.key);
    const value = text.slice(m.index + m[0].length, labels[i + 1]?.index ?? text.length);
    if (entry.key === 'injury') facts.injury = unique(findDates(value).map((d) => d.iso));
    else facts[entry.key] = firstDate(value);
  });
  return facts;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
