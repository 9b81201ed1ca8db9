/** Text parse throughput on one core: the 70 real letters, as if never seen before, against normalising them into lines. */
import { clearCitationMemo } from '../src/letters/citations/index.js';
import { parseLetterText } from '../src/letters/index.js';
import { letterLines } from '../src/letters/read/index.js';
import { realLetterTexts } from './corpus.js';
import { line, rate } from './report.js';

export function benchTextParse(): void {
  const letters = realLetterTexts();
  const mb = letters.reduce((s, l) => s + Buffer.byteLength(l.text), 0) / 1e6;
  // Each pass parses the 70 letters as if never seen: the citation memo is
  // cleared first, so only repetition within the 70 letters helps it.
  const full = rate(() => {
    clearCitationMemo();
    letters.forEach((l) => parseLetterText(l.text, l.name));
  });
  // Baseline: the unavoidable first pass, normalising the text into lines.
  const base = rate(() => letters.forEach((l) => letterLines(l.text)));
  line('parse text (1 core, median pass)', `${(full * mb).toFixed(1)} MB/s, ${(full * letters.length).toFixed(0)} letters/s`, `${(base * mb).toFixed(1)} MB/s (lines only)`, full / base, '>= 20 MB/s per core', full * mb >= 20);
}
