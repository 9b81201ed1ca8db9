import type { Kysely, Selectable } from 'kysely';
import { storableId } from '../ids.js';
import { caseNumber, ConflictError, DuplicateError, ImrCase, NotFoundError, type CaseState } from '../../domain/index.js';
import type { CasesTable, Database } from '../schema.js';
import { isUniqueViolation } from '../corpus/unique.js';

/** Which cases a listing holds. */
export interface CaseFilter {
  states?: readonly CaseState[];
  reviewerId?: string;
}

/** A case before it is first stored: the store assigns id and version. */
export type CaseToInsert = Omit<ImrCase, 'id' | 'version'>;

function toRow(c: CaseToInsert) {
  const { caseNumber, state, priority, reviewerId, ...rest } = c;
  return {
    case_number: caseNumber,
    state,
    priority,
    reviewer_id: reviewerId,
    received_date: c.application.receivedDate,
    data: JSON.stringify({ ...rest, priority, reviewerId }),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

function fromRow(row: Selectable<CasesTable>): ImrCase {
  const data = JSON.parse(row.data) as Omit<ImrCase, 'id' | 'version' | 'caseNumber' | 'state'>;
  return { ...data, id: row.id, version: row.version, caseNumber: row.case_number, state: row.state as CaseState };
}

/**
 * IMR cases. Every update names the version it read and fails with
 * ConflictError when the stored version differs, so two people cannot
 * overwrite each other's work. Pass a transaction's Kysely to write a case
 * and its audit entry atomically.
 */
export class CaseRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores a new case at version 1. A taken case number raises DuplicateError. */
  async insert(c: CaseToInsert): Promise<ImrCase> {
    try {
      const row = await this.db.insertInto('cases').values({ ...toRow(c), version: 1 }).returningAll().executeTakeFirstOrThrow();
      return fromRow(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateError(`case number ${c.caseNumber}`);
      throw err;
    }
  }

  /**
   * Stores a case exactly as exported: its id and version kept (the audit
   * trail refers to cases by id). For restoring a database; a taken id or
   * case number raises DuplicateError.
   */
  async restore(c: ImrCase): Promise<void> {
    const { id, version, ...rest } = c;
    try {
      await this.db.insertInto('cases').values({ ...toRow(rest), id, version }).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateError(`case #${id} (${c.caseNumber ?? 'no case number'})`);
      throw err;
    }
  }

  /** The last case number issued per two-digit year. */
  async sequences(): Promise<{ year: number; lastValue: number }[]> {
    const rows = await this.db.selectFrom('case_number_sequences').selectAll().orderBy('year').execute();
    return rows.map((r) => ({ year: r.year, lastValue: r.last_value }));
  }

  /** Restores a year's case number sequence (see sequences). */
  async restoreSequence(year: number, lastValue: number): Promise<void> {
    await this.db.insertInto('case_number_sequences').values({ year, last_value: lastValue }).execute();
  }

  /**
   * Writes `next` over the stored case if it is still at `expectedVersion`;
   * returns it at the new version. ConflictError when someone else wrote
   * first; DuplicateError when its case number is taken.
   */
  async update(next: ImrCase, expectedVersion: number): Promise<ImrCase> {
    const { version: _v, id, ...rest } = next;
    let result;
    try {
      result = await this.db
        .updateTable('cases')
        .set({ ...toRow({ ...rest }), version: expectedVersion + 1 })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateError(`case number ${next.caseNumber}`);
      throw err;
    }
    if (Number(result.numUpdatedRows) !== 1) {
      const current = await this.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirst();
      throw new ConflictError(`case ${next.caseNumber ?? `#${id}`}`, expectedVersion, current?.version ?? null);
    }
    return { ...next, version: expectedVersion + 1 };
  }

  async get(id: number): Promise<ImrCase | null> {
    if (!storableId(id)) return null;
    const row = await this.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async getByNumber(caseNumber: string): Promise<ImrCase | null> {
    const row = await this.db.selectFrom('cases').selectAll().where('case_number', '=', caseNumber).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  /** A case by case number ("CM16-0230548") or internal id ("12", "#12"); NotFoundError when none. */
  async find(ref: string): Promise<ImrCase> {
    const id = /^#?(\d{1,12})$/.exec(ref.trim());
    const found = id ? await this.get(Number(id[1])) : await this.getByNumber(ref.trim().toUpperCase());
    if (!found) throw new NotFoundError(`case ${ref}`);
    return found;
  }

  /** Cases, oldest application first, optionally in the given states or of one reviewer, optionally one page of them. */
  async list(filter: CaseFilter & { limit?: number; offset?: number } = {}): Promise<ImrCase[]> {
    let q = this.filtered(filter).selectAll().orderBy('received_date').orderBy('id');
    if (filter.limit !== undefined) q = q.limit(filter.limit).offset(filter.offset ?? 0);
    const rows = await q.execute();
    return rows.map(fromRow);
  }

  /** How many cases `list` would return without paging. */
  async count(filter: CaseFilter = {}): Promise<number> {
    const row = await this.filtered(filter).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private filtered(filter: CaseFilter) {
    let q = this.db.selectFrom('cases');
    if (filter.states?.length) q = q.where('state', 'in', [...filter.states]);
    if (filter.reviewerId) q = q.where('reviewer_id', '=', filter.reviewerId);
    return q;
  }

  /** Cases after `afterId` in id order, at most `limit` (export). */
  async page(afterId: number, limit: number): Promise<ImrCase[]> {
    const rows = await this.db.selectFrom('cases').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
    return rows.map(fromRow);
  }

  /** Open cases (in review or decided, not yet issued) per reviewer: the workload matching balances. */
  async openWorkload(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('cases')
      .select(['reviewer_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('reviewer_id', 'is not', null)
      .where('state', 'in', ['in-review', 'decided'])
      .groupBy('reviewer_id')
      .execute();
    return new Map(rows.map((r) => [r.reviewer_id!, Number(r.n)]));
  }

  /**
   * The next case number of a year, `CM<yy>-<nnnnnnn>`, from the per-year
   * sequence. Call inside the transaction that stores the number (a
   * rolled-back draw gives the number back). One atomic upsert: concurrent
   * draws wait for each other's row lock and get consecutive numbers, on
   * either engine, instead of failing.
   */
  async nextCaseNumber(year: number): Promise<string> {
    const yy = year % 100;
    const row = await this.db
      .insertInto('case_number_sequences')
      .values({ year: yy, last_value: 1 })
      .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_value: eb('case_number_sequences.last_value', '+', 1) })))
      .returning('last_value')
      .executeTakeFirstOrThrow();
    const next = row.last_value;
    if (next > 9_999_999) throw new ConflictError(`case number sequence for ${yy} (exhausted)`, next, null);
    return caseNumber(yy, next);
  }
}
