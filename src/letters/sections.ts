/**
 * Splits a letter's lines into its sections by heading. Each published layout
 * names the same parts differently (layouts/), so a line is tried against the
 * headings of every layout.
 */
import { HEADINGS, anyOf } from './layouts/index.js';

export type SectionKind = 'header' | 'howMade' | 'documents' | 'summary' | 'issue' | 'decisions' | 'qualifications';

/** A section of a letter: its kind and its lines (heading removed). */
export interface Section {
  kind: SectionKind;
  lines: string[];
  /** Index of the first line of the section in the letter's lines. */
  startLine: number;
}

/** Any heading of any layout: most lines are none, and are passed over after one test. */
const ANY_HEADING = anyOf(HEADINGS.map((h) => h.pattern));

/**
 * Which heading, if any, a line is; and what text follows it on the same
 * line. Where headings of several layouts match ("DOCUMENTS REVIEWED", and
 * "DOCUMENTS REVIEWED FOR DETERMINATION"), the longest is the heading.
 */
export function matchHeading(line: string): { kind: SectionKind; rest: string } | null {
  if (!ANY_HEADING.test(line)) return null;
  let best: { kind: SectionKind; rest: string; length: number } | null = null;
  for (const h of HEADINGS) {
    const m = h.pattern.exec(line);
    if (!m || (best && m[0].length <= best.length)) continue;
    const rest = line.slice(m[0].length).trim();
    // "Case Summary" inside a sentence is not a heading: headings are short or
    // end in a colon, or are written in capitals.
    if (rest && !m[0].endsWith(':') && line !== line.toUpperCase()) continue;
    best = { kind: h.kind, rest, length: m[0].length };
  }
  return best && { kind: best.kind, rest: best.rest };
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
