/**
 * Reads off the serving thread (SQLite). better-sqlite3 runs each statement
 * on the calling thread, so one heavy search on the store's connection
 * would stop every other request the server answers until it finished. A
 * ReadPool keeps read-only connections to the same database file on worker
 * threads (WAL mode lets them read while the main connection writes) and
 * sends searches and statistics there, each to the least busy worker;
 * writes stay on the main connection. A worker that does not answer within
 * the query budget (plus a grace) is stopped and replaced, and its reads fail
 * as STORE_TIMEOUT.
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

/** Compiled: the worker's JavaScript; from the TypeScript sources (tests), a bootstrap that registers the loader first. */
const WORKER_SCRIPT = import.meta.url.endsWith('.js') ? new URL('./read-worker.js', import.meta.url) : new URL('./read-worker-entry.mjs', import.meta.url);

/** Time past the query budget a worker may take to answer before it is stopped: the budget is checked per row, so it is late only by one row's work. */
const GRACE_MS = 2_000;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
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
      const timer = setTimeout(() => {
        // The worker is stuck in one statement: stop it, and fail what it had.
        this.drop(slot);
        this.fail(slot, new StoreError('timeout', `the read took longer than its ${this.budgetMs} ms budget and was stopped: add words or filters to narrow it`));
      }, this.budgetMs + GRACE_MS);
      timer.unref();
      slot.pending.set(id, { resolve, reject, timer });
      slot.worker.postMessage({ ...req, id });
    });
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
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (reply: ReadReply) => {
      const p = slot.pending.get(reply.id);
      if (!p) return;
      slot.pending.delete(reply.id);
      clearTimeout(p.timer);
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new StoreError(reply.kind, reply.message));
    });
    const died = (err: Error) => {
      this.drop(slot);
      this.fail(slot, new StoreError('query', `a read connection failed: ${err.message}`));
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`its thread exited (${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private drop(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
  }

  private fail(slot: Slot, err: Error): void {
    for (const p of slot.pending.values()) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    slot.pending.clear();
  }
}
