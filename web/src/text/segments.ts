/**
 * Splitting letter and case text into plain and highlighted pieces, so that
 * highlights are rendered as elements around text nodes: the text itself is
 * never parsed as HTML.
 */

/** A piece of text; `keys` name the highlights covering it (empty: plain text). */
export interface Segment {
  text: string;
  keys: string[];
}

/** The server's snippet marks (see the store's HIGHLIGHT). */
const OPEN = '«';
const CLOSE = '»';

/** A search snippet split at its `«` `»` marks; unbalanced marks are kept as text. */
export function splitMarked(snippet: string): Segment[] {
  const out: Segment[] = [];
  let rest = snippet;
  while (rest) {
    const open = rest.indexOf(OPEN);
    const close = open >= 0 ? rest.indexOf(CLOSE, open + 1) : -1;
    if (open < 0 || close < 0) {
      out.push({ text: rest, keys: [] });
      break;
    }
    if (open > 0) out.push({ text: rest.slice(0, open), keys: [] });
    out.push({ text: rest.slice(open + 1, close), keys: ['match'] });
    rest = rest.slice(close + 1);
  }
  return out;
}

/** A highlighted stretch of text, by character offsets (end exclusive). */
export interface Range {
  start: number;
  end: number;
  key: string;
}

/**
 * `text` cut at every range boundary; each piece lists the ranges covering
 * it, so overlapping evidence spans stay distinguishable. Ranges outside
 * the text are clipped; empty ones are ignored.
 */
export function splitByRanges(text: string, ranges: readonly Range[]): Segment[] {
  const valid = ranges.map((r) => ({ ...r, start: Math.max(0, r.start), end: Math.min(text.length, r.end) })).filter((r) => r.end > r.start);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((r) => [r.start, r.end])])].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i]!, cuts[i + 1]!];
    const keys = valid.filter((r) => r.start <= a && r.end >= b).map((r) => r.key);
    const last = out[out.length - 1];
    // Neighbouring pieces under the same highlights are one piece.
    if (last && last.keys.join('\0') === keys.join('\0')) last.text += text.slice(a, b);
    else out.push({ text: text.slice(a, b), keys });
  }
  return out;
}
