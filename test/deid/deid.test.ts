import { describe, expect, it } from 'vitest';
import { redactText } from '../../src/letters/deid/redact.js';
import { adversarialText } from './adversarial.js';
import { evaluateDeid } from './evaluate.js';
import { buildInjectionCorpus, injectionCorpus, KINDS } from './injection-corpus.js';

describe('de-identification, measured on the injection corpus', () => {
  it('labels every injected identifier with its kind, in every text field of every letter', () => {
    const corpus = injectionCorpus();
    expect(corpus.length).toBe(71);
    for (const letter of corpus) {
      const fields = Object.keys(letter.spans);
      expect(fields).toContain('clinicalSummary');
      expect(fields.some((f) => /^items\.\d+\.rationale$/.test(f))).toBe(true);
      expect(fields.some((f) => /^items\.\d+\.request$/.test(f))).toBe(true);
      // Every kind is injected into the summary.
      expect(new Set(letter.spans.clinicalSummary!.map((s) => s.kind))).toEqual(new Set(KINDS));
    }
  });

  it('is the same corpus on every build (seeded), so figures are comparable run to run', () => {
    expect(JSON.stringify(buildInjectionCorpus())).toBe(JSON.stringify(injectionCorpus()));
  });

  it('removes >= 99.5% of injected identifier tokens, >= 99% of each kind, and <= 1% of clinical words', { timeout: 120_000 }, () => {
    const s = evaluateDeid();
    expect(s.overall.tokens).toBeGreaterThan(10_000);
    expect(s.overall.recall).toBeGreaterThanOrEqual(0.995);
    for (const k of s.perKind) expect({ kind: k.kind, ok: k.tokens > 100 && k.recall >= 0.99 }).toEqual({ kind: k.kind, ok: true });
    expect(s.corpusOther.words).toBeGreaterThan(40_000);
    expect(s.corpusOther.share).toBeLessThanOrEqual(0.01);
    expect(s.realLetters.words).toBeGreaterThan(60_000);
    expect(s.realLetters.share).toBeLessThanOrEqual(0.01);
  });
});

describe('redaction running time', () => {
  // The benchmark (npm run deid-eval) reports the figure; this bound is generous for a shared 2-core machine,
  // and far below what a quadratic pattern would take on 10 MB (hours).
  it('redacts each 10 MB hostile text in linear time', { timeout: 120_000 }, () => {
    for (const [name, text] of adversarialText(10 * 1024 * 1024)) {
      const t0 = performance.now();
      const r = redactText(text, { worker: ['Maria Lopez-Hernandez'] });
      const seconds = (performance.now() - t0) / 1000;
      expect({ name, fast: seconds < 15 }).toEqual({ name, fast: true });
      expect(r.text.length).toBeGreaterThan(0);
    }
  });

  it('takes about twice as long on twice the text (no quadratic pattern)', { timeout: 60_000 }, () => {
    const [, small] = adversarialText(1024 * 1024).find(([n]) => n === 'mixed')!;
    const [, big] = adversarialText(4 * 1024 * 1024).find(([n]) => n === 'mixed')!;
    redactText(small);
    const t = (s: string) => {
      const t0 = performance.now();
      redactText(s);
      return performance.now() - t0;
    };
    const ratio = t(big) / t(small);
    // Linear gives about 4; quadratic 16.
    expect(ratio).toBeLessThan(10);
  });
});
