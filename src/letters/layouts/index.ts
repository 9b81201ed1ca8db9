/**
 * The published layouts of IMR determination letters, one file each, and
 * what the parser reads from all of them at once: a letter's layout is known
 * only once its headings and items are read, so every layout's headings and
 * labels are tried on every letter. Adding a layout is one file here (its
 * headings, header labels, item labels and item shape, how it is recognised)
 * plus its sample letter; the tables below are derived, so nothing it
 * declares can be skipped by a quick-match table written by hand.
 */
import type { LetterLayout } from '../../domain/index.js';
import { LEGACY } from './legacy.js';
import { MARKDOWN } from './markdown.js';
import { MEDICAL_PROFESSIONAL_REVIEW } from './medical-professional-review.js';
import { PDF_TEXT } from './pdf-text.js';
import type { BodyLabel, HeaderLabel, LayoutEvidence, LayoutHeading, LetterLayoutSpec } from './types.js';

export type * from './types.js';

/** Every layout, in the order they are asked to recognise a letter: the last (pdf-text) takes any letter. */
export const LAYOUTS: readonly LetterLayoutSpec[] = [MEDICAL_PROFESSIONAL_REVIEW, LEGACY, MARKDOWN, PDF_TEXT];

/** The declarations of every layout, each once (layouts share some), in layout order. */
function union<T>(pick: (l: LetterLayoutSpec) => readonly T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const l of LAYOUTS) for (const t of pick(l)) if (!seen.has(key(t))) seen.set(key(t), t);
  return [...seen.values()];
}

function anchoredCaseless(p: RegExp, what: string): RegExp {
  if (!p.source.startsWith('^') || !p.flags.includes('i')) throw new Error(`${what} ${p}: a layout's line pattern is anchored (^) and case-insensitive (i)`);
  return p;
}

/** Every heading of every layout. */
export const HEADINGS: readonly LayoutHeading[] = union((l) => l.headings, (h) => `${h.kind} ${h.pattern.source}`).map((h) => ({ ...h, pattern: anchoredCaseless(h.pattern, 'heading') }));

/** Every label of an item's block, of every layout. */
export const BODY_LABELS: readonly BodyLabel[] = union((l) => l.bodyLabels, (b) => `${b.part} ${b.pattern.source} ${!!b.keep}`).map((b) => ({ ...b, pattern: anchoredCaseless(b.pattern, 'item label') }));

/** Every header label of every layout. */
export const HEADER_LABELS: readonly HeaderLabel[] = union((l) => l.headerLabels, (h) => `${h.field} ${h.words.source}`);

/** A quick test whether a line can start with any of `patterns` (all anchored): one regular expression for lines that are none. */
export function anyOf(patterns: readonly RegExp[]): RegExp {
  return new RegExp(`^(?:${patterns.map((p) => `(?:${p.source.slice(1)})`).join('|')})`, 'i');
}

/** The layout of a letter: the first of LAYOUTS that recognises it. */
export function recogniseLayout(letter: LayoutEvidence): LetterLayout {
  return LAYOUTS.find((l) => l.recognise(letter))!.name;
}
