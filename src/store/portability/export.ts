/**
 * Exports the whole database (reviewers, users, case number sequences,
 * corpus letters, cases, issued determinations, stored drafts, audit trail) to a file in the
 * export format (export-format.ts), through the store's portable query API
 * only, so it reads PostgreSQL as it reads SQLite.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { repositoriesOf, type CaseRepositories, type Store } from '../engines/db.js';
import { DeterminationRepository } from '../corpus/determinations.js';
import { EXPORT_FORMAT, EXPORT_VERSION, emptyCounts, type ExportCounts, type ExportHeader, type ExportRecord, type ExportTrailer } from './export-format.js';
import type { Database } from '../schema.js';
import type { Kysely } from 'kysely';

/** Records read per query while exporting. */
const PAGE = 500;

/** What an export wrote. */
export interface ExportSummary {
  file: string;
  counts: ExportCounts;
  bytes: number;
}

async function countAll(db: Kysely<Database>): Promise<ExportCounts> {
  const n = async (table: keyof Database) => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    reviewer: await n('reviewers'),
    user: await n('users'),
    'case-number-sequence': await n('case_number_sequences'),
    letter: await n('letters'),
    case: await n('cases'),
    issued: await n('case_determinations'),
    draft: await n('case_drafts'),
    audit: await n('audit_log'),
  };
}

async function latestMigration(db: Kysely<Database>): Promise<string | null> {
  try {
    const row = await (db as unknown as Kysely<{ kysely_migration: { name: string } }>).selectFrom('kysely_migration').select('name').orderBy('name', 'desc').limit(1).executeTakeFirst();
    return row?.name ?? null;
  } catch {
    return null;
  }
}

/** Every record of the database, in file order, read in pages. */
async function* records(repos: CaseRepositories, letters: DeterminationRepository): AsyncGenerator<ExportRecord> {
  for (const r of await repos.reviewers.listWithMeta()) yield { type: 'reviewer', ...r };
  for (const user of await repos.users.listById()) yield { type: 'user', user };
  for (const s of await repos.cases.sequences()) yield { type: 'case-number-sequence', ...s };
  for (let after = 0; ; ) {
    const page = await letters.page(after, PAGE);
    if (page.length === 0) break;
    for (const l of page) yield { type: 'letter', id: l.id, ingestedAt: l.ingestedAt, determination: l.determination, original: l.original };
    after = page[page.length - 1]!.id;
  }
  for (let after = 0; ; ) {
    const page = await repos.cases.page(after, PAGE);
    if (page.length === 0) break;
    for (const c of page) yield { type: 'case', case: c };
    after = page[page.length - 1]!.id;
  }
  for (let after = { caseId: 0, version: 0 }; ; ) {
    const page = await repos.issued.page(after, PAGE);
    if (page.length === 0) break;
    for (const d of page) yield { type: 'issued', ...d };
    const last = page[page.length - 1]!;
    after = { caseId: last.caseId, version: last.version };
  }
  for (let after = 0; ; ) {
    const page = await repos.drafts.page(after, PAGE);
    if (page.length === 0) break;
    for (const d of page) yield { type: 'draft', ...d };
    after = page[page.length - 1]!.caseId;
  }
  for (let after = 0; ; ) {
    const page = await repos.audit.after(after, PAGE);
    if (page.length === 0) break;
    for (const e of page) yield { type: 'audit', ...e };
    after = page[page.length - 1]!.seq;
  }
}

/**
 * Writes the whole database to `file` (gzip'd JSON Lines). Everything is
 * read in one transaction, so a database being written meanwhile is
 * exported as of one moment. The file is written beside its final name and
 * renamed into place at the end: an export that fails or is killed leaves
 * no partial file under that name.
 */
export async function exportDatabase(store: Store, file: string): Promise<ExportSummary> {
  const temp = `${file}.partial-${process.pid}`;
  // 0600: the export holds personal health information and password hashes.
  const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
  const gzip = createGzip();
  const piped = gzip.pipe(out);
  const digest = createHash('sha256');
  const write = async (line: string) => {
    digest.update(line);
    if (!gzip.write(line)) await once(gzip, 'drain');
  };
  try {
    const counts = await store.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const repos = repositoriesOf(trx, store.dialect);
        const letters = new DeterminationRepository(trx, store.dialect);
        const counts = await countAll(trx);
        const head = await trx.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
        const header: ExportHeader = {
          format: EXPORT_FORMAT,
          version: EXPORT_VERSION,
          createdAt: new Date().toISOString(),
          source: { dialect: store.dialect.name, schema: await latestMigration(trx) },
          counts,
          auditHead: head?.hash ?? null,
        };
        await write(JSON.stringify(header) + '\n');
        const seen = emptyCounts();
        for await (const r of records(repos, letters)) {
          seen[r.type]++;
          await write(JSON.stringify(r) + '\n');
        }
        return seen;
      });
    const trailer: ExportTrailer = { type: 'end', counts, sha256: digest.digest('hex') };
    gzip.end(JSON.stringify(trailer) + '\n');
    await once(piped, 'finish');
    await rename(temp, file);
    return { file, counts, bytes: out.bytesWritten };
  } catch (err) {
    gzip.destroy();
    out.destroy();
    await rm(temp, { force: true });
    throw err;
  }
}
