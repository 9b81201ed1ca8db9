import { addDays, caseNumber, caseNumbersPattern, seededRandom } from '../src/domain/index.js';

export { realLetterTexts } from '../test/sample-letters.js';

const DRUG_SWAPS: [RegExp, string[]][] = [
  [/\bBaclofen\b/g, ['Tizanidine', 'Cyclobenzaprine', 'Methocarbamol', 'Baclofen']],
  [/\bNorco\b/g, ['Percocet', 'Tramadol', 'Norco', 'Oxycodone']],
  [/\bXanax\b/g, ['Valium', 'Klonopin', 'Xanax']],
  [/\bMRI\b/g, ['MRI', 'CT scan', 'X-ray']],
];

/**
 * Makes the `i`-th variant of a real letter: a new case number, all dates
 * shifted by a random number of days, a different age and some drugs or
 * imaging swapped, so that every variant is a distinct letter (its own content
 * hash) with the structure of a real one.
 */
export function varyLetter(text: string, i: number): string {
  const r = seededRandom(i + 1);
  const shift = Math.floor(r() * 900) - 450;
  const caseNo = caseNumber(14 + (i % 10), i);
  let out = text.replace(caseNumbersPattern(), caseNo);
  if (!caseNumbersPattern().test(text)) out = `Case Number: ${caseNo}\n` + out;
  out = out.replace(/\b(\d{2})\/(\d{2})\/(\d{4})\b/g, (_m, mm: string, dd: string, yyyy: string) => {
    const [y, m, d] = addDays(`${yyyy}-${mm}-${dd}`, shift).split('-');
    return `${m}/${d}/${y}`;
  });
  out = out.replace(/\b(\d{2})([- ]year[- ]old)/g, (_m, age: string, rest: string) => `${Math.max(18, Math.min(89, Number(age) + Math.floor(r() * 21) - 10))}${rest}`);
  for (const [pattern, choices] of DRUG_SWAPS) {
    const pick = choices[Math.floor(r() * choices.length)]!;
    out = out.replace(pattern, pick);
  }
  return out;
}
