/**
 * Reads off the serving thread (SQLite). better-sqlite3 runs each statement
 * on the calling thread, so one heavy search on the store's connection
 * would stop every other request the server answers until it finished. A
 * ReadPool keeps read-only connections to the same database file on worker
 * threads (WAL mode lets them read while the main connection writes) and
 * sends searches and statistics there, each to the least busy worker;
 * writes stay on the main connection. A worker answers its reads one at a
 * time; one that spends longer than the query budget (plus a grace) on the
 * read in hand is stopped and replaced, and its reads fail as STORE_TIMEOUT.
 * The watch starts when the worker takes the read up, not when it is queued:
 * reads waiting behind others, or for a new worker to open its connection,
 * on a busy machine are not stopped for time they did not run.
 */
import { Worker } from 'node:worker_threads';
import type { DeterminationRepositoryOptions } from '../corpus/determinations.js';
import { StoreError, type StoreErrorKind } from '../errors.js';
import type { SearchOptions, SearchPage } from '../search/search.js';
import type { StatsDimension, StatsFilters, StatsRow } from '../corpus/stats.js';

/** What a read worker is started with. */
export interface ReadWorkerData {
  path: string;
  options: Pick<DeterminationRepositoryOptions, 'resultWindow' | 'queryBudgetMs'>;
}

export type ReadRequest =
  | { id: number; op: 'search'; query: string; options: SearchOptions }
  | { id: number; op: 'stats'; by: StatsDimension; filters: StatsFilters };

export type ReadReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; kind: StoreErrorKind; message: string };

/** What a read worker posts: the answer to a read, or that its connection is open (once, first). */
export type ReadWorkerMessage = ReadReply | { ready: true };

/** Compiled: the worker's JavaScript; from the TypeScript sources (tests), a bootstrap that registers the loader first. */
const WORKER_SCRIPT = import.meta.url.endsWith('.js') ? new URL('./read-worker.js', import.meta.url) : new URL('./read-worker-entry.mjs', import.meta.url);

/** Time past the query budget a worker may take to answer before it is stopped: the budget is checked per row, so it is late only by one row's work. */
const GRACE_MS = 2_000;

/** Longest a new worker may take to open its connection (loading its code on a busy machine included). */
const STARTUP_MS = 60_000;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  /** Reads sent, in the order the worker answers them (Map keeps insertion order). */
  pending: Map<number, Pending>;
  /** Whether the worker has opened its connection. */
  ready: boolean;
  /** The watch on the read in hand (the first pending), or on start-up. */
  watch: NodeJS.Timeout | null;
}

export class ReadPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  private readonly budgetMs: number;

  /** `workers` read connections to the SQLite file at `path`. */
  constructor(
    private readonly path: string,
    private readonly workers: number,
    private readonly options: ReadWorkerData['options'],
    defaultBudgetMs: number,
    private readonly graceMs = GRACE_MS,
  ) {
    this.budgetMs = options.queryBudgetMs ?? defaultBudgetMs;
  }

  search(query: string, options: SearchOptions): Promise<SearchPage> {
    return this.run({ op: 'search', query, options }) as Promise<SearchPage>;
  }

  stats(by: StatsDimension, filters: StatsFilters): Promise<StatsRow[]> {
    return this.run({ op: 'stats', by, filters }) as Promise<StatsRow[]>;
  }

  /** Stops every worker; reads in flight fail. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const slot of slots) this.fail(slot, new StoreError('query', 'the store was closed'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private run(req: ReadRequest extends infer R ? (R extends ReadRequest ? Omit<R, 'id'> : never) : never): Promise<unknown> {
    if (this.closed) return Promise.reject(new StoreError('query', 'the store is closed'));
    const slot = this.pick();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ ...req, id });
      this.watch(slot);
    });
  }

  /**
   * Watches the read the worker has in hand (the first pending one) once its
   * connection is open: past the budget and grace, the worker is stuck in
   * one statement, so it is stopped and what it had fails.
   */
  private watch(slot: Slot): void {
    if (slot.watch || !slot.ready || slot.pending.size === 0) return;
    slot.watch = setTimeout(() => {
      slot.watch = null;
      this.drop(slot);
      this.fail(slot, new StoreError('timeout', `the read took longer than its ${this.budgetMs} ms budget and was stopped: add words or filters to narrow it`));
    }, this.budgetMs + this.graceMs);
    slot.watch.unref();
  }

  /** The worker with the fewest reads in flight, starting one while there are fewer than asked for. */
  private pick(): Slot {
    const idle = this.slots.find((s) => s.pending.size === 0);
    if (idle) return idle;
    if (this.slots.length < this.workers) return this.spawn();
    return this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SCRIPT, { workerData: { path: this.path, options: this.options } satisfies ReadWorkerData });
    worker.unref();
    const slot: Slot = { worker, pending: new Map(), ready: false, watch: null };
    const died = (err: Error) => {
      this.drop(slot);
      this.fail(slot, new StoreError('query', `a read connection failed: ${err.message}`));
    };
    slot.watch = setTimeout(() => died(new Error(`it did not open within ${STARTUP_MS / 1000} s`)), STARTUP_MS);
    slot.watch.unref();
    worker.on('message', (message: ReadWorkerMessage) => {
      if ('ready' in message) {
        slot.ready = true;
        this.unwatch(slot);
        this.watch(slot);
        return;
      }
      const p = slot.pending.get(message.id);
      if (!p) return;
      slot.pending.delete(message.id);
      // The next read is taken up now: its own watch starts.
      this.unwatch(slot);
      this.watch(slot);
      if (message.ok) p.resolve(message.result);
      else p.reject(new StoreError(message.kind, message.message));
    });
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`its thread exited (${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private unwatch(slot: Slot): void {
    if (slot.watch) clearTimeout(slot.watch);
    slot.watch = null;
  }

  private drop(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
  }

  private fail(slot: Slot, err: Error): void {
    this.unwatch(slot);
    for (const p of slot.pending.values()) p.reject(err);
    slot.pending.clear();
  }
}
