import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LetterLayout } from '../../domain/index.js';
import { parseHeader } from '../header.js';
import { labelOf } from '../items.js';
import { parseLetterText } from '../parse.js';
import { matchHeading, splitSections } from '../sections.js';
import { letterLines } from '../read/text.js';
import { BODY_LABELS, HEADER_LABELS, HEADINGS, LAYOUTS } from './index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('letter layouts as data', () => {
  it('has one layout for each layout a Determination may name, each once, the last taking any letter', () => {
    expect(LAYOUTS.map((l) => l.name).sort()).toEqual([...LetterLayout.options].sort());
    expect(LAYOUTS.at(-1)!.recognise({ raw: '', sections: new Set(), decisionLines: true })).toBe(true);
  });

  // A heading, label or header field a layout declares is read: no table written by hand can pass it over.
  it.each(LAYOUTS.flatMap((l) => l.headings.map((h) => [l.name, h.example, h.kind] as const)))('%s: the heading "%s" starts a %s section', (_layout, example, kind) => {
    expect(matchHeading(example)?.kind).toBe(kind);
    const sections = splitSections(['Case Number: CM16-0230548', example, 'text of the section']);
    expect(sections.get(kind)?.lines).toEqual(['text of the section']);
  });

  it.each(LAYOUTS.flatMap((l) => l.bodyLabels.map((b) => [l.name, b.example, b.part] as const)))('%s: "%s" starts the %s part of an item', (_layout, example, part) => {
    expect(labelOf(example)?.label).toBe(part);
  });

  it.each(LAYOUTS.flatMap((l) => l.headerLabels.map((h) => [l.name, h.example, h.field] as const)))('%s: the header label "%s" holds %s', (_layout, example, field) => {
    if (field === null) {
      // A label without a date ends the value before it.
      expect(parseHeader(`Date of Injury: 01/02/2015 ${example} 03/04/2016`).injury).toEqual(['2015-01-02']);
    } else {
      const facts = parseHeader(`${example} 03/04/2016`);
      expect(field === 'injury' ? facts.injury : facts[field]).toEqual(field === 'injury' ? ['2016-03-04'] : '2016-03-04');
    }
  });

  it.each(LAYOUTS.map((l) => [l.name, l] as const))('%s: its sample letter is read as that layout, each heading of the sample as one it declares', (name, layout) => {
    const text = readFileSync(join(ROOT, layout.sample), 'utf8');
    const letter = parseLetterText(text, layout.sample);
    expect(letter.layout).toBe(name);
    expect(letter.items.length).toBeGreaterThan(0);
    const headingLines = letterLines(text).filter((line) => matchHeading(line));
    expect(headingLines.length).toBeGreaterThanOrEqual(3);
    const declared = new Set([...layout.headings].map((h) => h.kind));
    for (const line of headingLines) expect(declared.has(matchHeading(line)!.kind), `${name}: "${line}" is a heading of another layout`).toBe(true);
  });

  it('derives the tables the parser reads from the layouts, each declaration once', () => {
    const all = LAYOUTS.flatMap((l) => l.headings.map((h) => `${h.kind} ${h.pattern.source}`));
    expect(HEADINGS.map((h) => `${h.kind} ${h.pattern.source}`).sort()).toEqual([...new Set(all)].sort());
    expect(BODY_LABELS.length).toBe(new Set(LAYOUTS.flatMap((l) => l.bodyLabels)).size);
    expect(HEADER_LABELS.length).toBe(new Set(LAYOUTS.flatMap((l) => l.headerLabels)).size);
  });
});
