/**
 * `npm run deid-eval`: recall of injected identifiers per kind and overall,
 * the share of other words removed, and the time to redact a 10 MB hostile
 * text. `--misses` lists what was left in and what was wrongly removed.
 */
import { evaluateDeid, formatDeid } from '../test/deid/evaluate.js';
import { adversarialText } from '../test/deid/adversarial.js';
import { redactText } from '../src/letters/deid/redact.js';

const scores = evaluateDeid();
console.log(formatDeid(scores));
if (process.argv.includes('--misses')) {
  for (const k of scores.perKind) for (const m of k.missed) console.log(`missed ${k.kind}: ${m}`);
  for (const e of scores.corpusOther.examples) console.log(`removed: ${e}`);
  for (const e of scores.realLetters.examples) console.log(`removed from a real letter: ${e}`);
}
// Wall time and this process's CPU time: on a machine shared with other work the wall time
// includes waiting for a core, the CPU time does not.
const parties = { worker: ['Maria Lopez-Hernandez'], providers: ['Valley Orthopedic Medical Group, Inc.'] };
redactText('warm up: Dr. Roe, 555-555-0100, 1 Main St, Reno, NV 89501', parties);
for (const [name, text] of adversarialText(10 * 1024 * 1024)) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  redactText(text, parties);
  const cpu = process.cpuUsage(c0);
  console.log(`10 MB ${name}: redacted in ${((performance.now() - t0) / 1000).toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)`);
}
