import type { Kysely, Selectable } from 'kysely';
import { storableId } from '../ids.js';
import { DuplicateError, NotFoundError, type Determination, type IssuedDetermination, type Withdrawal } from '../../domain/index.js';
import type { CaseDeterminationsTable, Database } from '../schema.js';
import { isUniqueViolation } from '../corpus/unique.js';

function fromRow(r: Selectable<CaseDeterminationsTable>): IssuedDetermination {
  return {
    caseId: r.case_id,
    version: r.version,
    determination: JSON.parse(r.determination) as Determination,
    published: JSON.parse(r.published) as Determination,
    issuedAt: r.issued_at,
    issuedBy: r.issued_by,
    reason: r.reason,
    withdrawn: r.withdrawn_at ? { at: r.withdrawn_at, by: r.withdrawn_by ?? '', reason: r.withdrawn_reason ?? '' } : null,
  };
}

/**
 * Issued final determinations. A version, once stored, is frozen: the
 * repository inserts, and a correction is the next version. The one change
 * a row may take is its withdrawal from publication.
 */
export class IssuedDeterminationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(d: IssuedDetermination): Promise<void> {
    try {
      await this.db
        .insertInto('case_determinations')
        .values({
          case_id: d.caseId,
          version: d.version,
          determination: JSON.stringify(d.determination),
          published: JSON.stringify(d.published),
          issued_at: d.issuedAt,
          issued_by: d.issuedBy,
          reason: d.reason,
          withdrawn_at: d.withdrawn?.at ?? null,
          withdrawn_by: d.withdrawn?.by ?? null,
          withdrawn_reason: d.withdrawn?.reason ?? null,
        })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateError(`determination version ${d.version} of case #${d.caseId}`);
      throw err;
    }
  }

  /**
   * Withdraws a published version: the public no longer gets it. Returns
   * false when it was withdrawn already (the first withdrawal stands);
   * NotFoundError when there is no such version.
   */
  async withdraw(caseId: number, version: number, w: Withdrawal): Promise<boolean> {
    const res = await this.db
      .updateTable('case_determinations')
      .set({ withdrawn_at: w.at, withdrawn_by: w.by, withdrawn_reason: w.reason })
      .where('case_id', '=', caseId)
      .where('version', '=', version)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) return true;
    const exists = await this.db.selectFrom('case_determinations').select('version').where('case_id', '=', caseId).where('version', '=', version).executeTakeFirst();
    if (!exists) throw new NotFoundError(`version ${version} of the determination of case #${caseId}`);
    return false;
  }

  /** Issued versions of all cases after (caseId, version), by case and version, at most `limit` (export). */
  async page(after: { caseId: number; version: number }, limit: number): Promise<IssuedDetermination[]> {
    const rows = await this.db
      .selectFrom('case_determinations')
      .selectAll()
      .where((eb) => eb.or([eb('case_id', '>', after.caseId), eb.and([eb('case_id', '=', after.caseId), eb('version', '>', after.version)])]))
      .orderBy('case_id')
      .orderBy('version')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** Every version of a case's determination, oldest first. */
  async list(caseId: number): Promise<IssuedDetermination[]> {
    if (!storableId(caseId)) return [];
    return (await this.db.selectFrom('case_determinations').selectAll().where('case_id', '=', caseId).orderBy('version').execute()).map(fromRow);
  }

  /**
   * The latest published (not withdrawn) version of every case's issued
   * determination, most recently issued first, one page of them, with the
   * number of cases that have one.
   */
  async latestPage(page: { limit: number; offset: number }): Promise<{ total: number; items: IssuedDetermination[] }> {
    const latest = this.db
      .selectFrom('case_determinations as d')
      .where('d.withdrawn_at', 'is', null)
      .where('d.version', '=', (eb) =>
        eb
          .selectFrom('case_determinations as v')
          .select((e) => e.fn.max('v.version').as('m'))
          .whereRef('v.case_id', '=', 'd.case_id')
          .where('v.withdrawn_at', 'is', null),
      );
    const rows = await latest.selectAll().orderBy('d.issued_at', 'desc').orderBy('d.case_id', 'desc').limit(page.limit).offset(page.offset).execute();
    const count = await this.db
      .selectFrom('case_determinations')
      .where('withdrawn_at', 'is', null)
      .select((eb) => eb.fn.count<number | string>('case_id').distinct().as('n'))
      .executeTakeFirstOrThrow();
    return { total: Number(count.n), items: rows.map(fromRow) };
  }

  /** One version, or the latest when `version` is omitted; null when none. Withdrawn versions included (internal use). */
  async get(caseId: number, version?: number): Promise<IssuedDetermination | null> {
    if (!storableId(caseId) || (version !== undefined && !storableId(version))) return null;
    let q = this.db.selectFrom('case_determinations').selectAll().where('case_id', '=', caseId);
    q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version);
    const row = await q.executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  /** A version as the public may have it: the one asked for or the latest, never a withdrawn one; null when none. */
  async getPublished(caseId: number, version?: number): Promise<IssuedDetermination | null> {
    let q = this.db.selectFrom('case_determinations').selectAll().where('case_id', '=', caseId).where('withdrawn_at', 'is', null);
    q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version);
    const row = await q.executeTakeFirst();
    return row ? fromRow(row) : null;
  }
}
