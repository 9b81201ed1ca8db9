import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLetterText } from '../../letters/index.js';
import { realLetterTexts } from '../../../test/sample-letters.js';
import { assessCase } from '../assess.js';
import { caseFileFromDetermination } from '../from-letter.js';
import { ModelFileError, TrainingError } from '../errors.js';
import { defaultModel } from './default-model.js';
import { FEATURE_NAMES } from './features.js';
import { fitOverturnModel, fitPlatt, overturnProbability, parseModel } from './overturn-model.js';
import { letterRows, trainingRows } from './train.js';

const letters = realLetterTexts().map(({ name, text }) => ({ source: name, determination: parseLetterText(text, name) }));
const rows = trainingRows(letters);
const about = { date: '2026-01-01T00:00:00.000Z', source: 'test', engineVersion: 'test' };

describe('overturn model', () => {
  it('trains on the 70 bundled letters: 168 items, 18 overturned, one row per item with every feature', () => {
    expect(rows).toHaveLength(168);
    expect(rows.filter((r) => r.y === 1)).toHaveLength(18);
    expect(new Set(rows.map((r) => r.group)).size).toBe(70);
    for (const r of rows) expect(r.x).toHaveLength(FEATURE_NAMES.length);
  });

  it('ships a default model that is the fit of the bundled letters, reproducible from them', () => {
    const shipped = defaultModel();
    expect(shipped.training).toMatchObject({ letters: 70, items: 168, overturned: 18 });
    expect(shipped.training.letterKeys).toHaveLength(70);
    const refit = fitOverturnModel(rows, about);
    // Same parameters, hence the same hash in the version; only the date differs.
    expect(refit.version.split('#')[1]).toBe(shipped.version.split('#')[1]);
    expect(refit.weights).toEqual(shipped.weights);
    expect(refit.platt).toEqual(shipped.platt);
  });

  it('ranks the overturned items above the upheld ones it was fitted on, and its mean probability is near the base rate', () => {
    const m = defaultModel();
    const p = rows.map((r) => overturnProbability(m, r.x));
    const mean = p.reduce((s, v) => s + v, 0) / p.length;
    expect(mean).toBeGreaterThan(0.05);
    expect(mean).toBeLessThan(0.18);
    const pos = p.filter((_, i) => rows[i]!.y === 1);
    const neg = p.filter((_, i) => rows[i]!.y === 0);
    expect(pos.reduce((s, v) => s + v, 0) / pos.length).toBeGreaterThan(2 * (neg.reduce((s, v) => s + v, 0) / neg.length));
  });

  it('never reads the decision, the rationale or the reviewer\'s citations: with them flipped, emptied or removed, every feature is the same', () => {
    for (const l of letters) {
      const d = l.determination;
      const tampered = {
        ...d,
        items: d.items.map((it) => ({ ...it, decision: it.decision === 'upheld' ? ('overturned' as const) : ('upheld' as const), rationale: 'The request is medically necessary.', imrGuidelines: [] })),
      };
      const a = letterRows(l);
      const b = letterRows({ source: l.source, determination: tampered });
      expect(b.map((r) => r.x)).toEqual(a.map((r) => r.x));
      expect(b.map((r) => r.y)).toEqual(a.map((r) => 1 - r.y));
    }
  });

  it('refuses to train on items of one outcome only, saying how many of each there are', () => {
    expect(() => fitOverturnModel(rows.filter((r) => r.y === 0), about)).toThrow(TrainingError);
    expect(() => fitOverturnModel(rows.filter((r) => r.y === 0), about)).toThrow(/150 upheld and 0 overturned/);
  });

  it('refuses a model file of the wrong shape or fitted on other features, naming the file', () => {
    expect(() => parseModel({}, 'm.json')).toThrow(ModelFileError);
    expect(() => parseModel({}, 'm.json')).toThrow(/^m\.json: not an overturn model: format/);
    const other = { ...defaultModel(), features: [...FEATURE_NAMES.slice(1), 'something.else'] };
    expect(() => parseModel(other, 'old.json')).toThrow(/old\.json: fitted on other features/);
    const nan = { ...defaultModel(), bias: Number.NaN };
    expect(() => parseModel(nan, 'nan.json')).toThrow(ModelFileError);
    const committed = JSON.parse(readFileSync(join(import.meta.dirname, 'default-model.json'), 'utf8'));
    expect(parseModel(committed, 'default-model.json').version).toBe(defaultModel().version);
  });

  it('Platt scaling fitted on real out-of-fold scores is increasing and keeps probabilities inside (0, 1)', () => {
    const m = defaultModel();
    expect(m.platt.a).toBeGreaterThan(0);
    const { a, b } = fitPlatt([-3, -2, -1, 0, 1, 2], [0, 0, 0, 0, 1, 1]);
    expect(a).toBeGreaterThan(0);
    const p = (z: number) => 1 / (1 + Math.exp(-(a * z + b)));
    expect(p(-3)).toBeGreaterThan(0);
    expect(p(2)).toBeLessThan(1);
    expect(p(2)).toBeGreaterThan(p(0));
  });
});

describe('drafts with the model', () => {
  it('gives every item of every real letter a probability, a recommendation by it, and the uncertain band', () => {
    let band = 0;
    for (const l of letters) {
      const a = assessCase(caseFileFromDetermination(l.determination));
      expect(a.modelVersion).toBe(defaultModel().version);
      for (const it of a.items) {
        expect(it.probability).toBeGreaterThanOrEqual(0);
        expect(it.probability).toBeLessThanOrEqual(1);
        expect(it.recommendation).toBe(it.probability! >= 0.5 ? 'overturned' : 'upheld');
        expect(it.judgmentNeeded).toBe(it.probability! >= 0.3 && it.probability! <= 0.7);
        if (it.judgmentNeeded) band++;
      }
    }
    // Some items, not all: the band marks the uncertain ones.
    expect(band).toBeGreaterThan(0);
    expect(band).toBeLessThan(40);
  });

  it('without a model, drafts carry no probability and no model version', () => {
    const a = assessCase(caseFileFromDetermination(letters[0]!.determination), { model: null });
    expect(a.modelVersion).toBeNull();
    expect(a.items[0]!.probability).toBeUndefined();
  });
});
