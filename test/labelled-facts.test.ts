import { describe, expect, it } from 'vitest';
import { labelledSentences, scoreFactExtraction } from './fact-extraction.js';

describe('labelled clinical facts of the bundled letters', () => {
  it('hold at least 300 facts, each on a sentence that is in its letter', () => {
    const sentences = labelledSentences();
    expect(sentences.reduce((n, s) => n + s.facts.length, 0)).toBeGreaterThanOrEqual(300);
    expect(new Set(sentences.map((s) => s.letter)).size).toBeGreaterThanOrEqual(25);
    // Offsets are checked against each letter's parsed summary inside the scoring.
    expect(() => scoreFactExtraction()).not.toThrow();
  });

  it('are read by the extractor with precision >= 0.9 overall, and no fact type below 0.8', () => {
    const { overall, byType } = scoreFactExtraction();
    expect(overall.precision).toBeGreaterThanOrEqual(0.9);
    expect(overall.recall).toBeGreaterThanOrEqual(0.75);
    for (const t of byType.filter((x) => x.extracted >= 5)) expect(t.precision, t.type).toBeGreaterThanOrEqual(0.8);
  });

  it('hold a held-out part, labelled after the patterns were last changed, on which precision stays >= 0.85', () => {
    const heldOut = scoreFactExtraction('held-out').overall;
    expect(heldOut.labelled).toBeGreaterThanOrEqual(60);
    expect(heldOut.precision).toBeGreaterThanOrEqual(0.85);
  });
});
