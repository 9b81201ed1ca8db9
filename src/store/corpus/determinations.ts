import type { Kysely } from 'kysely';
import { storableId } from '../ids.js';
import { issuesFrom, ValidationError, type Determination, type Issue } from '../../domain/index.js';
import { StoreError, isBudgetExceeded, reason } from '../errors.js';
import type { ReadPool } from '../engines/read-pool.js';
import { removeFacetCounts } from './facet-counts.js';
import { bulkLoad, type BulkLoadReport } from './bulk-load.js';
import { writeBatch, type InsertResult, type InsertStage } from './insert.js';
import { prepareLetter, withStoredText, type OriginalLetter, type PreparedLetter, type PreparedResult } from './rows.js';
import type { Database, OriginalFormat } from '../schema.js';
import { searchLetters, type SearchOptions, type SearchPage } from '../search/search.js';
import { similarLetters, type SimilarLetter } from './similar.js';
import type { StoreDialect } from '../search/search-index.js';
import { itemStats, type StatsDimension, type StatsFilters, type StatsRow } from './stats.js';

/** A letter to store: its parse and the original it came from. */
export interface LetterToStore {
  determination: Determination;
  original: OriginalLetter;
}

/** A stored letter as read back. */
export interface StoredDetermination {
  id: number;
  determination: Determination;
  original: OriginalLetter;
  /** ISO timestamp of ingestion. */
  ingestedAt: string;
}

/**
 * How long one search or statistic may run before it is stopped, in ms: a
 * query no index can answer quickly must not hold a connection (on SQLite,
 * the thread) for longer than someone waits for an answer.
 */
export const QUERY_BUDGET_MS = 5_000;

export interface DeterminationRepositoryOptions {
  /**
   * Called after each stage of a write, inside its transaction. For tests
   * that prove a failure part-way leaves nothing behind; throwing aborts.
   */
  afterStage?: (stage: InsertStage) => void;
  /** Matching letters a search ranks, pages through and counts (default RESULT_WINDOW). */
  resultWindow?: number;
  /** Runs searches and statistics on read connections of their own threads (SQLite; see read-pool.ts), unless bound to a transaction. */
  reads?: ReadPool;
  /** Time budget of one search or statistic, in ms (default QUERY_BUDGET_MS): past it the read is stopped (StoreError `timeout`). */
  queryBudgetMs?: number;
}

/**
 * The corpus of parsed determination letters: atomic, idempotent ingestion,
 * lookups, full-text search with filters, and outcome statistics.
 */
export class DeterminationRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
    private readonly options: DeterminationRepositoryOptions = {},
  ) {}

  private get budget(): number {
    return this.options.queryBudgetMs ?? QUERY_BUDGET_MS;
  }

  /**
   * Stores one letter in one transaction: on any error nothing of it is
   * written. A letter whose content hash is already stored is reported as
   * `duplicate` with the stored letter's id, and not written again.
   * Throws ValidationError for an invalid Determination, StoreError on a
   * database failure.
   */
  async insertDetermination(det: Determination, original: { text: string; format: OriginalFormat }): Promise<InsertResult> {
    const [result] = await this.insertMany([{ determination: det, original }]);
    return result!;
  }

  /**
   * Stores many letters in one transaction with a few multi-row statements
   * per table: the fast path for bulk ingestion (call it with batches of a
   * few hundred to a few thousand). Returns one result per input, in order;
   * duplicates (of stored letters or of an earlier entry of the same batch)
   * do not abort the batch. Every letter is validated before anything is
   * written; any invalid one throws ValidationError and nothing is stored.
   * A database error rolls the whole batch back (StoreError).
   */
  async insertMany(letters: readonly LetterToStore[]): Promise<InsertResult[]> {
    if (letters.length === 0) return [];
    const ingestedAt = new Date().toISOString();
    const issues: Issue[] = [];
    const prepared = letters.map((l, i) => {
      const p = prepareLetter(l, ingestedAt);
      if (!p.ok) issues.push(...issuesFrom(p, [i]));
      return p;
    });
    if (issues.length) throw new ValidationError(`${new Set(issues.map((i) => i.path[0])).size} of ${letters.length} letters are not valid determinations`, issues);
    return this.insertPrepared(prepared.map((p) => (p as Extract<PreparedResult, { ok: true }>).letter));
  }

  /**
   * Stores letters already validated and flattened by prepareLetter (which
   * can run elsewhere, e.g. on the thread that parsed them): one
   * transaction, as insertMany. On a repository bound to a transaction
   * (Store.transaction) the letters are written in it, to commit or roll
   * back together with whatever else it writes (an audit entry).
   * `fileHashes[i]`, when given, is the sha256 of the file letter i was
   * read from, recorded with it (storedFiles).
   */
  async insertPrepared(letters: readonly PreparedLetter[], options: { fileHashes?: readonly (string | undefined)[] } = {}): Promise<InsertResult[]> {
    if (letters.length === 0) return [];
    try {
      const write = (trx: Kysely<Database>) => writeBatch(trx, this.dialect, letters.map((l) => l.rows), this.options.afterStage, options.fileHashes);
      return await (this.db.isTransaction ? write(this.db) : this.db.transaction().execute(write));
    } catch (err) {
      throw new StoreError('write', `storing ${letters.length} letter(s) failed, nothing was written: ${reason(err)}`, { cause: err });
    }
  }

  /**
   * Deletes stored letters (with their items, texts, index entries and the
   * record of the files they came from) and uncounts them from the
   * statistics, in one transaction (the caller's, on a repository bound to
   * one). Ids not stored are ignored. Returns how many letters were deleted.
   */
  async deleteLetters(ids: readonly number[]): Promise<number> {
    const wanted = [...new Set(ids.filter((id) => storableId(id)))];
    if (wanted.length === 0) return 0;
    const run = async (trx: Kysely<Database>) => {
      const found = (await trx.selectFrom('letters').select('id').where('id', 'in', wanted).execute()).map((r) => r.id);
      if (found.length === 0) return 0;
      await removeFacetCounts(trx, found);
      await this.dialect.searchIndex.remove(trx, found);
      await trx.deleteFrom('letter_files').where('letter_id', 'in', found).execute();
      await trx.deleteFrom('letters').where('id', 'in', found).execute();
      return found.length;
    };
    try {
      return await (this.db.isTransaction ? run(this.db) : this.db.transaction().execute(run));
    } catch (err) {
      throw new StoreError('write', `deleting ${wanted.length} letter(s) failed, nothing was deleted: ${reason(err)}`, { cause: err });
    }
  }

  /**
   * Stores many letters through `load` (calls of insertMany or
   * insertPrepared, any number of batches) as a bulk load: on PostgreSQL
   * into an empty corpus, the full-text and filter indexes are built once
   * after the load instead of updated letter by letter (bulk-load.ts;
   * several times faster at a hundred thousand letters and more); into a
   * corpus with letters, or on SQLite, `load` runs as it is. The indexes
   * are built again even when `load` throws. Not on a repository bound to
   * a transaction (StoreError `write`): the load commits batch by batch.
   */
  async bulkLoad<T>(load: () => Promise<T>): Promise<{ result: T; report: BulkLoadReport }> {
    if (this.db.isTransaction) throw new StoreError('write', 'a bulk load commits batch by batch: it cannot run inside a transaction');
    return bulkLoad(this.db, this.dialect, load);
  }

  /** The sha256 hashes of every letter file ingested (insertPrepared's `fileHashes`): their letters are stored. */
  async storedFileHashes(): Promise<string[]> {
    return (await this.db.selectFrom('letter_files').select('sha256').execute()).map((r) => r.sha256);
  }

  /** How many letter file hashes are stored. */
  async countFileHashes(): Promise<number> {
    const row = await this.db.selectFrom('letter_files').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The stored letter file hashes in ascending order, `page` at a time (by
   * key, from where the last page ended): a million of them are read
   * without a million strings in memory at once.
   */
  async *fileHashPages(page = 10_000): AsyncGenerator<string[]> {
    let after = '';
    for (;;) {
      const rows = await this.db.selectFrom('letter_files').select('sha256').where('sha256', '>', after).orderBy('sha256').limit(page).execute();
      if (rows.length === 0) return;
      yield rows.map((r) => r.sha256);
      after = rows[rows.length - 1]!.sha256;
      if (rows.length < page) return;
    }
  }

  /**
   * Stores letters as exported, in the caller's transaction (no transaction
   * of its own): each keeps its ingestion time, and its id when one is
   * given. Every letter is validated first (ValidationError naming it by
   * position; nothing written). A letter whose content hash is already
   * stored comes back `duplicate` and is not written.
   */
  async restore(letters: readonly (LetterToStore & { id?: number; ingestedAt: string })[]): Promise<InsertResult[]> {
    const issues: Issue[] = [];
    const rows = letters.map((l, i) => {
      const p = prepareLetter(l, l.ingestedAt);
      if (!p.ok) {
        issues.push(...issuesFrom(p, [i]));
        return null;
      }
      return l.id === undefined ? p.letter.rows : { ...p.letter.rows, letter: { ...p.letter.rows.letter, id: l.id } };
    });
    if (issues.length) throw new ValidationError(`${new Set(issues.map((i) => i.path[0])).size} of ${letters.length} letters are not valid determinations`, issues);
    return writeBatch(this.db, this.dialect, rows.filter((r) => r !== null));
  }

  /** Stored letters after `afterId`, in id order, at most `limit` (export). */
  async page(afterId: number, limit: number): Promise<StoredDetermination[]> {
    const rows = await this.db
      .selectFrom('letters as l')
      .innerJoin('letter_texts as t', 't.letter_id', 'l.id')
      .select(['l.id', 't.parsed', 't.clinical_summary', 't.original_text', 't.original_format', 'l.ingested_at'])
      .where('l.id', '>', afterId)
      .orderBy('l.id')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    const rationales = new Map<number, string[]>();
    const items = await this.db
      .selectFrom('items as i')
      .innerJoin('item_texts as x', 'x.item_id', 'i.id')
      .select(['i.letter_id', 'x.rationale'])
      .where('i.letter_id', 'in', rows.map((r) => r.id))
      .orderBy('i.letter_id')
      .orderBy('i.idx')
      .execute();
    for (const it of items) {
      const list = rationales.get(it.letter_id) ?? [];
      list.push(it.rationale);
      rationales.set(it.letter_id, list);
    }
    return rows.map((row) => ({
      id: row.id,
      determination: withStoredText(row.parsed, row.clinical_summary, rationales.get(row.id) ?? []),
      original: { text: row.original_text, format: row.original_format },
      ingestedAt: row.ingested_at,
    }));
  }

  /** A stored letter by id, or by case number (the earliest stored one); null when there is none. */
  async getDetermination(ref: number | string): Promise<StoredDetermination | null> {
    if (typeof ref === 'number' && !storableId(ref)) return null;
    const q = this.db
      .selectFrom('letters as l')
      .innerJoin('letter_texts as t', 't.letter_id', 'l.id')
      .select(['l.id', 't.parsed', 't.clinical_summary', 't.original_text', 't.original_format', 'l.ingested_at']);
    const row = await (typeof ref === 'number' ? q.where('l.id', '=', ref) : q.where('l.case_number', '=', ref).orderBy('l.id').limit(1)).executeTakeFirst();
    if (!row) return null;
    const items = await this.db
      .selectFrom('items as i')
      .innerJoin('item_texts as x', 'x.item_id', 'i.id')
      .select('x.rationale')
      .where('i.letter_id', '=', row.id)
      .orderBy('i.idx')
      .execute();
    return {
      id: row.id,
      determination: withStoredText(row.parsed, row.clinical_summary, items.map((i) => i.rationale)),
      original: { text: row.original_text, format: row.original_format },
      ingestedAt: row.ingested_at,
    };
  }

  /** Number of stored letters. */
  async count(): Promise<number> {
    const row = await this.db.selectFrom('letters').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Searches the letters. `query` syntax: see fts-query.ts (words ANDed,
   * "phrases", OR, -word / NOT word, prefix*); any input is safe. An empty
   * query lists the filtered letters, newest decision first. Snippets mark
   * matches with `«` `»`.
   */
  async search(query: string, filters: SearchOptions = {}): Promise<SearchPage> {
    if (this.options.reads && !this.db.isTransaction) return this.options.reads.search(query, filters);
    try {
      return await this.dialect.withBudget(this.db, this.budget, (db, within) => searchLetters(db, this.dialect.searchIndex, query, filters, this.options.resultWindow, within));
    } catch (err) {
      if (isBudgetExceeded(err)) throw new StoreError('timeout', `search took longer than its ${this.budget} ms budget and was stopped: add words or filters to narrow it`, { cause: err });
      throw new StoreError('query', `search failed: ${reason(err)}`, { cause: err });
    }
  }

  /** Item outcome counts grouped by `by`, most items first. */
  async stats(by: StatsDimension, filters: StatsFilters = {}): Promise<StatsRow[]> {
    if (this.options.reads && !this.db.isTransaction) return this.options.reads.stats(by, filters);
    try {
      return await this.dialect.withBudget(this.db, this.budget, (db, within) => itemStats(db, this.dialect.searchIndex, by, filters, within));
    } catch (err) {
      if (isBudgetExceeded(err)) throw new StoreError('timeout', `statistics by ${by} took longer than their ${this.budget} ms budget and were stopped: narrow the filters`, { cause: err });
      throw new StoreError('query', `statistics by ${by} failed: ${reason(err)}`, { cause: err });
    }
  }

  /** Precedents for letter `id`, most alike first (see similar.ts); empty when it has none or does not exist. */
  async similar(id: number, limit = 5): Promise<SimilarLetter[]> {
    if (!storableId(id)) return [];
    try {
      return await similarLetters(this.db, id, limit);
    } catch (err) {
      throw new StoreError('query', `similar letters failed: ${reason(err)}`, { cause: err });
    }
  }

  /** Throws when the full-text index disagrees with the stored letters. */
  async verifyIndex(): Promise<void> {
    await this.dialect.searchIndex.verify(this.db);
  }
}
