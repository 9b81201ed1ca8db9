/**
 * Worker thread that reads and parses letters, so that ingest parses on one
 * core while the main thread writes to the database on another.
 */
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { formatIssues, ImrError } from '../../domain/index.js';
import { loadLetterBytesSync, parseLetterText, readLetterBytes, withoutNul } from '../../letters/index.js';
import { prepareLetter } from '../../store/index.js';
import { hasDigest } from './file-digests.js';
import type { ParseRequest, ParseResponse, ParseWorkerData } from './parse-pool.js';

const { knownFiles } = workerData as ParseWorkerData;

async function handle(req: ParseRequest): Promise<ParseResponse> {
  try {
    let sha256: string | undefined;
    let file;
    if (req.text !== undefined) file = { text: withoutNul(req.text), format: req.format ?? 'txt' };
    else {
      // The file's bytes are hashed before anything else: a file stored before is not parsed again.
      const bytes = loadLetterBytesSync(req.name);
      const digest = createHash('sha256').update(bytes).digest();
      sha256 = digest.toString('hex');
      if (knownFiles && hasDigest(knownFiles, digest)) return { id: req.id, name: req.name, ok: 'stored', sha256 };
      file = await readLetterBytes(bytes, req.name);
    }
    const determination = parseLetterText(file.text, req.name);
    // Validating and flattening here leaves the writer thread only writing.
    const prepared = prepareLetter({ determination, original: { text: file.text, format: file.format } });
    if (!prepared.ok) {
      const why = formatIssues(prepared.issues);
      return { id: req.id, name: req.name, ok: false, message: `${req.name}: parsed letter is invalid: ${why}` };
    }
    return { id: req.id, name: req.name, ok: true, prepared: prepared.letter, ...(sha256 === undefined ? {} : { sha256 }) };
  } catch (err) {
    // Unexpected errors are reported for this letter too: one bad letter must not stop a batch.
    const message = err instanceof ImrError ? err.message : `${req.name}: internal error while parsing: ${(err as Error)?.message ?? String(err)}`;
    return { id: req.id, name: req.name, ok: false, message };
  }
}

// A chunk of letters in, their results out in one message.
parentPort!.on('message', (chunk: ParseRequest[]) => {
  void (async () => {
    const results: ParseResponse[] = [];
    for (const req of chunk) results.push(await handle(req));
    parentPort!.postMessage(results);
  })();
});
