/**
 * Writes guideline citations back as the "Decision based on ..." clauses of
 * the published letters. Every clause is checked against the citation parser
 * before it is used, so a rendered letter re-parses to the citations it was
 * given: when a section name would be read as a document (an ODG topic that
 * is also a chapter name), the clause is written without its sections.
 */
import type { GuidelineCitation } from '../../domain/index.js';
import { parseCitations } from '../citations/citations.js';

/** "63-66, 68": consecutive pages folded into ranges. */
export function pageRanges(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

function pagesPart(c: GuidelineCitation): string {
  return c.pages.length ? ` Page(s): ${pageRanges(c.pages)}` : '';
}

/** The clause body for one citation, with or without its sections. */
function body(c: GuidelineCitation, withSections: boolean): string {
  const sections = withSections && c.sections.length ? c.sections : [];
  switch (c.source) {
    case 'MTUS': {
      const doc = c.document === 'MTUS' ? 'MTUS' : `MTUS ${c.document}`;
      return `${doc}${sections.length ? `, Section(s): ${sections.join(', ')}` : ''}${pagesPart(c)}`;
    }
    case 'ODG': {
      const chapter = c.document === 'Official Disability Guidelines' ? '' : `, ${c.document}`;
      return `Non-MTUS Citation Official Disability Guidelines (ODG)${chapter}${sections.length ? `, ${sections.join(', ')}` : ''}${pagesPart(c)}`;
    }
    default:
      return `Non-MTUS Citation ${c.document}${sections.length ? `, ${sections.join(', ')}` : ''}${pagesPart(c)}`;
  }
}

function sameFacts(a: GuidelineCitation, b: GuidelineCitation): boolean {
  return a.source === b.source && a.document === b.document && a.pages.join(',') === b.pages.join(',');
}

/** One citation as a "Decision based on ..." sentence that parses back to the same source, document and pages. */
export function citationClause(c: GuidelineCitation): string {
  const candidates = [body(c, true), body(c, false), c.raw.replace(/^Decision based on\s*/i, '')];
  for (const candidate of candidates) {
    const clause = `Decision based on ${candidate.replace(/[\s.]+$/, '')}.`;
    const back = parseCitations(clause);
    if (back.length === 1 && sameFacts(back[0]!, c)) return clause;
  }
  return `Decision based on ${body(c, false)}.`;
}

/**
 * The paragraph after "Claims Administrator guideline:" or "MAXIMUS
 * guideline:". An empty list is stated as the letters state it.
 */
export function citationParagraph(citations: readonly GuidelineCitation[], who: 'claims' | 'imr'): string {
  if (citations.length === 0) {
    return who === 'claims'
      ? 'The Claims Administrator did not cite any medical evidence for its decision.'
      : 'The expert reviewer did not cite any medical evidence for the decision.';
  }
  return citations.map(citationClause).join(' ');
}
