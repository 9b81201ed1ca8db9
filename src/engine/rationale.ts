import type { Decision, GuidelineCitation } from '../domain/index.js';
import type { GuidelineEntry } from '../guidelines/index.js';
import type { LeafOutcome } from './evaluate.js';

function sourceName(c: GuidelineCitation): string {
  const pages = c.pages.length ? (c.pages.length > 1 ? ` (pages ${c.pages[0]}-${c.pages[c.pages.length - 1]})` : ` (page ${c.pages[0]})`) : '';
  return c.source === 'MTUS' ? `The CA MTUS ${c.document}${pages}` : c.source === 'ODG' ? `The Official Disability Guidelines (${c.document})` : `The ${c.document}`;
}

function clip(s: string, n = 160): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('; ')}; or ${items[items.length - 1]}`;
}

/**
 * Drafts a rationale in the letters' style: what the guideline recommends
 * (cited), what the records show (with the sentences relied on), and the
 * conclusion "Therefore, the request for X is (not) medically necessary."
 */
export function draftRationale(request: string, entry: GuidelineEntry, citation: GuidelineCitation, decision: Decision, leaves: LeafOutcome[]): string {
  const parts = [`${sourceName(citation)} state${citation.source === 'OTHER' ? 's' : ''}: ${entry.summary}`];
  // What the records document: met criteria resting on the clinical record, not on the request line.
  const met = leaves.filter((l) => l.result.status === 'met' && l.documented && l.result.evidence.some((e) => e.source !== 'request'));
  const notMet = leaves.filter((l) => l.relevant && l.result.status === 'not-met');
  const missing = leaves.filter((l) => l.relevant && l.result.status === 'not-documented');
  if (entry.recommendation === 'not-recommended' && decision === 'upheld') parts.push('The guideline does not recommend this treatment, and the records describe no exceptional factors that would support it.');
  if (met.length) {
    const quoted = met.slice(0, 3).map((l) => `${l.result.description.replace(/^documented /, '')} ("${clip(l.result.evidence.find((e) => e.source !== 'request')!.text)}")`);
    parts.push(`In this case, the records document ${quoted.join('; ')}.`);
  }
  if (decision === 'upheld') {
    if (notMet.length) {
      const shown = notMet.slice(0, 3).map((l) => {
        const e = l.result.evidence[0];
        if (!e) return l.result.description;
        return e.source === 'request' ? `${l.result.description} (the request reads "${clip(e.text)}")` : `${l.result.description}, whereas the records state "${clip(e.text)}"`;
      });
      parts.push(`The request does not meet the guideline's criteria: ${shown.join('; ')}.`);
    }
    if (missing.length && entry.recommendation !== 'not-recommended') parts.push(`There is no documentation of ${list(missing.slice(0, 4).map((l) => l.result.description))}.`);
    parts.push(`Therefore, the request for ${request} is not medically necessary.`);
  } else {
    parts.push(`The request is consistent with the guideline's criteria. Therefore, the request for ${request} is medically necessary.`);
  }
  return parts.join(' ');
}
