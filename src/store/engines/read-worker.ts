/**
 * One read connection of the ReadPool (read-pool.ts), on its own thread: it
 * opens the SQLite file read-only and answers searches and statistics with
 * the same repository code the main connection runs, so a slow read blocks
 * only this thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Kysely } from 'kysely';
import { DeterminationRepository } from '../corpus/determinations.js';
import { StoreError } from '../errors.js';
import type { ReadReply, ReadRequest, ReadWorkerData, ReadWorkerMessage } from './read-pool.js';
import type { Database } from '../schema.js';
import { sqliteDialect } from './sqlite.js';

const data = workerData as ReadWorkerData;
const dialect = sqliteDialect(data.path, { readonly: true });
const db = new Kysely<Database>({ dialect: dialect.kysely });
const repository = new DeterminationRepository(db, dialect, data.options);

async function answer(req: ReadRequest): Promise<ReadReply> {
  try {
    const result = req.op === 'search' ? await repository.search(req.query, req.options) : await repository.stats(req.by, req.filters);
    return { id: req.id, ok: true, result };
  } catch (err) {
    const kind = err instanceof StoreError ? err.kind : 'query';
    return { id: req.id, ok: false, kind, message: err instanceof Error ? err.message : String(err) };
  }
}

// One read at a time, in the order sent: the pool watches the read in hand,
// so reads must not interleave at their awaits.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (req: ReadRequest) => {
  queue = queue
    .then(() => answer(req))
    .then((reply) => parentPort!.postMessage(reply satisfies ReadWorkerMessage))
    // A reply that cannot be posted is left to the pool's watch; the reads after it go on.
    .catch(() => undefined);
});
parentPort!.postMessage({ ready: true } satisfies ReadWorkerMessage);
