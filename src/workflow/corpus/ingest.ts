import { countLetterFiles, walkLetterFiles, type LetterFormat } from '../../letters/index.js';
import type { InsertResult, PreparedLetter, Store } from '../../store/index.js';
import { digestTableFromSorted } from './file-digests.js';
import { IdRanges } from './id-ranges.js';
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
  /** Parser worker threads (default: one per core). */
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
  knownFiles?: SharedArrayBuffer,
): Promise<IngestReport> {
  const started = performance.now();
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const state: IngestProgress = { done: 0, total, ingested: 0, duplicates: 0, alreadyStored: 0, unread: 0, failed: 0 };
  const failures: IngestFailure[] = [];
  // Ids this run wrote: a duplicate of one of them repeats a letter of this
  // run; any other duplicate was stored before (by an earlier, perhaps
  // interrupted, run or another process). Kept as ranges: a million ids in a
  // Set hold 20 MB, and a batch's new letters have consecutive ids.
  const writtenNow = new IdRanges();
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
  const pool = { inFlight: 2 * batchSize, ...(options.workers === undefined ? {} : { workers: options.workers }), ...(knownFiles ? { knownFiles } : {}) };
  for await (const res of parseInWorkers(requests, pool)) {
    const file = res.name;
    if (res.ok === 'stored') {
      // The same bytes were ingested before: their letter is stored, and the file was not parsed.
      state.duplicates++;
      state.alreadyStored++;
      state.unread++;
    } else if (res.ok) batch.push({ file, letter: res.prepared, sha256: res.sha256 });
    else fail(file, res.message);
    state.done++;
    if (batch.length >= batchSize) await flush();
    options.onProgress?.({ ...state });
  }
  await flush();
  options.onProgress?.({ ...state });
  return { ...state, failures, seconds: (performance.now() - started) / 1000 };
}

/**
 * Parses letter files (directories are walked) on worker threads and stores
 * them in the corpus. See storeParsed for the guarantees. A worker hashes
 * each file's bytes before parsing it: a file ingested before (the same
 * bytes, recorded with its letter) is counted as already stored and not
 * parsed again, so a second run over the same files takes a moment instead
 * of re-reading every PDF.
 */
export async function ingestFiles(store: Store, paths: readonly string[], options: IngestOptions = {}): Promise<IngestReport> {
  // The files are counted first (for progress), then walked again as the
  // parsers take them: memory does not grow with the number of files.
  const total = countLetterFiles(paths);
  const known = await digestTableFromSorted(await store.determinations.countFileHashes(), store.determinations.fileHashPages());
  const requests = (function* () {
    for (const name of walkLetterFiles(paths)) yield { name };
  })();
  return storeParsed(store, requests, total, options, known);
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
