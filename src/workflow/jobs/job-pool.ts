/**
 * The server's CPU-heavy work (reading and parsing an uploaded letter,
 * rendering a letter, a PDF above all) runs here, on worker threads, so that
 * the event loop that answers every other request never waits for it. Each
 * job runs under limits (job-limits.ts): a deadline, after which its worker
 * is stopped; a heap limit, past which its worker dies; a page limit for
 * PDFs; and a bounded queue. A job over a limit is refused with a typed
 * error, and since a job only computes (the caller writes its result), it
 * leaves nothing behind. A stopped worker is replaced on the next job.
 */
import { Worker } from 'node:worker_threads';
import { type CaseAssessment, type CaseFile, type Determination, type ErrorCode, ImrError, LetterParseError } from '../../domain/index.js';
import type { LetterFormat } from '../../letters/index.js';
import type { RenderFormat } from '../../letters/render/index.js';
import type { PreparedLetter } from '../../store/index.js';
import { DEFAULT_JOB_LIMITS, JobLimitError, ServerBusyError, type JobLimits } from './job-limits.js';

/** A letter read, parsed, validated and flattened into its rows, ready to store. */
/**
 * The worker's script: compiled (dist/, what `imr` runs) the worker's own
 * JavaScript; from the TypeScript sources (tests, under a loader worker
 * threads do not inherit) a bootstrap that registers the loader first.
 */
const WORKER_SCRIPT = import.meta.url.endsWith('.js') ? new URL('./job-worker.js', import.meta.url) : new URL('./job-worker-entry.mjs', import.meta.url);

export interface PreparedUpload {
  prepared: PreparedLetter;
  format: LetterFormat;
  caseNumber: string | null;
  contentHash: string;
}

export type JobRequest =
  | { kind: 'prepare-letter'; input: { bytes: Uint8Array; name: string; format: LetterFormat; maxPages: number } }
  | { kind: 'render-letter'; input: { determination: Determination; format: RenderFormat } }
  | { kind: 'assess-case'; input: { file: CaseFile } };

export type JobResult =
  | { kind: 'prepare-letter'; output: PreparedUpload }
  | { kind: 'render-letter'; output: string | Uint8Array }
  | { kind: 'assess-case'; output: CaseAssessment };

/** To a worker. */
export interface JobMessage {
  id: number;
  request: JobRequest;
}

/** From a worker. */
export type JobReply = { id: number; ok: true; result: JobResult } | { id: number; ok: false; code: ErrorCode | 'INTERNAL'; message: string; file: string | null };

interface Pending {
  id: number;
  request: JobRequest;
  what: string;
  resolve(result: JobResult): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  job: Pending | null;
  timer: NodeJS.Timeout | null;
}

export interface JobPoolOptions {
  /** Worker threads (default 1: the server's other core answers requests). */
  workers?: number;
  limits?: Partial<JobLimits>;
}

export class JobPool {
  readonly limits: JobLimits;
  private readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: JobPoolOptions = {}) {
    this.limits = { ...DEFAULT_JOB_LIMITS, ...options.limits };
    this.size = Math.max(1, options.workers ?? 1);
  }

  /** Reads, parses and validates a letter file; LetterParseError when it is not a readable letter, JobLimitError past a limit. */
  async prepareLetter(bytes: Uint8Array, name: string, format: LetterFormat): Promise<PreparedUpload> {
    const r = await this.run({ kind: 'prepare-letter', input: { bytes, name, format, maxPages: this.limits.maxPages } }, `reading ${name}`);
    return (r as Extract<JobResult, { kind: 'prepare-letter' }>).output;
  }

  /** A determination rendered as a letter: text, or the bytes of a PDF. */
  async renderLetter(determination: Determination, format: RenderFormat): Promise<string | Uint8Array> {
    const r = await this.run({ kind: 'render-letter', input: { determination, format } }, `rendering the letter as ${format}`);
    return (r as Extract<JobResult, { kind: 'render-letter' }>).output;
  }

  /** The determination engine's draft of a case file (its clinical summary may be megabytes long). */
  async assessCase(file: CaseFile): Promise<CaseAssessment> {
    const r = await this.run({ kind: 'assess-case', input: { file } }, 'drafting the determination');
    return (r as Extract<JobResult, { kind: 'assess-case' }>).output;
  }

  private run(request: JobRequest, what: string): Promise<JobResult> {
    if (this.closed) return Promise.reject(new Error('the job pool is closed'));
    const busy = this.slots.filter((s) => s.job).length;
    if (busy >= this.size && this.queue.length >= this.limits.maxQueued) {
      return Promise.reject(new ServerBusyError(Math.max(1, Math.ceil(this.limits.deadlineMs / 1000))));
    }
    return new Promise<JobResult>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, what, resolve, reject });
      this.dispatch();
    });
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SCRIPT, {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, this.limits.maxMemoryMb >> 3)) },
    });
    // An idle pool does not keep the process alive.
    worker.unref();
    const slot: Slot = { worker, job: null, timer: null };
    worker.on('message', (reply: JobReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      this.finish(slot);
      if (reply.ok) job.resolve(reply.result);
      else job.reject(rebuild(reply));
    });
    const died = (why: Error) => {
      const job = slot.job;
      this.drop(slot);
      if (job) job.reject(why);
    };
    worker.on('error', (err: Error & { code?: string }) => {
      died(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new JobLimitError(slot.job?.what ?? 'a job', `${this.limits.maxMemoryMb} MB of memory`) : err);
    });
    worker.on('exit', () => died(new JobLimitError(slot.job?.what ?? 'a job', 'resources')));
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
    this.dispatch();
  }

  /** Forgets a dead or stopped worker; the next job starts a new one. */
  private drop(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    this.dispatch();
  }

  private dispatch(): void {
    while (this.queue.length && !this.closed) {
      const slot = this.slots.find((s) => !s.job) ?? (this.slots.length < this.size ? this.spawn() : null);
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      // A busy worker keeps the process alive until its job is answered.
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        this.drop(slot);
        void slot.worker.terminate();
        job.reject(new JobLimitError(job.what, `${Math.round(this.limits.deadlineMs / 1000)} s`));
      }, this.limits.deadlineMs);
      const message: JobMessage = { id: job.id, request: job.request };
      slot.worker.postMessage(message);
    }
  }

  /** Stops every worker; jobs waiting or running are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the job pool is closed'));
    const slots = this.slots.splice(0);
    for (const s of slots) {
      if (s.timer) clearTimeout(s.timer);
      s.job?.reject(new Error('the job pool is closed'));
      s.job = null;
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

/** The error a worker reported, as the typed error it was. */
function rebuild(reply: Extract<JobReply, { ok: false }>): Error {
  if (reply.code === 'LETTER_PARSE' && reply.file !== null) return new LetterParseError(reply.file, reply.message.slice(reply.file.length + 2));
  if (reply.code === 'INTERNAL') return new Error(reply.message);
  return new ImrError(reply.code, reply.message);
}
