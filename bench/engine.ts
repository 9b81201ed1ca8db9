/**
 * Engine throughput: items decided per second on one core (the rules and
 * the overturn model with what the record lacks, as `imr decide` runs), over the real
 * letters' case files (decisions hidden), against a baseline measured in the
 * same run: treatment normalisation of the same requests alone, the least
 * any engine must do per item.
 *
 *   npx tsx bench/engine.ts
 */
import { normalizeTreatment } from '../src/clinical/treatments/index.js';
import { assessCase, caseFileFromDetermination } from '../src/engine/index.js';
import { parseLetterText } from '../src/letters/index.js';
import { realLetterTexts } from '../test/sample-letters.js';

function rate(fn: () => void, ms = 1500): number {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    fn();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

function line(label: string, value: string, baseline: string, ratio: number, target: string, ok: boolean | null): void {
  const mark = ok === null ? '' : ok ? '  [meets target]' : '  [BELOW TARGET]';
  console.log(`${label.padEnd(34)} ${value.padEnd(26)} baseline ${baseline.padEnd(24)} ratio ${ratio.toFixed(2).padStart(6)}x  target ${target}${mark}`);
}

/** Prints one line: engine items/s on one core vs. normalising the same requests. Target: >= 2,000 items/s. */
export function benchEngine(): void {
  const cases = realLetterTexts().map(({ name, text }) => caseFileFromDetermination(parseLetterText(text, name)));
  // Without normalised treatments the engine normalises each request itself, as for a case typed by hand.
  const bare = cases.map((c) => ({ ...c, items: c.items.map(({ treatment: _t, ...rest }) => rest) }));
  const items = bare.reduce((s, c) => s + c.items.length, 0);
  const requests = bare.flatMap((c) => c.items.map((i) => i.request));
  bare.forEach((c) => assessCase(c));
  const engine = rate(() => bare.forEach((c) => assessCase(c))) * items;
  const base = rate(() => requests.forEach((r) => normalizeTreatment(r))) * items;
  line('engine decide + model (1 core)', `${engine.toFixed(0)} items/s`, `${base.toFixed(0)} items/s (normalise)`, engine / base, '>= 2,000 items/s', engine >= 2000);
}

if (process.argv[1] && /engine\.ts$/.test(process.argv[1])) benchEngine();
