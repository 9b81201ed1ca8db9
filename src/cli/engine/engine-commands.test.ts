import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DWC_PDF, DWC_TXT, sampleLetters } from '../../../test/sample-letters.js';
import { runCli as run } from '../../../test/run-cli.js';


const dir = mkdtempSync(join(tmpdir(), 'imr-engine-cli-'));

describe('imr decide', () => {
  it('drafts a determination for a real letter (PDF), never reading its decisions', async () => {
    const r = await run('decide', join(DWC_PDF, 'CM16-0213037.pdf'), '--json');
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(a.items).toHaveLength(2);
    expect(a.items[0].guideline.document).toBe('ACOEM Chapter 9 Shoulder Complaints');
    const human = await run('decide', sampleLetters()[1]!.path);
    expect(human.out).toMatch(/Upheld \(not medically necessary\)/);
    expect(human.out).toMatch(/Guideline: MTUS Chronic Pain Medical Treatment Guidelines/);
  });

  it('shows how each item stands in its case: a modified request judged as its remainder (CM16-0241231)', async () => {
    const json = JSON.parse((await run('decide', join(DWC_PDF, 'CM16-0241231.pdf'), '--json')).out);
    expect(json.items[0].structure).toMatchObject({ urAction: 'modified', remainder: true, beyondAuthorizedTrial: true, dependsOn: 'none' });
    for (const c of json.items[0].criteria) for (const e of c.evidence) expect(typeof e.text).toBe('string');
    const human = await run('decide', join(DWC_PDF, 'CM16-0241231.pdf'));
    expect(human.out).toMatch(/In this case: UR modified the request: the item in dispute is the remainder UR did not authorise, beyond an authorised trial/);
  });

  it('decides a case JSON and reports schema problems with their paths, without a stack trace', async () => {
    const good = join(dir, 'case.json');
    writeFileSync(good, JSON.stringify({ patient: { age: 40, sex: 'male' }, clinicalSummary: 'He has multiple sclerosis with spasticity.', items: [{ index: 1, request: 'Baclofen 5 mg #30' }] }));
    const ok = await run('decide', good, '--json');
    expect(JSON.parse(ok.out).items[0].decision).toBe('overturned');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ patient: { age: 'old' }, clinicalSummary: 'x', items: [] }));
    const r = await run('decide', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not a valid case file/);
    expect(r.err).toMatch(/- patient\.age:/);
    expect(r.err).toMatch(/- items:/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('imr decide, text', () => {
  it('shows the probability, the recommendation and what the record lacks for a real letter', async () => {
    const r = await run('decide', sampleLetters()[1]!.path);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Model: overturn-lr\/1 /m);
    expect(r.out).toMatch(/Probability of overturning: \d+%, recommendation: (upheld|overturned)/);
    expect(r.out).toMatch(/What the record lacks[^\n]*\n\s+- Document [a-z]/);
  });
});

describe('imr train', () => {
  const db = join(dir, 'train.db');
  const model = join(dir, 'model.json');

  it('fits the model on every decided letter in the store, and decide uses it', async () => {
    expect((await run('ingest', DWC_TXT, ...sampleLetters().map((l) => l.path), '--db', db)).code).toBe(0);
    const r = await run('train', '--db', db, '--out', model, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.training).toMatchObject({ letters: 70, items: 168, overturned: 18 });
    expect(out.version).toMatch(/^overturn-lr\/1 \d{4}-\d{2}-\d{2} 70 letters #[0-9a-f]{8}$/);
    const d = await run('decide', join(DWC_PDF, 'CM16-0213037.pdf'), '--json', '--model', model);
    expect(JSON.parse(d.out).modelVersion).toBe(out.version);
    for (const it of JSON.parse(d.out).items) expect(typeof it.probability).toBe('number');
  });

  it('refuses a bad model file in one line naming it, and an empty store', async () => {
    const bad = join(dir, 'bad-model.json');
    writeFileSync(bad, '{"format": "something"}');
    const r = await run('decide', sampleLetters()[0]!.path, '--model', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: .*bad-model\.json: not an overturn model/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    const empty = join(dir, 'empty.db');
    expect((await run('ingest', sampleLetters()[0]!.path, '--db', empty)).code).toBe(0);
    const t = await run('train', '--db', empty, '--out', join(dir, 'never.json'));
    expect(t.code).toBe(1);
    expect(t.err).toMatch(/^error: training needs both upheld and overturned items/);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });
});

describe('imr eval', () => {
  it('reports the engine beside both baselines as one JSON object', async () => {
    const r = await run('eval', ...sampleLetters().map((l) => l.path), DWC_TXT, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    for (const k of ['accuracy', 'macroF1', 'kappa', 'citationAgreement', 'byCategory']) expect(report).toHaveProperty(k);
    expect(report.overturned).toHaveProperty('precision');
    expect(report.overturned).toHaveProperty('recall');
    expect(report.baselines.alwaysUpheld.overturned.recall).toBe(0);
    expect(report.baselines.bagOfWords).toHaveProperty('macroF1');
    expect(report.baselines.rules).toHaveProperty('macroF1');
    // The probability's ranking, cross-validated, with its interval; the engine above always-upheld.
    expect(report.auc).toBeGreaterThan(report.baselines.alwaysUpheld.auc);
    expect(report.ci.auc[0]).toBeLessThanOrEqual(report.auc);
    expect(report.ci.auc[1]).toBeGreaterThanOrEqual(report.auc);
    expect(report.calibration.reduce((s: number, b: { n: number }) => s + b.n, 0)).toBeCloseTo(168);
    expect(report.method.seeds.length).toBeGreaterThan(1);
    // The bar the engine is held to on letters it never saw, above always-upheld and bag-of-words on every figure.
    expect(report.macroF1).toBeGreaterThanOrEqual(0.6);
    expect(report.overturned.recall).toBeGreaterThanOrEqual(0.4);
    expect(report.auc).toBeGreaterThanOrEqual(0.7);
    expect(report.kappa).toBeGreaterThanOrEqual(0.25);
    for (const b of [report.baselines.alwaysUpheld, report.baselines.bagOfWords]) {
      for (const k of ['macroF1', 'kappa', 'auc', 'prAuc']) expect(report[k]).toBeGreaterThan(b[k]);
      expect(report.brier).toBeLessThan(b.brier);
    }
    expect(report.n).toBe(168);
    expect(report.letters).toBe(70);
  });
});
