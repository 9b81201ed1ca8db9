/**
 * A letter uploaded over the API. It is read and parsed as `imr ingest` does
 * it, redacted (prepare-upload.ts), and stored with an audit entry naming who
 * uploaded it, both in one transaction.
 * The uploaded file name is only a label: it is reduced to a safe base name
 * and never used to open, write or name a file.
 */
import type { LetterFormat } from '../../letters/index.js';
import type { Store } from '../../store/index.js';
import { systemClock, type Clock } from '../deadlines/clock.js';
import type { JobPool } from '../jobs/job-pool.js';
import { prepareUpload } from './prepare-upload.js';

/** A letter file as received: its name as the sender gave it, its bytes, and the format it was declared as. */
export interface LetterUpload {
  name: string | undefined;
  bytes: Uint8Array;
  format: LetterFormat;
}

/** What became of an upload: stored now, or already stored (same content) as letter `id`. */
export interface UploadOutcome {
  status: 'ingested' | 'duplicate';
  id: number;
  /** The label the letter is stored under (for a duplicate, the stored letter's). */
  source: string;
  caseNumber: string | null;
  format: LetterFormat;
}

/** Longest label kept, in characters; longer names are cut, keeping their ending. */
export const MAX_NAME_CHARS = 100;

/** Control characters, line and paragraph separators, and the bidirectional overrides that disguise a name's ending. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * The label an uploaded letter is stored under: the last segment of the
 * name after any `/` or `\`, without control or bidirectional-override
 * characters, without leading dots and surrounding spaces, at most
 * MAX_NAME_CHARS characters; `upload.EXT` when nothing is left.
 */
export function uploadName(raw: string | undefined, format: LetterFormat): string {
  const base = (raw ?? '').replace(UNSAFE, '').split(/[\\/]/).pop()!.replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '');
  if (!base) return `upload.${format}`;
  const chars = [...base];
  if (chars.length <= MAX_NAME_CHARS) return base;
  const ending = /\.[A-Za-z0-9]{1,10}$/.exec(base)?.[0] ?? '';
  return chars.slice(0, MAX_NAME_CHARS - ending.length).join('') + ending;
}

/**
 * Reads, parses, redacts and stores an uploaded letter, audited under `actor`.
 * Throws LetterParseError (one line, naming the label) for a file that is not
 * a readable letter; nothing is written then. A letter whose content is
 * already stored is not written again, nor audited: the stored one is named.
 */
export async function ingestUpload(store: Store, upload: LetterUpload, actor: string, clock: Clock = systemClock, jobs?: JobPool): Promise<UploadOutcome> {
  const name = uploadName(upload.name, upload.format);
  // On the server the reading and parsing run in the job pool, under its limits, off the event loop.
  const letter = jobs ? await jobs.prepareLetter(upload.bytes, name, upload.format) : await prepareUpload(upload.bytes, name, upload.format);
  const determination = letter;
  const file = { format: letter.format };
  const outcome = await store.transaction(async (tx) => {
    const [res] = await tx.determinations.insertPrepared([letter.prepared]);
    if (res!.status === 'duplicate') return res!;
    await tx.audit.append({
      actor,
      at: clock.now().toISOString(),
      caseId: null,
      action: 'ingest-letter',
      before: null,
      after: { letterId: res!.id, source: name, format: file.format, caseNumber: determination.caseNumber, contentHash: determination.contentHash },
    });
    return res!;
  });
  if (outcome.status === 'ingested') return { status: 'ingested', id: outcome.id, source: name, caseNumber: determination.caseNumber, format: file.format };
  const stored = await store.determinations.getDetermination(outcome.id);
  return { status: 'duplicate', id: outcome.id, source: stored?.determination.source ?? name, caseNumber: stored?.determination.caseNumber ?? determination.caseNumber, format: stored?.original.format ?? file.format };
}
