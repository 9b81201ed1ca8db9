/**
 * `npm run bench -- --only deid`: recall of the injection corpus against the
 * issue's targets, and the redaction of 10 MB hostile texts against a
 * baseline of only splitting the same text into words (the least any
 * word-level redaction must do).
 */
import { redactText } from '../src/letters/deid/redact.js';
import { adversarialText } from '../test/deid/adversarial.js';
import { evaluateDeid } from '../test/deid/evaluate.js';

type Line = (label: string, value: string, baseline: string, ratio: number, target: string, ok: boolean | null) => void;

export function benchDeid(line: Line): void {
  const s = evaluateDeid();
  const worst = s.perKind.reduce((a, k) => (k.recall < a.recall ? k : a));
  line('de-identification recall', `${(100 * s.overall.recall).toFixed(2)}% of ${s.overall.tokens} tokens`, `Philter 99.46% (i2b2 2014)`, s.overall.recall / 0.9946, '>= 99.5%', s.overall.recall >= 0.995);
  line('  worst kind', `${worst.kind} ${(100 * worst.recall).toFixed(2)}%`, '-', worst.recall, '>= 99% each', worst.recall >= 0.99);
  line('  clinical words removed', `${(100 * s.corpusOther.share).toFixed(2)}% (real letters ${(100 * s.realLetters.share).toFixed(2)}%)`, '-', s.corpusOther.share, '<= 1%', s.corpusOther.share <= 0.01 && s.realLetters.share <= 0.01);
  for (const [name, text] of adversarialText(10 * 1024 * 1024)) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    redactText(text);
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    const t1 = performance.now();
    text.split(/[^A-Za-z0-9]+/);
    const base = (performance.now() - t1) / 1000;
    line(`  10 MB hostile: ${name}`, `${wall.toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)`, `${base.toFixed(2)} s (word split)`, wall / Math.max(base, 1e-3), '< 1 s', wall < 1);
  }
}
