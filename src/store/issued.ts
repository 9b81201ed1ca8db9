import type { Kysely, Selectable } from 'kysely';
import { storableId } from './ids.js';
import { DuplicateError, type Determination, type IssuedDetermination } from '../domain/index.js';
import type { CaseDeterminationsTable, Database } from './schema.js';
import { isUniqueViolation } from './unique.js';

function fromRow(r: Selectable<CaseDeterminationsTable>): IssuedDetermination {
  return {
    caseId: r.case_id,
    version: r.version,
    determination: JSON.parse(r.determination) as Determination,
    published: JSON.parse(r.published) as Determination,
    issuedAt: r.issued_at,
    issuedBy: r.issued_by,
    reason: r.reason,
  };
}

/**
 * Issued final determinations. A version, once stored, is frozen: the
 * repository only inserts, and a correction is the next version.
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
        })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateError(`determination version ${d.version} of case #${d.caseId}`);
      throw err;
    }
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
   * The latest version of every case's issued determination, most recently
   * issued first, one page of them, with the number of issued cases.
   */
  async latestPage(page: { limit: number; offset: number }): Promise<{ total: number; items: IssuedDetermination[] }> {
    const latest = this.db
      .selectFrom('case_determinations as d')
      .where('d.version', '=', (eb) => eb.selectFrom('case_determinations as v').select((e) => e.fn.max('v.version').as('m')).whereRef('v.case_id', '=', 'd.case_id'));
    const rows = await latest.selectAll().orderBy('d.issued_at', 'desc').orderBy('d.case_id', 'desc').limit(page.limit).offset(page.offset).execute();
    const count = await this.db.selectFrom('case_determinations').select((eb) => eb.fn.count<number | string>('case_id').distinct().as('n')).executeTakeFirstOrThrow();
    return { total: Number(count.n), items: rows.map(fromRow) };
  }

  /** One version, or the latest when `version` is omitted; null when none. */
  async get(caseId: number, version?: number): Promise<IssuedDetermination | null> {
    if (!storableId(caseId) || (version !== undefined && !storableId(version))) return null;
    let q = this.db.selectFrom('case_determinations').selectAll().where('case_id', '=', caseId);
    q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version);
    const row = await q.executeTakeFirst();
    return row ? fromRow(row) : null;
  }
}
