/**
 * Runs fuzzed inputs through the parsers on a worker thread, one at a time,
 * each within a time bound. A parser that loops (or backtracks for minutes)
 * on an input cannot be interrupted on the test's own thread; on a worker it
 * is: the worker is terminated, a fresh one started, and the input reported
 * as a hang. A worker that dies (an exception escaping asynchronously, out of
 * memory) is reported as a crash.
 */
import { Worker } from 'node:worker_threads';

export type SandboxOp = 'letter-text' | 'letter-bytes' | 'treatment' | 'citations' | 'search' | 'api-request' | 'redaction';

export interface SandboxRequest {
  id: number;
  op: SandboxOp;
  input: unknown;
}

/** An error thrown by the operation, described on the worker's side. */
export interface SandboxError {
  className: string;
  isLetterParseError: boolean;
  isImrError: boolean;
  message: string;
  file?: string;
  stack: string;
}

/** What the operation returned (with its size as JSON), or the error it threw. */
export type SandboxResponse = { id: number; ok: true; value: unknown; size: number } | { id: number; ok: false; error: SandboxError };

/** The input took longer than the bound, or killed its worker. */
export class SandboxFailure extends Error {}

/** How long a fresh worker may take to start and load the parsers (not part of any input's bound). */
const WARM_UP_MS = 120_000;

export class Sandbox {
  private worker: Worker | null = null;
  private nextId = 0;
  private closed = false;
  private crashedAfter: string | null = null;
  /** A request is waiting for its answer (its own listeners report a crash). */
  private pending = false;

  /**
   * @param timeoutMs the bound on each input
   * @param warmUp an input that loads everything the inputs will need (pdf.js for PDFs), run on every fresh worker before its first input
   */
  constructor(
    private readonly timeoutMs: number,
    private readonly warmUp: { op: SandboxOp; input: unknown },
  ) {}

  private async start(): Promise<Worker> {
    // A fuzzer still running after its test timed out must stop, not start workers again.
    if (this.closed) throw new SandboxFailure('the sandbox is closed');
    if (this.crashedAfter) {
      const why = this.crashedAfter;
      this.crashedAfter = null;
      throw new SandboxFailure(why);
    }
    if (this.worker) return this.worker;
    // A heap limit of its own: a parse that blows up in memory kills the worker (reported), not the test process.
    const worker = new Worker(new URL('./sandbox-worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    this.worker = worker;
    // A worker can also die between inputs (a rejection an input left behind
    // surfacing later): that is a crash too, reported with the next input.
    worker.on('error', (err) => {
      if (this.worker === worker && !this.pending) {
        this.worker = null;
        this.crashedAfter = `the worker crashed after the previous input: ${err?.stack ?? err}`;
      }
    });
    await this.send(worker, this.warmUp.op, this.warmUp.input, WARM_UP_MS);
    return worker;
  }

  /**
   * Runs `op` on `input`: resolves with what it returned or threw. Rejects
   * with SandboxFailure when it takes longer than the bound or its worker
   * dies; the next call gets a fresh worker.
   */
  async run(op: SandboxOp, input: unknown): Promise<SandboxResponse> {
    return this.send(await this.start(), op, input, this.timeoutMs);
  }

  private send(worker: Worker, op: SandboxOp, input: unknown, timeoutMs: number): Promise<SandboxResponse> {
    const id = this.nextId++;
    this.pending = true;
    return new Promise<SandboxResponse>((resolve, reject) => {
      const done = () => {
        this.pending = false;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const fail = (why: string) => {
        done();
        this.worker = null;
        void worker.terminate();
        reject(new SandboxFailure(why));
      };
      const onMessage = (res: SandboxResponse) => {
        if (res.id !== id) return;
        done();
        resolve(res);
      };
      const onError = (err: Error) => fail(`${op}: the worker crashed: ${err?.stack ?? err}`);
      const onExit = (code: number) => fail(`${op}: the worker exited with code ${code}`);
      const timer = setTimeout(() => fail(`${op}: no answer within ${timeoutMs} ms (a hang)`), timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, op, input } satisfies SandboxRequest);
    });
  }

  /** Starts the worker ahead of the first input. */
  async ready(): Promise<void> {
    await this.start();
  }

  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

/**
 * Runs `fn` with a sandbox of its own, closed afterwards whatever happens,
 * or as soon as `signal` aborts (the test timed out), which stops the fuzzer.
 */
export async function withSandbox<T>(
  timeoutMs: number,
  warmUp: { op: SandboxOp; input: unknown },
  signal: AbortSignal,
  fn: (sandbox: Sandbox) => Promise<T>,
): Promise<T> {
  const sandbox = new Sandbox(timeoutMs, warmUp);
  signal.addEventListener('abort', () => void sandbox.close(), { once: true });
  try {
    await sandbox.ready();
    return await fn(sandbox);
  } finally {
    await sandbox.close();
  }
}
