import type { LetterLayout } from '../../domain/index.js';
import type { SectionKind } from '../sections.js';

/** A section heading a layout writes, e.g. "CLINICAL CASE SUMMARY" for the case summary. */
export interface LayoutHeading {
  kind: SectionKind;
  /** Matches the heading at the start of a line (anchored with ^, case-insensitive); text after it on the line stays in the section. */
  pattern: RegExp;
  /** A line as the layout writes it, which must be read as this heading (the reachability test checks every one). */
  example: string;
}

/** The header fields a letter's dates are read from. */
export type HeaderDateField = 'assigned' | 'injury' | 'decision' | 'urDenial' | 'applicationReceived';

/**
 * A label of the header table ("Decision Date:"). Each value runs from its
 * label to the next label, so labels that hold no date (Priority, Case
 * Number) are declared too, with `field` null, to end the value before them.
 */
export interface HeaderLabel {
  field: HeaderDateField | null;
  /** The label's words, unanchored, without the colon (case-insensitive). */
  words: RegExp;
  /** The label as written, colon included. */
  example: string;
}

/** The parts of a disputed item's block after its decision. */
export type BodyPart = 'claims' | 'imr' | 'rationale';

/** A label that starts a part of an item's block ("Decision rationale:"). */
export interface BodyLabel {
  part: BodyPart;
  /** Matches at the start of a line (anchored, case-insensitive); what it matches is cut off unless `keep`. */
  pattern: RegExp;
  /** Keep the matched line whole (a sentence, not a label: "The Claims Administrator based its decision on ..."). */
  keep?: boolean;
  example: string;
}

/**
 * How the items of a decisions section are written: `decision-lines`, a line
 * "<request>: Upheld" before each item's block; `numbered-sentences`, the
 * 2013-14 "1. <request> is not medically necessary and appropriate."
 */
export type ItemShape = 'decision-lines' | 'numbered-sentences';

/** What is known of a letter when its layout is decided. */
export interface LayoutEvidence {
  /** The letter as received (text, Markdown or HTML). */
  raw: string;
  /** The kinds of section its headings gave. */
  sections: ReadonlySet<SectionKind>;
  /** Whether its decisions are written as decision lines ("<request>: Upheld"). */
  decisionLines: boolean;
}

/** One published layout of IMR determination letters: how to recognise it and how its parts are written. */
export interface LetterLayoutSpec {
  name: LetterLayout;
  /** Where letters in this layout come from. */
  description: string;
  /** A letter in this layout, relative to the repository (the layout test parses it). */
  sample: string;
  headings: readonly LayoutHeading[];
  headerLabels: readonly HeaderLabel[];
  bodyLabels: readonly BodyLabel[];
  items: ItemShape;
  /** Whether a letter is in this layout; layouts are asked in the registry's order and the first to say yes wins. */
  recognise(letter: LayoutEvidence): boolean;
}
