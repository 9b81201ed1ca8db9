import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { collectLetterFiles, MAX_LETTER_BYTES, type LetterFormat } from '../letters/index.js';
import type { InsertResult, PreparedLetter, Store } from '../store/index.js';
import { parseInWorkers, type ParseRequest } from './parse-pool.js';

/** Progress of an ingest run, reported as letters are parsed and stored. */
export interface IngestProgress {
  done: number;
  total: number;
  ingested: number;
  /** Letters not written because the same letter (content hash) is stored: before this run, or earlier in it. */
  duplicates: number;
  /**
   * Of the duplicates, those stored before this run began: skipped, not
   * written again. An ingest interrupted and started again counts here what
   * the interrupted run committed, and writes only the rest.
   */
  alreadyStored: number;
  /**
   * Of those, files whose very bytes were ingested before (by sha256): skipped
   * without being parsed.
   */
  unread: number;
  failed: number;
}

/** One letter that could not be ingested, and why. */
export interface IngestFailure {
  file: string;
  /** One line naming the file and the reason. */
  message: string;
}

/** What an ingest run did. */
export interface IngestReport extends IngestProgress {
  failures: IngestFailure[];
  seconds: number;
}

export interface IngestOptions {
  /** Letters written per transaction (default 500). */
  batchSize?: number;
  /** Parser worker threads (default: one per core but one). */
  workers?: number;
  onProgress?: (p: IngestProgress) => void;
  /** Called for each failed letter as it fails. */
  onFailure?: (f: IngestFailure) => void;
}

/**
 * Stores parsed letters as they arrive. Each letter was parsed and validated
 * completely before anything of it is written; letters are written in
 * batches (one transaction each), and if a batch fails its letters are
 * retried one by one so that only the bad one is left out. A letter already
 * stored (same content hash) counts as a duplicate. A bad letter is reported
 * with its reason and skipped; the run goes on. A run that is killed loses
 * at most the batch being written (its transaction never commits); run
 * again, it skips the letters already stored (`alreadyStored`) and writes
 * the rest.
 */
async function storeParsed(
  store: Store,
  requests: Iterable<Omit<ParseRequest, 'id'>>,
  total: number,
  options: IngestOptions,
  files?: { hashes: readonly (string | undefined)[]; skipped: number; started: number },
): Promise<IngestReport> {
  const started = files?.started ?? performance.now();
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const skipped = files?.skipped ?? 0;
  const state: IngestProgress = { done: skipped, total, ingested: 0, duplicates: skipped, alreadyStored: skipped, unread: skipped, failed: 0 };
  const failures: IngestFailure[] = [];
  // Ids this run wrote: a duplicate of one of them repeats a letter of this
  // run; any other duplicate was stored before (by an earlier, perhaps
  // interrupted, run or another process).
  const writtenNow = new Set<number>();
  let batch: { file: string; letter: PreparedLetter; sha256: string | undefined }[] = [];

  const fail = (file: string, reason: string) => {
    state.failed++;
    const f = { file, message: reason.startsWith(file) ? reason : `${file}: ${reason}` };
    failures.push(f);
    options.onFailure?.(f);
  };
  const tally = (results: readonly InsertResult[]) => {
    for (const r of results) {
      if (r.status === 'ingested') {
        state.ingested++;
        writtenNow.add(r.id);
      } else {
        state.duplicates++;
        if (!writtenNow.has(r.id)) state.alreadyStored++;
      }
    }
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    try {
      tally(await store.determinations.insertPrepared(pending.map((p) => p.letter), { fileHashes: pending.map((p) => p.sha256) }));
    } catch {
      // Isolate the letter that broke the batch; the others still go in.
      for (const p of pending) {
        try {
          tally(await store.determinations.insertPrepared([p.letter], { fileHashes: [p.sha256] }));
        } catch (err) {
          fail(p.file, err instanceof Error ? err.message : String(err));
        }
      }
    }
  };

  // Keep the parsers a whole batch ahead, so they work while a batch is written.
  const pool = { inFlight: 2 * batchSize, ...(options.workers === undefined ? {} : { workers: options.workers }) };
  // Results come in request order: the k-th is the k-th file's.
  let k = 0;
  for await (const res of parseInWorkers(requests, pool)) {
    const file = res.name;
    const sha256 = files?.hashes[k++];
    if (res.ok) batch.push({ file, letter: res.prepared, sha256 });
    else fail(file, res.message);
    state.done++;
    if (batch.length >= batchSize) await flush();
    options.onProgress?.({ ...state });
  }
  await flush();
  options.onProgress?.({ ...state });
  return { ...state, failures, seconds: (performance.now() - started) / 1000 };
}

/** The sha256 of a letter file's bytes; undefined when it is no readable regular file of a letter's size (the parser then says why). */
async function fileSha256(path: string): Promise<string | undefined> {
  try {
    const st = await stat(path);
    if (!st.isFile() || st.size > MAX_LETTER_BYTES) return undefined;
    return createHash('sha256').update(await readFile(path)).digest('hex');
  } catch {
    return undefined;
  }
}

/**
 * Parses letter files (directories are walked) on worker threads and stores
 * them in the corpus. See storeParsed for the guarantees. Each file's bytes
 * are hashed first: a file ingested before (the same bytes) is counted as
 * already stored and not parsed again, so a second run over the same files
 * takes a moment instead of re-reading every PDF.
 */
export async function ingestFiles(store: Store, paths: readonly string[], options: IngestOptions = {}): Promise<IngestReport> {
  const started = performance.now();
  const files = await collectLetterFiles(paths);
  const hashes: (string | undefined)[] = [];
  for (const f of files) hashes.push(await fileSha256(f));
  const stored = await store.determinations.storedFiles(hashes.filter((h): h is string => h !== undefined));
  const toParse: { name: string; sha256: string | undefined }[] = [];
  files.forEach((name, i) => {
    const sha256 = hashes[i];
    if (sha256 === undefined || !stored.has(sha256)) toParse.push({ name, sha256 });
  });
  const skipped = files.length - toParse.length;
  return storeParsed(store, toParse.map(({ name }) => ({ name })), files.length, options, { hashes: toParse.map((f) => f.sha256), skipped, started });
}

/** Ingests letters whose text is already in memory (uploads, benchmarks); `letters` may be a lazy generator of `total` letters. */
export async function ingestTexts(
  store: Store,
  letters: Iterable<{ name: string; text: string; format?: LetterFormat }>,
  total: number,
  options: IngestOptions = {},
): Promise<IngestReport> {
  return storeParsed(store, letters, total, options);
}
