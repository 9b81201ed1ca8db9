/**
 * Large synthetic corpora for the search, statistics and load figures, built
 * the fastest way the store offers: a pool of letter variants (varyLetter)
 * is parsed once, and each letter of the corpus is a pool variant with its
 * own case number (so its own text and content hash), stored through
 * insertMany in large batches. Parsing every letter anew would measure the
 * parser, which the ingest figures do; these parts measure reads.
 *
 * `IMR_BENCH_CORPUS_DIR` keeps the built databases (`scale-N.db`) between
 * runs; without it they are built in a temporary directory and deleted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Determination } from '../src/domain/index.js';
import { parseLetterText } from '../src/letters/index.js';
import { openStore } from '../src/store/index.js';
import { realLetterTexts, varyLetter } from './corpus.js';

/** Distinct parsed variants the corpus cycles through (dates shifted, drugs swapped, ages changed). */
const POOL = 1400;

/** The case number of the corpus's `i`-th letter (CM14- to CM23-, unique). */
export function scaleCaseNumber(i: number): string {
  return `CM${String(14 + (i % 10)).padStart(2, '0')}-${String(i).padStart(7, '0')}`;
}

/** The parsed variants a corpus cycles through. */
export function variantPool(): { det: Determination; text: string }[] {
  const real = realLetterTexts();
  const pool: { det: Determination; text: string }[] = [];
  for (let i = 0; i < POOL; i++) {
    const text = varyLetter(real[i % real.length]!.text, i);
    try {
      pool.push({ det: parseLetterText(text, `variant-${i}`), text });
    } catch {
      // A variant the parser refuses (a shifted date it reads as impossible) is left out.
    }
  }
  return pool;
}

/** The corpus's letters `start` to `end` (excluded): pool variants, each with its own case number. */
export function scaleLetters(pool: readonly { det: Determination; text: string }[], start: number, end: number): { determination: Determination; original: { text: string; format: 'txt' } }[] {
  const letters = [];
  for (let i = start; i < end; i++) {
    const v = pool[i % pool.length]!;
    const caseNumber = scaleCaseNumber(i);
    const text = v.det.caseNumber ? v.text.split(v.det.caseNumber).join(caseNumber) : `Case Number: ${caseNumber}\n${v.text}`;
    const contentHash = createHash('sha256').update(text).digest('hex');
    letters.push({ determination: { ...v.det, caseNumber, contentHash }, original: { text, format: 'txt' as const } });
  }
  return letters;
}

/**
 * A store file holding `n` letters: reused from `IMR_BENCH_CORPUS_DIR` when
 * built there before, else built now. Returns its path and a cleanup.
 */
export async function scaleCorpus(n: number, log: (msg: string) => void = () => undefined): Promise<{ path: string; built: boolean; seconds: number; dispose: () => void }> {
  const keep = process.env.IMR_BENCH_CORPUS_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'imr-scale-'));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `scale-${n}.db`);
  const dispose = () => {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  };
  if (existsSync(path)) return { path, built: false, seconds: 0, dispose };
  const building = `${path}.building`;
  for (const f of [building, `${building}-wal`, `${building}-shm`, `${building}.audit-key`, `${building}.audit-checkpoint`]) rmSync(f, { force: true });
  const t0 = performance.now();
  const pool = variantPool();
  const store = await openStore({ path: building, synchronous: 'NORMAL' });
  try {
    const batch = 2000;
    for (let start = 0; start < n; start += batch) {
      await store.determinations.insertMany(scaleLetters(pool, start, Math.min(n, start + batch)));
      if ((start / batch) % 25 === 24) log(`  corpus ${start + batch} of ${n} letters (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await store.close();
  }
  renameSync(building, path);
  for (const ext of ['-wal', '-shm', '.audit-key', '.audit-checkpoint']) if (existsSync(building + ext)) renameSync(building + ext, path + ext);
  return { path, built: true, seconds: (performance.now() - t0) / 1000, dispose };
}
