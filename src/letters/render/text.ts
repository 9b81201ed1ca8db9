import type { Determination } from '../../domain/index.js';
import { HEADINGS, letterModel, type HeaderCell } from './model.js';

/** Line width of the plain-text layout (the PDF text extraction's is about 95). */
const WIDTH = 95;

/**
 * Wraps a paragraph at spaces. A line never ends on a hyphen, so joining the
 * lines back (which closes "word-" + "word" without a space) gives the text back.
 */
export function wrap(text: string, width = WIDTH): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width && !line.endsWith('-')) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

function cells(row: HeaderCell[]): string {
  return row.map((c) => `${c.label}: ${c.value}`).join('   ');
}

/**
 * Renders a determination as plain text in the layout of the published PDFs'
 * text: header lines, capitalised section headings, wrapped paragraphs, and
 * each item's "<request>: Upheld" on one line of its own.
 */
export function renderText(det: Determination): string {
  const m = letterModel(det);
  const out: string[] = [];
  const para = (text: string) => out.push(...wrap(text), '');
  for (const row of m.header) out.push(cells(row));
  out.push('', HEADINGS.howMade);
  para([m.howMade[0], m.credentials.sentence ?? '', m.howMade[1]].filter(Boolean).join(' '));
  if (!m.credentials.sentence && m.credentials.lines.length) {
    out.push('The Expert Reviewer has the following credentials:');
    for (const l of m.credentials.lines) out.push(`${l.label}: ${l.value}`);
    out.push('');
  }
  out.push(HEADINGS.summary);
  para(m.summaryPreamble);
  para(m.summary);
  out.push(HEADINGS.decisions);
  para(m.decisionsPreamble);
  for (const item of m.items) {
    out.push(item.heading, '');
    para(`Claims Administrator guideline: ${item.claims}`);
    para(`MAXIMUS guideline: ${item.imr}`);
    para(`Decision rationale: ${item.rationale}`);
  }
  return out.join('\n');
}
