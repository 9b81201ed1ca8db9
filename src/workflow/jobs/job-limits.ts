/**
 * The limits a CPU-heavy job of the server (parsing an upload, rendering a
 * letter) runs under, and the typed errors of a job refused by them.
 */
import { ImrError } from '../../domain/index.js';

export interface JobLimits {
  /** Wall time a job may take once started; past it the worker is stopped and the job refused. */
  deadlineMs: number;
  /** Heap a worker may grow to (V8's old generation), in MB; past it the worker dies and the job is refused. */
  maxMemoryMb: number;
  /** Pages a PDF may have. */
  maxPages: number;
  /** Jobs that may wait for a free worker; more are refused at once (the server is busy). */
  maxQueued: number;
}

export const DEFAULT_JOB_LIMITS: JobLimits = { deadlineMs: 20_000, maxMemoryMb: 384, maxPages: 100, maxQueued: 32 };

/** A job went over one of its limits (time or memory) and was stopped; nothing it did is kept. */
export class JobLimitError extends ImrError {
  constructor(what: string, limit: string) {
    super('LIMIT_EXCEEDED', `${what} was stopped: it went over the ${limit} a job may take on this server`);
  }
}

/** Every worker is busy and the queue is full: try again shortly. */
export class ServerBusyError extends ImrError {
  constructor(readonly retryAfterSeconds: number) {
    super('BUSY', `the server is busy with other work; try again in ${retryAfterSeconds} s`);
  }
}
