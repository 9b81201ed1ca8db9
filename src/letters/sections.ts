/**
 * Splits a letter's lines into its sections by heading. Each published layout
 * names the same parts differently, so headings are matched against a table of
 * aliases per part rather than one fixed set.
 */

export type SectionKind = 'header' | 'howMade' | 'documents' | 'summary' | 'issue' | 'decisions' | 'qualifications';

interface HeadingAlias {
  kind: SectionKind;
  /** Matches the heading at the start of a line; text after it stays in the section. */
  pattern: RegExp;
}

const HEADINGS: HeadingAlias[] = [
  { kind: 'howMade', pattern: /^HOW THE (?:IMR )?FINAL DETERMINATION WAS MADE\b:?/i },
  { kind: 'qualifications', pattern: /^(?:MEDICAL REVIEWER QUALIFICATIONS|Medical Qualifications of the Expert Reviewer)\s*:?/i },
  { kind: 'documents', pattern: /^DOCUMENTS REVIEWED(?: FOR DETERMINATION)?\s*:?/i },
  { kind: 'summary', pattern: /^(?:CLINICAL CASE SUMMARY|CASE SUMMARY)\s*:?/i },
  { kind: 'issue', pattern: /^ISSUES? AT DISPUTE\s*:?/i },
  {
    kind: 'decisions',
    pattern: /^(?:IMR ISSUES,? DECISIONS,? AND RATIONALES|IMR DECISION\(S\) AND RATIONALE\(S\)|IMR DECISIONS? AND RATIONALES?|DETERMINATION AND RATIONALE)\s*:?/i,
  },
];

/** A section of a letter: its kind and its lines (heading removed). */
export interface Section {
  kind: SectionKind;
  lines: string[];
  /** Index of the first line of the section in the letter's lines. */
  startLine: number;
}

/** Which heading, if any, a line is; and what text follows it on the same line. */
/** First letters of every heading above: other lines skip the pattern tests. */
const HEADING_INITIALS = new Set('HMDCIhmdci');

export function matchHeading(line: string): { kind: SectionKind; rest: string } | null {
  if (!HEADING_INITIALS.has(line[0] ?? '')) return null;
  for (const h of HEADINGS) {
    const m = h.pattern.exec(line);
    if (!m) continue;
    const rest = line.slice(m[0].length).trim();
    // "Case Summary" inside a sentence is not a heading: headings are short or
    // end in a colon, or are written in capitals.
    if (rest && !m[0].endsWith(':') && line !== line.toUpperCase()) continue;
    return { kind: h.kind, rest };
  }
  return null;
}

/**
 * Splits lines into sections. Lines before the first heading form the
 * 'header'. A repeated kind (some layouts restate a heading after a page
 * break) is appended to the first occurrence.
 */
export function splitSections(lines: readonly string[]): Map<SectionKind, Section> {
  const sections = new Map<SectionKind, Section>();
  let current: Section = { kind: 'header', lines: [], startLine: 0 };
  sections.set('header', current);
  lines.forEach((line, i) => {
    const h = matchHeading(line);
    if (h) {
      const existing = sections.get(h.kind);
      current = existing ?? { kind: h.kind, lines: [], startLine: i + 1 };
      if (!existing) sections.set(h.kind, current);
      if (h.rest) current.lines.push(h.rest);
      return;
    }
    current.lines.push(line);
  });
  return sections;
}
