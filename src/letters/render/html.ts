import type { Determination } from '../../domain/index.js';
import { escapeHtml as e } from './escape.js';
import { HEADINGS, letterModel } from './model.js';

const STYLE = `body{font-family:Helvetica,Arial,sans-serif;max-width:48rem;margin:2rem auto;line-height:1.45;color:#111}
table.header td{padding:.15rem 1rem .15rem 0;vertical-align:top}h2{font-size:1.05rem;margin-top:1.6rem}h3{font-size:1rem}`;

/**
 * Renders a determination as a standalone HTML page in the letters' layout.
 * Every piece of letter text is escaped: summaries and rationales are free
 * text and may contain markup, which must print, never run.
 */
export function renderHtml(det: Determination): string {
  const m = letterModel(det);
  const rows = m.header
    .map((row) => `<tr>${row.map((c) => `<td><b>${e(c.label)}:</b></td><td>${e(c.value)}</td>`).join('')}</tr>`)
    .join('\n');
  const creds = m.credentials.sentence
    ? ''
    : m.credentials.lines.length
      ? `<p>The Expert Reviewer has the following credentials:</p>\n${m.credentials.lines.map((l) => `<p>${e(l.label)}: ${e(l.value)}</p>`).join('\n')}\n`
      : '';
  const howMade = [m.howMade[0], m.credentials.sentence ?? '', m.howMade[1]].filter(Boolean).join(' ');
  const items = m.items
    .map(
      (i) => `<h3>${e(i.heading)}</h3>
<p><b>Claims Administrator guideline:</b> ${e(i.claims)}</p>
<p><b>MAXIMUS guideline:</b> ${e(i.imr)}</p>
<p><b>Decision rationale:</b> ${e(i.rationale)}</p>`,
    )
    .join('\n');
  const title = (det.caseNumber ? `IMR Final Determination ${det.caseNumber}` : 'IMR Final Determination') + (det.correction ? ' (Corrected)' : '');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<table class="header">
${rows}
</table>
<h2>${HEADINGS.howMade}</h2>
<p>${e(howMade)}</p>
${creds}<h2>${HEADINGS.summary}</h2>
<p>${e(m.summaryPreamble)}</p>
<p>${e(m.summary)}</p>
<h2>${HEADINGS.decisions}</h2>
<p>${e(m.decisionsPreamble)}</p>
${items}
</body>
</html>
`;
}
