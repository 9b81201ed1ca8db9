import type { Kysely, Selectable } from 'kysely';
import { storableId } from './ids.js';
import { AuditIntegrityError, GENESIS_HASH, auditHash, type AuditEntry, type AuditEvent } from '../domain/index.js';
import type { AuditLogTable, Database } from './schema.js';

function parse(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

function fromRow(r: Selectable<AuditLogTable>): AuditEntry {
  return { seq: r.seq, caseId: r.case_id, actor: r.actor, at: r.at, action: r.action, before: parse(r.before_state), after: parse(r.after_state), prevHash: r.prev_hash, hash: r.hash };
}

/**
 * The append-only audit trail. Each entry carries the hash of the one before
 * it and its own sha256 over that hash and its canonical content, so
 * changing, removing or inserting an entry breaks the chain at that point.
 * The repository has no update or delete.
 */
export class AuditRepository {
  /**
   * `lockChain` (the dialect's lockAuditChain) is called in the append's
   * transaction before the head is read, so that concurrent writers append
   * one after another instead of both after the same head.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly lockChain: (db: Kysely<Database>) => Promise<void> = async () => undefined,
  ) {}

  /**
   * Appends an event after the current head. Call in the same transaction
   * as the change it records; outside one, the append is its own
   * transaction (reading the head and writing after it must not be split).
   */
  async append(event: AuditEvent): Promise<AuditEntry> {
    if (!this.db.isTransaction) {
      return this.db.transaction().execute((trx) => new AuditRepository(trx, this.lockChain).append(event));
    }
    await this.lockChain(this.db);
    const head = await this.db.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = auditHash(prevHash, event);
    const row = await this.db
      .insertInto('audit_log')
      .values({
        case_id: event.caseId,
        actor: event.actor,
        at: event.at,
        action: event.action,
        before_state: event.before === null || event.before === undefined ? null : JSON.stringify(event.before),
        after_state: event.after === null || event.after === undefined ? null : JSON.stringify(event.after),
        prev_hash: prevHash,
        hash,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return fromRow(row);
  }

  /**
   * Stores an entry exactly as exported: its sequence number and both hashes
   * kept, nothing recomputed, so the chain verifies after a restore only if
   * it verified before. Append order must be kept (restore in `seq` order).
   */
  async restore(e: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        seq: e.seq,
        case_id: e.caseId,
        actor: e.actor,
        at: e.at,
        action: e.action,
        before_state: e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
        after_state: e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
        prev_hash: e.prevHash,
        hash: e.hash,
      })
      .execute();
  }

  /** Entries after `afterSeq` in order, at most `limit` (paging through a long trail). */
  async after(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return rows.map(fromRow);
  }

  /** Entries in order, of one case or of all. */
  async list(caseId?: number): Promise<AuditEntry[]> {
    if (caseId !== undefined && !storableId(caseId)) return [];
    let q = this.db.selectFrom('audit_log').selectAll();
    if (caseId !== undefined) q = q.where('case_id', '=', caseId);
    return (await q.orderBy('seq').execute()).map(fromRow);
  }

  /** One page of entries in order, of one case or of all, with their number. */
  async page(filter: { caseId?: number; limit: number; offset: number }): Promise<{ total: number; items: AuditEntry[] }> {
    if (filter.caseId !== undefined && !storableId(filter.caseId)) return { total: 0, items: [] };
    let q = this.db.selectFrom('audit_log');
    if (filter.caseId !== undefined) q = q.where('case_id', '=', filter.caseId);
    const rows = await q.selectAll().orderBy('seq').limit(filter.limit).offset(filter.offset).execute();
    const count = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return { total: Number(count.n), items: rows.map(fromRow) };
  }

  /**
   * Re-computes the whole chain. Returns the number of entries when it
   * verifies; throws AuditIntegrityError naming the first entry that does not.
   */
  async verify(): Promise<number> {
    let prev = GENESIS_HASH;
    let n = 0;
    // Paged so a long trail is not held in memory at once.
    for (let after = 0; ; ) {
      const rows = await this.db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(1000).execute();
      if (rows.length === 0) return n;
      for (const r of rows) {
        const e = fromRow(r);
        if (e.prevHash !== prev) throw new AuditIntegrityError(e.seq, 'it does not follow the entry before it (an entry was removed or inserted)');
        if (auditHash(prev, e) !== e.hash) throw new AuditIntegrityError(e.seq, 'its content does not match its hash (the entry was changed)');
        prev = e.hash;
        n++;
      }
      after = rows[rows.length - 1]!.seq;
    }
  }
}
