/**
 * Crash safety of `imr ingest`: a real child process is SIGKILLed mid-ingest,
 * once at a random point after some letters were committed and once inside
 * a batch's open transaction, and ingest is run again on the same directory.
 * After every kill the database passes SQLite's integrity and foreign key
 * checks and the full-text index check, every stored letter is complete, and
 * the next run skips exactly what was committed and stores the rest, each
 * letter once.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realLetterTexts, varyLetter } from '../../../bench/corpus.js';
import { committedRows, corpusProblems, kill, spawnImr, spawnSequence, waitFor } from '../../../test/crash/harness.js';
import { parseLetterText } from '../../letters/index.js';
import { openStore } from '../../store/index.js';

/** Letters in the directory: enough that ingest runs for seconds, so a kill lands mid-run. */
const LETTERS = 600;
const BATCH = '5';

let dir: string;
let letters: string;
/** Case number of each letter file. */
const expected = new Map<string, string>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'imr-ingest-crash-'));
  letters = join(dir, 'letters');
  mkdirSync(letters);
  const real = realLetterTexts();
  for (let i = 0; i < LETTERS; i++) {
    const text = varyLetter(real[i % real.length]!.text, i);
    const file = join(letters, `letter-${String(i).padStart(5, '0')}.txt`);
    writeFileSync(file, text);
    expected.set(file, parseLetterText(text, file).caseNumber!);
  }
  // Bad files among them: reported and skipped by every run, never stored.
  writeFileSync(join(letters, 'empty.txt'), '');
  writeFileSync(join(letters, 'note.txt'), 'Dear claimant, your appointment is on Monday.\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The checks after a kill; returns how many letters are stored. */
async function checkAfterCrash(db: string): Promise<number> {
  const { letters: stored, problems } = corpusProblems(db);
  expect(problems).toEqual([]);
  // Each stored letter is one of the files, stored once, with its text intact.
  const sources = new Set<string>();
  for (const l of stored) {
    expect(expected.has(l.source), l.source).toBe(true);
    expect(sources.has(l.source), `${l.source} stored twice`).toBe(false);
    sources.add(l.source);
  }
  // A sample read back through the store is exactly the parse of its original.
  const store = await openStore({ path: db });
  try {
    await store.determinations.verifyIndex();
    for (const l of stored.filter((_, k) => k % 50 === 0)) {
      expect((await store.determinations.getDetermination(l.id))!.determination).toEqual(parseLetterText(l.text, l.source));
    }
  } finally {
    await store.close();
  }
  return stored.length;
}

interface Report {
  total: number;
  ingested: number;
  duplicates: number;
  alreadyStored: number;
  failed: number;
}

describe('imr ingest killed mid-run', () => {
  it('SIGKILLed twice at random points after commits, then run to the end: nothing half-written, nothing committed lost, each run resumes where the last stopped', async () => {
    const db = join(dir, 'random.db');
    const args = ['ingest', letters, '--db', db, '--quiet', '--json', '--batch-size', BATCH];

    const first = spawnImr(args);
    await waitFor('first commits', () => (committedRows(db, 'letters') >= 20 ? true : undefined));
    await kill(first);
    const afterFirst = await checkAfterCrash(db);
    expect(afterFirst).toBeGreaterThanOrEqual(20);
    expect(afterFirst).toBeLessThan(LETTERS);

    const second = spawnImr(args);
    await waitFor('more commits', () => (committedRows(db, 'letters') >= afterFirst + 20 ? true : undefined));
    await kill(second);
    const afterSecond = await checkAfterCrash(db);
    expect(afterSecond).toBeGreaterThan(afterFirst);
    expect(afterSecond).toBeLessThan(LETTERS);

    const last = spawnImr(args);
    const { code } = await last.exited;
    expect(code, last.stderr()).toBe(1); // the two bad files
    const report = JSON.parse(last.lines.join('\n')) as Report;
    // Resumed: what the killed runs committed is skipped, only the rest is written.
    expect(report).toMatchObject({ total: LETTERS + 2, alreadyStored: afterSecond, duplicates: afterSecond, ingested: LETTERS - afterSecond, failed: 2 });
    expect(last.stderr()).toMatch(/empty\.txt: empty file/);
    expect(await checkAfterCrash(db)).toBe(LETTERS);
    const { letters: stored } = corpusProblems(db);
    expect(new Set(stored.map((l) => l.source))).toEqual(new Set(expected.keys()));
  });

  it('SIGKILLed inside a batch transaction, its uncommitted rows spilled to the WAL: that batch is absent, the batches before it are whole, and the next run writes the rest', async () => {
    const db = join(dir, 'paused.db');
    const args = ['ingest', letters, '--db', db, '--quiet', '--json', '--batch-size', BATCH];
    // Two batches commit; the third writes its rows and stops before COMMIT.
    const child = spawnSequence(dir, [args], { IMR_CRASH_PAUSE_AFTER: `letters:${2 * Number(BATCH)}`, IMR_CRASH_CACHE_PAGES: '4' });
    await waitFor('the paused transaction', () => (child.lines.some((l) => l.startsWith('PAUSED')) ? true : child.process.exitCode !== null ? false : undefined));
    expect(child.lines, child.stderr()).toContain(`PAUSED ${3 * Number(BATCH)}`);
    await kill(child);
    expect(await checkAfterCrash(db)).toBe(2 * Number(BATCH));

    const rerun = spawnImr(args);
    const { code } = await rerun.exited;
    expect(code, rerun.stderr()).toBe(1);
    expect(JSON.parse(rerun.lines.join('\n'))).toMatchObject({ alreadyStored: 2 * Number(BATCH), ingested: LETTERS - 2 * Number(BATCH), failed: 2 });
    expect(await checkAfterCrash(db)).toBe(LETTERS);
  });
});
