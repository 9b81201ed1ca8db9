/** A sentence of a clinical text with its character offsets (`text === source.slice(start, end)`). */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/**
 * Abbreviations that end in a period without ending a sentence. Letters'
 * summaries are full of them ("Dr.", "e.g.", "approx."), and PDF extraction
 * breaks lines mid-sentence, so line breaks alone never end a sentence.
 */
const ABBREVIATIONS = /(?:\b(?:dr|mr|mrs|ms|vs|etc|e\.g|i\.e|approx|no|nos|pt|st|jr|sr|inc|co|fig|ref|hx|tx|dx|rx|sx|yo|y\.o|b\.i\.d|t\.i\.d|q\.i\.d|p\.o|a\.m|p\.m|prn|q|mg|ml|cm|mm|oz|lbs?|al)|\b[A-Z])\.$/i;

/**
 * Splits clinical text into sentences, keeping offsets into the original
 * text. A sentence ends at `.`, `!`, `?` or `;`-free paragraph breaks (a blank
 * line) when what follows starts a new sentence (capital, digit or quote);
 * decimals ("7.5"), dates ("12.1.16") and common abbreviations do not end one.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
    start = end;
  };
  const boundary = /[.!?](?=["')\]]?\s+["'(]?[A-Z0-9])|\n[ \t]*\n/g;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + (m[0].startsWith('\n') ? 0 : 1);
    if (m[0] === '.') {
      const before = text.slice(Math.max(start, m.index - 8), m.index + 1);
      if (ABBREVIATIONS.test(before)) continue;
    }
    push(end);
  }
  push(text.length);
  return out;
}
