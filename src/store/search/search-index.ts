import type { ColumnDefinitionBuilder, Dialect, Kysely, RawBuilder, SqlBool } from 'kysely';
import type { TextQuery } from './fts-query.js';
import type { Database } from '../schema.js';

/** One letter a text query matched, with its relevance (higher is better). */
export interface RankedLetter {
  letter_id: number;
  score: number;
}

/**
 * The full-text index over letter-level text (case number, clinical summary,
 * item requests, treatment names with drug classes, rationales). Everything engine-specific
 * about text search lives behind this interface; the repository only
 * composes the subqueries it returns into portable Kysely queries.
 */
export interface SearchIndex {
  /** Creates the index's objects; called from a migration. */
  create(db: Kysely<any>): Promise<void>;
  /**
   * Migration 0004: the letter text (summary, rationales) the index reads
   * moved from `letters`/`items` to `letter_texts`/`item_texts`. Called
   * before the old columns are dropped.
   */
  moveSourceToTextTables(db: Kysely<any>): Promise<void>;
  /** Drops what `create` made; called from the migration's `down`. */
  drop(db: Kysely<any>): Promise<void>;
  /** Indexes letters whose rows (and items) were just inserted, inside the same transaction. */
  add(db: Kysely<Database>, letterIds: readonly number[]): Promise<void>;
  /** Unindexes letters about to be deleted (their rows still there), inside the same transaction. */
  remove(db: Kysely<Database>, letterIds: readonly number[]): Promise<void>;
  /**
   * The letters matching the query's positive part (its exclusions applied)
   * that also satisfy `filter` (a condition on a letter id, given the id
   * expression; null: no filter):
   * the `size` most recently added of them, each with its relevance score,
   * as a derived table `(letter_id, score)`. Null when the query has no
   * positive term. Bounding the candidates bounds the cost of scoring a
   * query that matches most of the corpus (see search.ts). With `belowId`,
   * only letters with a smaller id are candidates.
   */
  rankedWindow(query: TextQuery, filter: ((id: RawBuilder<number>) => RawBuilder<SqlBool>) | null, size: number, belowId?: number): RawBuilder<RankedLetter> | null;
  /**
   * The letters matching the query's positive part (exclusions applied) and
   * `filter`, most recently added first, unscored, as a derived table
   * `(letter_id)`: at most `limit` after skipping `offset`. Reads only as many
   * matches as it returns (no scoring), so it stays cheap for a word in
   * nearly every letter. Null when the query has no positive term.
   */
  recentMatches(query: TextQuery, filter: ((id: RawBuilder<number>) => RawBuilder<SqlBool>) | null, limit: number, offset?: number): RawBuilder<{ letter_id: number }> | null;
  /** A subquery of the ids of every letter matching the query's positive part (exclusions applied), unscored; null when it has none. */
  matchingIds(query: TextQuery): RawBuilder<number> | null;
  /** A subquery of the ids of letters containing any excluded term, or null when nothing is excluded. */
  excludedIds(query: TextQuery): RawBuilder<number> | null;
  /**
   * Highlighted snippets for the given (already ranked) letters: matched
   * terms are wrapped in `«` and `»`, cut text is marked with `…`.
   */
  snippets(db: Kysely<Database>, query: TextQuery, letterIds: readonly number[]): Promise<Map<number, string>>;
  /** Throws when the index disagrees with the tables it was built from. */
  verify(db: Kysely<Database>): Promise<void>;
}

/** Marks around matched terms in snippets. */
export const HIGHLIGHT = { open: '«', close: '»', ellipsis: '…' } as const;

/**
 * What differs between database engines: the Kysely dialect (with the
 * connection's settings), how an auto-generated id is declared, bind-parameter
 * limits, and the full-text index.
 */
export interface StoreDialect {
  readonly name: string;
  readonly kysely: Dialect;
  readonly searchIndex: SearchIndex;
  /** Makes `id` an auto-generated integer primary key. */
  autoId(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Most bind parameters one statement may carry (chunking of batch inserts). */
  readonly maxParameters: number;
  /**
   * After a restore inserted rows with their exported ids, makes the ids
   * generated next follow them (a PostgreSQL identity sequence must be
   * advanced; SQLite's rowid needs nothing, so it leaves this out).
   */
  syncAutoIds?(db: Kysely<Database>): Promise<void>;
  /**
   * Called inside a transaction before it reads the audit chain's head to
   * append to it: keeps concurrent writers from reading the same head (the
   * unique previous hash would then refuse the second append). Held until
   * the transaction ends.
   */
  lockAuditChain(db: Kysely<Database>): Promise<void>;
  /**
   * Runs the reads of `fn` under a time budget of `ms`: SQLite gives `fn` a
   * condition to put in each scanning query (it stops the statement at the
   * first row read past the deadline); PostgreSQL runs `fn` in a read
   * transaction with `statement_timeout` and gives no condition. Either way
   * an overrun throws an error isBudgetExceeded recognises.
   */
  withBudget<T>(db: Kysely<Database>, ms: number, fn: (db: Kysely<Database>, within: RawBuilder<SqlBool> | null) => Promise<T>): Promise<T>;
}
