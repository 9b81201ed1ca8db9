import { describe, expect, it } from 'vitest';
import { realLetterTexts } from '../../../test/sample-letters.js';
import { toCsv } from './csv.js';

/** A minimal RFC 4180 reader, to read back what toCsv wrote. */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (q) {
      if (c === '"' && csv[i + 1] === '"') (f += '"'), i++;
      else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') row.push(f), (f = '');
    else if (c === '\r' && csv[i + 1] === '\n') row.push(f), rows.push(row), (row = []), (f = ''), i++;
    else f += c;
  }
  return rows;
}

describe('CSV downloads', () => {
  it('reads back exactly, for real letter text with commas, quotes and line breaks', () => {
    const texts = realLetterTexts().slice(0, 5).map((t) => t.text.slice(0, 2000));
    expect(texts.some((t) => t.includes(',') && t.includes('\n'))).toBe(true);
    const rows = texts.map((t, i) => [i, t, null]);
    const back = parse(toCsv(['n', 'text', 'empty'], rows));
    expect(back[0]).toEqual(['n', 'text', 'empty']);
    expect(back.slice(1)).toEqual(texts.map((t, i) => [String(i), /^[=+\-@\t\r]/.test(t) ? `'${t}` : t, '']));
  });

  it('defuses a cell a spreadsheet would run as a formula', () => {
    expect(parse(toCsv(['a'], [['=HYPERLINK("http://x")'], ['-5'], [-5]])).slice(1)).toEqual([["'=HYPERLINK(\"http://x\")"], ["'-5"], ['-5']]);
  });
});
