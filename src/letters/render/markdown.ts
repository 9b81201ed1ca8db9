import type { Determination } from '../../domain/index.js';
import { escapeMarkdown as e } from './escape.js';
import { HEADINGS, letterModel } from './model.js';

/**
 * Renders a determination in the Markdown layout of the published letters
 * (sample 002): a `<b>Label:</b>` header table, `###` section headings and
 * `#### **<request>: Upheld**` item headings. All letter text is escaped.
 */
export function renderMarkdown(det: Determination): string {
  const m = letterModel(det);
  const out: string[] = [];
  for (const row of m.header) out.push(row.map((c) => `<b>${e(c.label)}:</b>\t${e(c.value)}`).join('\t'));
  out.push('', `### ${HEADINGS.howMade}`, '');
  const creds = m.credentials.sentence ?? '';
  out.push(e([m.howMade[0], creds, m.howMade[1]].filter(Boolean).join(' ')), '');
  if (!m.credentials.sentence && m.credentials.lines.length) {
    out.push('The Expert Reviewer has the following credentials:', '');
    for (const l of m.credentials.lines) out.push(`${e(l.label)}: ${e(l.value)}`, '');
  }
  out.push(`### ${HEADINGS.summary}`, '', e(m.summaryPreamble), '', e(m.summary), '');
  out.push(`### ${HEADINGS.decisions}`, '', e(m.decisionsPreamble), '');
  for (const item of m.items) {
    out.push(`#### **${e(item.heading)}**`, '');
    out.push(`**Claims Administrator guideline:** ${e(item.claims)}`, '');
    out.push(`**MAXIMUS guideline:** ${e(item.imr)}`, '');
    out.push(`**Decision rationale:** ${e(item.rationale)}`, '');
  }
  return out.join('\n');
}
