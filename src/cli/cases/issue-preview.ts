import { renderText } from '../../letters/render/index.js';
import type { IssuePreview } from '../../workflow/cases/index.js';
import { printable } from '../output.js';

/**
 * The preview of an issue as a person reads it: the letter exactly as it
 * would be published, then every removal with its field, what kind of
 * identifier it was, the text removed and what replaces it. The removed
 * text is the case's own (the coordinator may see it); it is never
 * published.
 */
export function previewText(p: IssuePreview, confirmCommand: string): string {
  const lines = [
    `PREVIEW of ${p.caseNumber ?? `case #${p.caseId}`}, version ${p.version}: the letter as it would be published (nothing is issued yet)`,
    '='.repeat(95),
    renderText(p.published),
    '='.repeat(95),
    `${p.removals.length} removal${p.removals.length === 1 ? '' : 's'} by the redaction:`,
    ...p.removals.map((r) => `  ${r.field}  [${r.category}]  "${printable(r.original)}" -> ${r.replacement}`),
    '',
    `preview ${p.previewHash}`,
    `to publish exactly this letter: ${confirmCommand}`,
  ];
  return lines.join('\n') + '\n';
}
