/**
 * Worker thread that reads and parses letters, so that ingest parses on one
 * core while the main thread writes to the database on another.
 */
import { parentPort } from 'node:worker_threads';
import { ImrError } from '../domain/index.js';
import { parseLetterText, readLetterFile } from '../letters/index.js';
import type { ParseRequest, ParseResponse } from './parse-pool.js';

async function handle(req: ParseRequest): Promise<ParseResponse> {
  try {
    if (req.text !== undefined) {
      return { id: req.id, name: req.name, ok: true, determination: parseLetterText(req.text, req.name), text: req.text, format: req.format ?? 'txt' };
    }
    const file = await readLetterFile(req.name);
    return { id: req.id, name: req.name, ok: true, determination: parseLetterText(file.text, req.name), text: file.text, format: file.format };
  } catch (err) {
    // Unexpected errors are reported for this letter too: one bad letter must not stop a batch.
    const message = err instanceof ImrError ? err.message : `${req.name}: internal error while parsing: ${(err as Error)?.message ?? String(err)}`;
    return { id: req.id, name: req.name, ok: false, message };
  }
}

parentPort!.on('message', (req: ParseRequest) => {
  void handle(req).then((res) => parentPort!.postMessage(res));
});
