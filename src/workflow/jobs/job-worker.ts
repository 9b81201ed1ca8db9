/**
 * Worker thread of the job pool (job-pool.ts): reads, parses, redacts and
 * validates an uploaded letter, renders a determination as a letter, or drafts a
 * determination with the engine, so that the
 * server's event loop never runs these. Its heap is limited by the pool.
 */
import { parentPort } from 'node:worker_threads';
import { ImrError, LetterParseError } from '../../domain/index.js';
import { renderLetter } from '../../letters/render/index.js';
import { assessCase } from '../../engine/index.js';
import type { JobMessage, JobReply, JobRequest, JobResult } from './job-pool.js';
import { prepareUpload } from '../corpus/prepare-upload.js';

async function run(req: JobRequest): Promise<JobResult> {
  switch (req.kind) {
    case 'prepare-letter': {
      const { bytes, name, format, maxPages } = req.input;
      return { kind: 'prepare-letter', output: await prepareUpload(bytes, name, format, maxPages) };
    }
    case 'render-letter':
      return { kind: 'render-letter', output: await renderLetter(req.input.determination, req.input.format) };
    case 'assess-case':
      return { kind: 'assess-case', output: assessCase(req.input.file) };
  }
}

parentPort!.on('message', (msg: JobMessage) => {
  void (async () => {
    let reply: JobReply;
    try {
      reply = { id: msg.id, ok: true, result: await run(msg.request) };
    } catch (err) {
      // Expected failures keep their type's code and message; anything else is reported as internal.
      reply =
        err instanceof ImrError
          ? { id: msg.id, ok: false, code: err.code, message: err.message, file: err instanceof LetterParseError ? err.file : null }
          : { id: msg.id, ok: false, code: 'INTERNAL', message: (err as Error)?.message ?? String(err), file: null };
    }
    parentPort!.postMessage(reply);
  })();
});
