/**
 * Imports an export file (export-format.ts) in one transaction: every line
 * is checked (JSON, record type and order, schema, the audit chain) as it is
 * written, and the trailer's counts and sha256 at the end; any problem rolls
 * everything back. Portable query API only, like the export.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AuditEntry, auditHash, CaseAssessment, Determination, formatIssue, formatIssues, GENESIS_HASH, ImrCase, ImrError, issuesFrom, LetterFormat, Reviewer, User, ValidationError, Withdrawal } from '../../domain/index.js';
import type { AppendSink } from '../cases/audit.js';
import { repositoriesOf, type CaseRepositories, type Store } from '../engines/db.js';
import { DeterminationRepository } from '../corpus/determinations.js';
import { EXPORT_FORMAT, EXPORT_VERSION, ExportFileError, RECORD_TYPES, emptyCounts, type ExportCounts, type RecordType } from './export-format.js';
import type { OriginalFormat, Database } from '../schema.js';

export interface ImportOptions {
  /**
   * Import only the corpus letters, into a database that may already hold
   * letters and cases: letters already stored (same content hash) are
   * skipped, the others get new ids. Without it, the database must be empty
   * and everything is restored as it was, ids included.
   */
  lettersOnly?: boolean;
}

/** What an import did. */
export interface ImportSummary {
  file: string;
  /** Records of each type the file holds. */
  counts: ExportCounts;
  /** Records of each type written. */
  imported: ExportCounts;
  /** Letters skipped as already stored (lettersOnly). */
  skipped: number;
}

/** The target database is not empty and a full restore was asked for. */
export class ImportTargetError extends ImrError {
  constructor(message: string) {
    super('IMPORT_TARGET', message);
  }
}

/** Letters written per statement batch while importing. */
const LETTER_BATCH = 200;
/** Longest line read: a letter of the largest size with its parse fits many times over. */
const MAX_LINE_CHARS = 256 * 1024 * 1024;

const Count = z.number().int().min(0);
const Header = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int(),
  createdAt: z.string(),
  // An export made before drafts were stored has no draft count: none.
  counts: z.object(Object.fromEntries(RECORD_TYPES.map((t) => [t, t === 'draft' ? Count.default(0) : Count])) as Record<RecordType, typeof Count>),
});
const Stamp = z.string().min(1);
const ReviewerRecord = z.object({ reviewer: z.unknown(), version: z.number().int().positive(), createdAt: Stamp, updatedAt: Stamp });
// A password hash as the user service writes it (algorithm and parameters in the string); never empty.
const UserRecord = z.object({ user: User.extend({ passwordHash: z.string().min(1).max(1000) }) });
const SequenceRecord = z.object({ year: z.number().int().min(0).max(99), lastValue: z.number().int().min(0) });
const LetterRecord = z.object({
  id: z.number().int().positive(),
  ingestedAt: Stamp,
  determination: z.unknown(),
  original: z.object({ text: z.string(), format: LetterFormat }),
});
const IssuedRecord = z.object({
  caseId: z.number().int().positive(),
  version: z.number().int().positive(),
  determination: Determination,
  published: Determination,
  issuedAt: Stamp,
  issuedBy: Stamp,
  reason: z.string().nullable(),
  withdrawn: Withdrawal.nullable().optional(),
});
const DraftRecord = z.object({ caseId: z.number().int().positive(), engineVersion: z.string().min(1), modelVersion: z.string().nullable(), assessment: CaseAssessment, createdAt: Stamp });

function issuesOf(error: z.ZodError): string {
  return formatIssues(issuesFrom(error), { whole: '(record)', limit: 3 });
}

/**
 * Lines of a gzip'd file, with their numbers; zlib and read errors become
 * ExportFileError. Each chunk is searched once, so a line of many megabytes
 * (a large letter) costs time linear in its length.
 */
async function* gzipLines(file: string): AsyncGenerator<{ n: number; text: string }> {
  const input = createReadStream(file);
  const gunzip = input.pipe(createGunzip());
  input.on('error', (err) => gunzip.destroy(err));
  // Decoded as a stream: a character split between two chunks stays whole.
  gunzip.setEncoding('utf8');
  let parts: string[] = [];
  let partial = 0;
  let n = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      let from = 0;
      let nl: number;
      while ((nl = chunk.indexOf('\n', from)) >= 0) {
        parts.push(chunk.slice(from, nl));
        yield { n: ++n, text: parts.join('') };
        parts = [];
        partial = 0;
        from = nl + 1;
      }
      if (from < chunk.length) {
        parts.push(chunk.slice(from));
        partial += chunk.length - from;
        if (partial > MAX_LINE_CHARS) throw new ExportFileError(file, n + 1, `a line longer than ${MAX_LINE_CHARS / 1048576}M characters`);
      }
    }
  } catch (err) {
    if (err instanceof ExportFileError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR') throw new ExportFileError(file, null, `cannot read file (${e.code})`);
    if (e.code === 'Z_DATA_ERROR' && /header/i.test(e.message)) throw new ExportFileError(file, null, 'not a gzip-compressed OpenIMR export (incorrect header)');
    if (e.code === 'Z_BUF_ERROR' || /unexpected end/i.test(e.message)) throw new ExportFileError(file, n + 1, 'the file is truncated (the compressed data ends early)');
    throw new ExportFileError(file, n + 1, `the file is corrupted (${e.message})`);
  }
  if (parts.length) yield { n: ++n, text: parts.join('') };
}

interface PendingLetter {
  line: number;
  id: number;
  ingestedAt: string;
  determination: Determination;
  original: { text: string; format: OriginalFormat };
}

async function assertEmpty(db: Kysely<Database>, where: string): Promise<void> {
  const n = async (t: keyof Database) => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  const held = { letters: await n('letters'), cases: await n('cases'), reviewers: await n('reviewers'), users: await n('users'), 'audit entries': await n('audit_log') };
  const nonEmpty = Object.entries(held).filter(([, v]) => v > 0);
  if (nonEmpty.length) {
    throw new ImportTargetError(
      `${where} is not empty (${nonEmpty.map(([k, v]) => `${v} ${k}`).join(', ')}): a full import restores into an empty database only, since the audit trail cannot be merged into another; import into a new database, or give --letters-only to add just the corpus letters`,
    );
  }
}

/**
 * Imports `file` into the store. Throws ExportFileError (naming the file
 * and line) for a file that is not a complete, valid export of a supported
 * version, ImportTargetError for a non-empty database without `lettersOnly`;
 * either way nothing is written.
 */
export async function importDatabase(store: Store, file: string, options: ImportOptions = {}, where = 'the database'): Promise<ImportSummary> {
  const lettersOnly = !!options.lettersOnly;
  const sink: AppendSink = { last: null };
  const result = await store.db.transaction().execute(async (trx) => {
    if (!lettersOnly) await assertEmpty(trx, where);
    const repos: CaseRepositories = repositoriesOf(trx, store.dialect, store.seal, sink);
    const letters = new DeterminationRepository(trx, store.dialect);
    const digest = createHash('sha256');
    const seen = emptyCounts();
    const imported = emptyCounts();
    let skipped = 0;
    let header: z.infer<typeof Header> | null = null;
    let ended = false;
    let order = 0;
    let prevHash = GENESIS_HASH;
    let lastSeq = 0;
    let pending: PendingLetter[] = [];

    const fail = (line: number | null, reason: string): never => {
      throw new ExportFileError(file, line, reason);
    };
    /** Runs a write, turning a database refusal into an error naming the line. */
    const write = async (line: number, what: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (err) {
        if (err instanceof ExportFileError) throw err;
        fail(line, `${what} cannot be stored: ${(err as Error).message}`);
      }
    };
    const flushLetters = async () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      let results;
      try {
        results = await letters.restore(batch.map((l) => ({ determination: l.determination, original: l.original, ingestedAt: l.ingestedAt, ...(lettersOnly ? {} : { id: l.id }) })));
      } catch (err) {
        if (err instanceof ValidationError) {
          const first = err.issues[0]!;
          fail(batch[Number(first.path[0])]!.line, `letter ${batch[Number(first.path[0])]!.id} is not a valid determination: ${formatIssue({ path: first.path.slice(1), message: first.message })}`);
        }
        fail(batch[0]!.line, `letters of lines ${batch[0]!.line}-${batch[batch.length - 1]!.line} cannot be stored: ${(err as Error).message}`);
      }
      results!.forEach((r, i) => {
        if (r.status === 'ingested') imported.letter++;
        else if (lettersOnly) skipped++;
        else fail(batch[i]!.line, `letter ${batch[i]!.id} has the content of letter ${r.id} (a duplicate)`);
      });
    };

    for await (const { n, text } of gzipLines(file)) {
      if (ended) {
        if (text.trim()) fail(n, 'data after the end line');
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        fail(n, n === 1 ? 'not an OpenIMR export (the first line is not JSON)' : `not valid JSON (${(err as Error).message})`);
      }
      if (n === 1) {
        const v = value as { format?: unknown; version?: unknown };
        if (v?.format !== EXPORT_FORMAT) fail(1, `not an OpenIMR export (no "format": "${EXPORT_FORMAT}" header)`);
        if (v.version !== EXPORT_VERSION) fail(1, `export format version ${JSON.stringify(v.version)} is not supported (this imr reads version ${EXPORT_VERSION})`);
        const h = Header.safeParse(value);
        if (!h.success) fail(1, `bad header: ${issuesOf(h.error)}`);
        header = h.data!;
        digest.update(text + '\n');
        continue;
      }
      const type = (value as { type?: unknown })?.type;
      if (type === 'end') {
        await flushLetters();
        const sum = digest.digest('hex');
        const t = value as { counts?: unknown; sha256?: unknown };
        if (t.sha256 !== sum) fail(n, 'the contents do not match the checksum of the end line (the file was changed or damaged)');
        // Counts compared by type, a type an older export does not name counting 0.
        const norm = (c: unknown) => JSON.stringify(RECORD_TYPES.map((k) => (c as Record<string, unknown> | undefined)?.[k] ?? 0));
        if (norm(t.counts) !== norm(seen) || norm(header!.counts) !== norm(seen)) {
          fail(n, `the record counts do not match the header (${JSON.stringify(header!.counts)}) and end line (${JSON.stringify(t.counts)}): read ${JSON.stringify(seen)}`);
        }
        ended = true;
        continue;
      }
      digest.update(text + '\n');
      const at = RECORD_TYPES.indexOf(type as RecordType);
      if (at < 0) fail(n, `unknown record type ${JSON.stringify(type)}`);
      if (at < order) fail(n, `a ${String(type)} record after the ${RECORD_TYPES[order]} records (records are in the order ${RECORD_TYPES.join(', ')})`);
      if (at > order && RECORD_TYPES[order] === 'letter') await flushLetters();
      order = at;
      seen[type as RecordType]++;
      const rec = value as Record<string, unknown>;
      switch (type as RecordType) {
        case 'reviewer': {
          const r = ReviewerRecord.safeParse(rec);
          const reviewer = Reviewer.safeParse(rec.reviewer);
          if (!r.success) fail(n, `bad reviewer record: ${issuesOf(r.error)}`);
          if (!reviewer.success) fail(n, `bad reviewer: ${issuesOf(reviewer.error)}`);
          // Stored as exported (validated, not re-shaped by the schema's defaults).
          if (!lettersOnly) await write(n, `reviewer ${reviewer.data!.id}`, () => repos.reviewers.restore(rec.reviewer as Reviewer, r.data!));
          break;
        }
        case 'user': {
          const u = UserRecord.safeParse(rec);
          if (!u.success) fail(n, `bad user record: ${issuesOf(u.error)}`);
          if (!lettersOnly) await write(n, `user ${u.data!.user.username}`, () => repos.users.restore(u.data!.user));
          break;
        }
        case 'case-number-sequence': {
          const s = SequenceRecord.safeParse(rec);
          if (!s.success) fail(n, `bad case number sequence: ${issuesOf(s.error)}`);
          if (!lettersOnly) await write(n, `the case number sequence of ${s.data!.year}`, () => repos.cases.restoreSequence(s.data!.year, s.data!.lastValue));
          break;
        }
        case 'letter': {
          const l = LetterRecord.safeParse(rec);
          if (!l.success) fail(n, `bad letter record: ${issuesOf(l.error)}`);
          pending.push({ line: n, id: l.data!.id, ingestedAt: l.data!.ingestedAt, determination: l.data!.determination as Determination, original: l.data!.original });
          if (pending.length >= LETTER_BATCH) await flushLetters();
          break;
        }
        case 'case': {
          const c = ImrCase.safeParse(rec.case);
          if (!c.success) fail(n, `bad case: ${issuesOf(c.error)}`);
          if (!lettersOnly) await write(n, `case #${c.data!.id}`, () => repos.cases.restore(rec.case as ImrCase));
          break;
        }
        case 'issued': {
          const d = IssuedRecord.safeParse(rec);
          if (!d.success) fail(n, `bad issued determination: ${issuesOf(d.error)}`);
          if (!lettersOnly) {
            const issued = { ...d.data!, determination: rec.determination as Determination, published: rec.published as Determination };
            await write(n, `determination version ${issued.version} of case #${issued.caseId}`, () => repos.issued.insert(issued));
          }
          break;
        }
        case 'draft': {
          const d = DraftRecord.safeParse(rec);
          if (!d.success) fail(n, `bad draft: ${issuesOf(d.error)}`);
          if (!lettersOnly) await write(n, `the draft of case #${d.data!.caseId}`, () => repos.drafts.restore({ ...d.data!, assessment: rec.assessment as CaseAssessment }));
          break;
        }
        case 'audit': {
          const e = AuditEntry.safeParse(rec);
          if (!e.success) fail(n, `bad audit entry: ${issuesOf(e.error)}`);
          const entry = e.data!;
          // The chain is checked as it is read: the trail must verify exactly as it did when exported.
          if (entry.seq <= lastSeq) fail(n, `audit entry ${entry.seq} is out of order (after entry ${lastSeq})`);
          if (entry.prevHash !== prevHash) fail(n, `audit entry ${entry.seq} does not verify: it does not follow the entry before it (an entry was removed or inserted)`);
          if (auditHash(prevHash, entry) !== entry.hash) fail(n, `audit entry ${entry.seq} does not verify: its content does not match its hash (the entry was changed)`);
          prevHash = entry.hash;
          lastSeq = entry.seq;
          if (!lettersOnly) await write(n, `audit entry ${entry.seq}`, () => repos.audit.restore({ ...entry, before: entry.before ?? null, after: entry.after ?? null }));
          break;
        }
      }
      if (!lettersOnly && type !== 'letter') imported[type as RecordType]++;
    }
    if (!header) fail(null, 'empty file: not an OpenIMR export');
    if (!ended) fail(null, 'the file ends before its end line: it is truncated');
    if (!lettersOnly) {
      await store.dialect.syncAutoIds?.(trx);
      // Belt and braces: the restored trail verifies as the store reads it (sealed under this store's key; the checkpoint follows the commit).
      await repos.audit.verification({ checkpoint: false });
    }
    return { file, counts: seen, imported, skipped };
  });
  store.audit.committed(sink);
  return result;
}
