/**
 * Prints the fact extractor's precision and recall per fact type on the
 * labelled sentences of test/fixtures/facts (see labels.txt).
 *
 *   npx tsx scripts/fact-precision.ts [--tuned | --held-out] [--json]
 */
import { scoreFactExtraction } from '../test/fact-extraction.js';

const which = process.argv.includes('--held-out') ? 'held-out' : process.argv.includes('--tuned') ? 'tuned' : 'all';
const { overall, byType } = scoreFactExtraction(which);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ sentences: which, overall, byType }, null, 2));
} else {
  console.log(`sentences: ${which} (--tuned: those the patterns were refined on; --held-out: labelled afterwards)`);
  const pct = (x: number | null) => (x === null ? '   -' : x.toFixed(2));
  console.log(`${'fact type'.padEnd(28)} labelled extracted correct precision recall region   kind`);
  for (const s of [...byType, overall]) console.log(`${s.type.padEnd(28)} ${String(s.labelled).padStart(8)} ${String(s.extracted).padStart(9)} ${String(s.correct).padStart(7)} ${pct(s.precision).padStart(9)} ${pct(s.recall).padStart(6)} ${pct(s.regionAgreement).padStart(6)} ${pct(s.kindAgreement).padStart(6)}`);
}
