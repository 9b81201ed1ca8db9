import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LetterFormat } from '../../letters/index.js';
import type { PreparedLetter } from '../../store/index.js';

/** A letter to parse: a file path, or text already in memory. */
export interface ParseRequest {
  id: number;
  /** File path, or a name for in-memory text. */
  name: string;
  text?: string;
  format?: LetterFormat;
}

/**
 * A parsed letter, validated and flattened into its rows (prepareLetter), or
 * why it failed, or (`stored`) a file whose bytes are among the known ones
 * (not parsed). A letter read from a file carries the sha256 of its bytes.
 */
export type ParseResponse =
  | { id: number; name: string; ok: true; prepared: PreparedLetter; sha256?: string }
  | { id: number; name: string; ok: false; message: string }
  | { id: number; name: string; ok: 'stored'; sha256: string };

/** What each parse worker is started with. */
export interface ParseWorkerData {
  /** sha256 digests of files already stored (file-digests.ts): such a file is answered `stored`, unparsed. */
  knownFiles: SharedArrayBuffer | null;
}

/**
 * Workers to use by default: one per core. Parsing is most of an ingest's
 * work, and the thread that writes to the database is idle whenever it
 * waits for a batch or for the disk: with a core left to it, that core
 * would idle too. The operating system shares the cores between them.
 */
export function defaultParseWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The worker's script. Compiled (dist/, what `imr` runs) it is the worker's
 * own JavaScript; run from the TypeScript sources (the tests, under a
 * TypeScript loader that worker threads do not inherit) it is a bootstrap
 * that registers the loader in the thread first.
 */
const WORKER_SCRIPT = import.meta.url.endsWith('.js') ? new URL('./parse-worker.js', import.meta.url) : new URL('./parse-worker-entry.mjs', import.meta.url);

/** Young-generation size of a parse worker's heap, MB (V8's default is 16-32 per semi-space). */
const PARSE_WORKER_YOUNG_MB = 8;

/** Letters per message to and from a worker: fewer, larger messages cost the writer thread less. */
const CHUNK = 16;

/**
 * Parses letters on worker threads and yields the results in input order.
 * At most `inFlight` letters are queued at once, so memory stays bounded
 * however many letters there are. Letters travel in chunks, one message
 * each way per chunk.
 */
export async function* parseInWorkers(
  requests: Iterable<Omit<ParseRequest, 'id'>>,
  options: { workers?: number; inFlight?: number; knownFiles?: SharedArrayBuffer } = {},
): AsyncGenerator<ParseResponse> {
  const count = Math.max(1, options.workers ?? defaultParseWorkers());
  const inFlight = Math.max(count * CHUNK, options.inFlight ?? 64 * count);
  const it = requests[Symbol.iterator]();
  const first = it.next();
  // Nothing to parse (every file of an ingest already stored): start no thread.
  if (first.done) return;
  const workerData: ParseWorkerData = { knownFiles: options.knownFiles ?? null };
  // A small young generation: each letter's garbage is collected sooner, and
  // a worker's resident memory stays some tens of MB lower (no old-generation
  // limit: a 10 MB letter must still parse, not end the worker).
  const workers = Array.from({ length: count }, () => new Worker(WORKER_SCRIPT, { workerData, resourceLimits: { maxYoungGenerationSizeMb: PARSE_WORKER_YOUNG_MB } }));
  const done = new Map<number, ParseResponse>();
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  for (const w of workers) {
    w.on('message', (results: ParseResponse[]) => {
      for (const res of results) done.set(res.id, res);
      wake?.();
    });
    w.on('error', (err) => {
      failure = err;
      wake?.();
    });
  }
  let pending: IteratorResult<Omit<ParseRequest, 'id'>> | null = first;
  const take = () => {
    const r = pending ?? it.next();
    pending = null;
    return r;
  };
  let sent = 0;
  let chunks = 0;
  let next = 0;
  let exhausted = false;
  const fill = () => {
    while (!exhausted && sent - next + CHUNK <= inFlight) {
      const chunk: ParseRequest[] = [];
      while (chunk.length < CHUNK) {
        const r = take();
        if (r.done) {
          exhausted = true;
          break;
        }
        chunk.push({ ...r.value, id: sent + chunk.length });
      }
      if (chunk.length === 0) break;
      workers[chunks++ % count]!.postMessage(chunk);
      sent += chunk.length;
    }
  };
  try {
    fill();
    while (next < sent) {
      while (!done.has(next)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      const res = done.get(next)!;
      done.delete(next);
      next++;
      fill();
      yield res;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
