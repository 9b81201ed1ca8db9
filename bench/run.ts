/**
 * `npm run bench`: throughput and latency figures for OpenIMR, each with the
 * ratio against a baseline measured in the same run on the same machine, and
 * the target it is held to. Figures, not pass/fail tests: a slow machine
 * makes every figure slower, the ratios much less so.
 *
 *   npm run bench              full run (100,000-letter corpus)
 *   npm run bench -- --letters 20000   smaller corpus
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { extractPdfText } from '../src/letters/pdf.js';
import { letterLines } from '../src/letters/text.js';
import { parseLetterText } from '../src/letters/index.js';
import { openStore } from '../src/store/index.js';
import { ingestTexts } from '../src/workflow/ingest.js';
import { realLetterTexts, varyLetter } from './corpus.js';
import { benchEngine } from './engine.js';

const args = process.argv.slice(2);
const argValue = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const LETTERS = argValue('letters', 100_000);
const SHARED = resolve(process.env.IMR_SHARED_LETTERS ?? join(import.meta.dirname, '..', '..', 'shared', 'letters'));

function line(label: string, value: string, baseline: string, ratio: number, target: string, ok: boolean | null): void {
  const mark = ok === null ? '' : ok ? '  [meets target]' : '  [BELOW TARGET]';
  console.log(`${label.padEnd(34)} ${value.padEnd(26)} baseline ${baseline.padEnd(24)} ratio ${ratio.toFixed(2).padStart(6)}x  target ${target}${mark}`);
}

/** Runs `fn` repeatedly for at least `ms`, returning runs per second. */
function rate(fn: () => void, ms = 1500): number {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    fn();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function parseText(): Promise<void> {
  const letters = realLetterTexts(SHARED);
  const mb = letters.reduce((s, l) => s + Buffer.byteLength(l.text), 0) / 1e6;
  const full = rate(() => letters.forEach((l) => parseLetterText(l.text, l.name)));
  // Baseline: the unavoidable first pass, normalising the text into lines.
  const base = rate(() => letters.forEach((l) => letterLines(l.text)));
  line('parse text (1 core)', `${(full * mb).toFixed(1)} MB/s, ${(full * letters.length).toFixed(0)} letters/s`, `${(base * mb).toFixed(1)} MB/s (lines only)`, full / base, '>= 20 MB/s per core', full * mb >= 20);
}

async function parsePdf(): Promise<void> {
  const dir = join(SHARED, 'dwc-2016-2017', 'pdf');
  const pdfs = readdirSync(dir).filter((f) => f.endsWith('.pdf')).map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(dir, f))) }));
  const mb = pdfs.reduce((s, p) => s + p.bytes.length, 0) / 1e6;
  // Warm pdf.js up once so module loading is not timed.
  await extractPdfText(pdfs[0]!.bytes, pdfs[0]!.name);
  let t0 = performance.now();
  const texts: string[] = [];
  for (const p of pdfs) texts.push(await extractPdfText(p.bytes, p.name));
  const extractS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  for (const p of pdfs) parseLetterText(await extractPdfText(p.bytes, p.name), p.name);
  const fullS = (performance.now() - t0) / 1000;
  line('parse PDF (1 core)', `${(mb / fullS).toFixed(2)} MB/s, ${(pdfs.length / fullS).toFixed(0)} letters/s`, `${(pdfs.length / extractS).toFixed(0)} letters/s (pdf.js text)`, extractS / fullS, 'none set', null);
}

async function ingestAndSearch(): Promise<void> {
  const real = realLetterTexts(SHARED);
  const dir = mkdtempSync(join(tmpdir(), 'imr-bench-'));
  try {
    const store = await openStore({ path: join(dir, 'corpus.db') });
    const batchSize = 1000;
    function* corpus() {
      for (let i = 0; i < LETTERS; i++) yield { name: `variant-${i}.txt`, text: varyLetter(real[i % real.length]!.text, i) };
    }
    // The real ingest path: parsing on worker threads, batched transactional writes.
    const report = await ingestTexts(store, corpus(), LETTERS, { batchSize });
    if (report.failed || report.duplicates) throw new Error(`bench corpus: ${report.failed} failed, ${report.duplicates} duplicates`);
    const totalS = report.seconds;
    const count = await store.determinations.count();

    // Baseline: the same number of letters' text into a bare one-column table, one transaction per batch.
    const bare = new Database(join(dir, 'bare.db'));
    bare.pragma('journal_mode = WAL');
    bare.exec('CREATE TABLE t (text TEXT)');
    const ins = bare.prepare('INSERT INTO t (text) VALUES (?)');
    const b0 = performance.now();
    for (let start = 0; start < LETTERS; start += batchSize) {
      const texts = Array.from({ length: Math.min(batchSize, LETTERS - start) }, (_, k) => varyLetter(real[(start + k) % real.length]!.text, start + k));
      bare.transaction(() => texts.forEach((t) => ins.run(t)))();
    }
    const bareS = (performance.now() - b0) / 1000;
    bare.close();
    line(`ingest ${count} letters (parse+store)`, `${(count / totalS).toFixed(0)} letters/s`, `${(LETTERS / bareS).toFixed(0)} letters/s (vary+bare insert)`, LETTERS / bareS / (count / totalS), '>= 2,000 letters/s', count / totalS >= 2000);

    const queries: [string, object][] = [
      ['baclofen', {}],
      ['baclofen spasticity', {}],
      ['"functional improvement"', {}],
      ['muscle relaxants -baclofen', {}],
      ['MRI red flags', { decision: 'overturned' }],
      ['physical therapy', { category: 'physical-medicine' }],
      ['opioid OR tramadol', { drug: 'opioid' }],
      ['epidural', { guideline: 'Low Back' }],
      ['', { specialty: 'Orthopedic', decision: 'overturned' }],
      ['acupuncture', { from: '2016-06-01', to: '2017-06-30' }],
      ['AND NOT "', {}],
      ['shoulder arthroscopy', { specialty: 'Orthopedic' }],
    ];
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const [q, f] of queries) {
        const s = performance.now();
        await store.determinations.search(q, { ...f, limit: 20 });
        times.push(performance.now() - s);
      }
    }
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    // Baseline: a full scan of the summaries for one word, what search would cost without an index.
    const s0 = performance.now();
    await store.db.selectFrom('letters').select((eb) => eb.fn.countAll().as('n')).where('clinical_summary', 'like', '%spasticity%').execute();
    const scanMs = performance.now() - s0;
    line(`search on ${count} letters`, `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`, `${scanMs.toFixed(0)} ms (LIKE scan)`, scanMs / p95, 'p95 <= 50 ms', p95 <= 50);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`OpenIMR benchmarks: node ${process.version}, corpus ${LETTERS} letters`);
// The corpus figures first: a process that has already run pdf.js is measurably slower at them.
await ingestAndSearch();
await parseText();
await parsePdf();
benchEngine(SHARED);
