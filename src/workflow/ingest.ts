import { ImrError } from '../domain/index.js';
import { collectLetterFiles, parseLetterFile } from '../letters/index.js';
import type { LetterToStore, Store } from '../store/index.js';

/** Progress of an ingest run, reported after each file. */
export interface IngestProgress {
  done: number;
  total: number;
  ingested: number;
  duplicates: number;
  failed: number;
}

/** One file that could not be ingested, and why. */
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
  onProgress?: (p: IngestProgress) => void;
  /** Called for each failed file as it fails. */
  onFailure?: (f: IngestFailure) => void;
}

/**
 * Parses letter files and stores them in the corpus. Each letter is parsed
 * and validated completely before anything of it is written; letters are
 * written in batches (one transaction each), and if a batch fails the
 * letters are retried one by one so that only the bad one is left out. A
 * letter already stored (same content hash) counts as a duplicate. A bad
 * file is reported with its reason and skipped; the run goes on.
 */
export async function ingestFiles(store: Store, paths: readonly string[], options: IngestOptions = {}): Promise<IngestReport> {
  const started = performance.now();
  const files = await collectLetterFiles(paths);
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const state: IngestProgress = { done: 0, total: files.length, ingested: 0, duplicates: 0, failed: 0 };
  const failures: IngestFailure[] = [];
  let batch: { file: string; letter: LetterToStore }[] = [];

  const fail = (file: string, reason: string) => {
    state.failed++;
    const f = { file, message: reason.startsWith(file) ? reason : `${file}: ${reason}` };
    failures.push(f);
    options.onFailure?.(f);
  };

  const flush = async () => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    try {
      tally(await store.determinations.insertMany(pending.map((p) => p.letter)));
    } catch {
      // Isolate the letter that broke the batch; the others still go in.
      for (const p of pending) {
        try {
          tally([await store.determinations.insertDetermination(p.letter.determination, p.letter.original)]);
        } catch (err) {
          fail(p.file, err instanceof Error ? err.message : String(err));
        }
      }
    }
    options.onProgress?.({ ...state });
  };

  const tally = (results: readonly { status: 'ingested' | 'duplicate' }[]) => {
    for (const r of results) r.status === 'ingested' ? state.ingested++ : state.duplicates++;
  };

  for (const file of files) {
    try {
      const { file: read, determination } = await parseLetterFile(file);
      batch.push({ file, letter: { determination, original: { text: read.text, format: read.format } } });
    } catch (err) {
      if (!(err instanceof ImrError)) throw err;
      fail(file, err.message);
    }
    state.done++;
    if (batch.length >= batchSize) await flush();
    else options.onProgress?.({ ...state });
  }
  await flush();
  return { ...state, failures, seconds: (performance.now() - started) / 1000 };
}
