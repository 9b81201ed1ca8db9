import type { Kysely } from 'kysely';
import { DuplicateError, NotFoundError, Reviewer } from '../../domain/index.js';
import type { Database } from '../schema.js';
import { isUniqueViolation } from '../corpus/unique.js';

/** The expert reviewer registry. */
export class ReviewerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds a reviewer; DuplicateError when the id is taken. */
  async insert(r: Reviewer, at: string): Promise<void> {
    try {
      await this.db
        .insertInto('reviewers')
        .values({ id: r.id, name: r.name, available: r.available ? 1 : 0, data: JSON.stringify(r), version: 1, created_at: at, updated_at: at })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateError(`reviewer ${r.id}`);
      throw err;
    }
  }

  /** Stores a reviewer exactly as exported, with its version and timestamps (restoring a database). */
  async restore(r: Reviewer, meta: { version: number; createdAt: string; updatedAt: string }): Promise<void> {
    try {
      await this.db
        .insertInto('reviewers')
        .values({ id: r.id, name: r.name, available: r.available ? 1 : 0, data: JSON.stringify(r), version: meta.version, created_at: meta.createdAt, updated_at: meta.updatedAt })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateError(`reviewer ${r.id}`);
      throw err;
    }
  }

  /** Every reviewer with its row's version and timestamps, by id (export). */
  async listWithMeta(): Promise<{ reviewer: Reviewer; version: number; createdAt: string; updatedAt: string }[]> {
    const rows = await this.db.selectFrom('reviewers').select(['data', 'version', 'created_at', 'updated_at']).orderBy('id').execute();
    return rows.map((r) => ({ reviewer: JSON.parse(r.data) as Reviewer, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at }));
  }

  /** Replaces a reviewer's record; NotFoundError when there is none. */
  async update(r: Reviewer, at: string): Promise<void> {
    const res = await this.db
      .updateTable('reviewers')
      .set((eb) => ({ name: r.name, available: r.available ? 1 : 0, data: JSON.stringify(r), updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', r.id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new NotFoundError(`reviewer ${r.id}`);
  }

  async get(id: string): Promise<Reviewer | null> {
    const row = await this.db.selectFrom('reviewers').select('data').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.data) as Reviewer) : null;
  }

  /** The reviewer, or NotFoundError naming the id. */
  async require(id: string): Promise<Reviewer> {
    const r = await this.get(id);
    if (!r) throw new NotFoundError(`reviewer ${id}`);
    return r;
  }

  async list(): Promise<Reviewer[]> {
    const rows = await this.db.selectFrom('reviewers').select('data').orderBy('id').execute();
    return rows.map((r) => JSON.parse(r.data) as Reviewer);
  }
}
