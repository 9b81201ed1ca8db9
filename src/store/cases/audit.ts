import { sql, type Kysely, type Selectable } from 'kysely';
import { AuditIntegrityError, GENESIS_HASH, auditHash, auditMac, checkpointMac, type AuditCheckpoint, type AuditEntry, type AuditEvent } from '../../domain/index.js';
import { containsCi } from '../search/filters.js';
import { readCheckpoint, writeCheckpoint, type AuditSeal } from './audit-seal.js';
import { storableId } from '../ids.js';
import type { AuditLogTable, Database } from '../schema.js';

/** Where a transaction notes the last entry it appended, so that the checkpoint is written once it has committed. */
export interface AppendSink {
  last: { seq: number; hash: string } | null;
}

/** What verify() found: the entries, and whether they are sealed under a key kept outside the database. */
export interface AuditVerification {
  entries: number;
  /** False when the store has no audit key (PostgreSQL without $IMR_AUDIT_KEY): only the chain was checked. */
  sealed: boolean;
  /** The checkpoint the trail was checked against (its entry), or null when there is none. */
  checkpoint: number | null;
}

/**
 * Which entries a listing of the trail holds. Every condition given must
 * hold; dates are UTC days (entries carry UTC timestamps), both ends included.
 */
export interface AuditFilter {
  caseId?: number;
  /** Any part of the actor's name, case-insensitive. */
  actor?: string;
  /** The action exactly ("issue-determination"). */
  action?: string;
  /** First day, `YYYY-MM-DD`. */
  from?: string;
  /** Last day, `YYYY-MM-DD`. */
  to?: string;
  /** `desc`: newest first (what a person reading the trail wants); default oldest first. */
  order?: 'asc' | 'desc';
}

/** The day after an ISO date, as `YYYY-MM-DD` (the exclusive end of a range ending on `day`). */
function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

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
    /** The key and checkpoint kept outside the database; null: an unkeyed chain. */
    readonly seal: AuditSeal | null = null,
    /** In a transaction of the store: where the last append is noted for the checkpoint after commit. */
    private readonly sink: AppendSink | null = null,
  ) {}

  /**
   * Appends an event after the current head. Call in the same transaction
   * as the change it records; outside one, the append is its own
   * transaction (reading the head and writing after it must not be split).
   */
  async append(event: AuditEvent): Promise<AuditEntry> {
    if (!this.db.isTransaction) {
      const sink: AppendSink = { last: null };
      const entry = await this.db.transaction().execute((trx) => new AuditRepository(trx, this.lockChain, this.seal, sink).append(event));
      this.committed(sink);
      return entry;
    }
    await this.lockChain(this.db);
    const head = await this.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = auditHash(prevHash, event);
    // The number is chosen here, under the chain's lock, because the seal covers it.
    const seq = (head?.seq ?? 0) + 1;
    const row = await this.db
      .insertInto('audit_log')
      .values({
        seq,
        case_id: event.caseId,
        actor: event.actor,
        at: event.at,
        action: event.action,
        before_state: event.before === null || event.before === undefined ? null : JSON.stringify(event.before),
        after_state: event.after === null || event.after === undefined ? null : JSON.stringify(event.after),
        prev_hash: prevHash,
        hash,
        mac: this.seal ? auditMac(this.seal.key, seq, hash) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (this.sink) this.sink.last = { seq, hash };
    return fromRow(row);
  }

  /** After a transaction that appended has committed: the checkpoint moves to its last entry. */
  committed(sink: AppendSink): void {
    if (!this.seal || !sink.last) return;
    writeCheckpoint(this.seal, sink.last.seq, sink.last.hash);
  }

  /**
   * Stores an entry exactly as exported: its sequence number and both hashes
   * kept, nothing recomputed, so the chain verifies after a restore only if
   * it verified before. Append order must be kept (restore in `seq` order).
   * It is sealed under this store's key: the import checks the chain first.
   */
  async restore(e: AuditEntry): Promise<void> {
    if (this.sink) this.sink.last = { seq: e.seq, hash: e.hash };
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
        mac: this.seal ? auditMac(this.seal.key, e.seq, e.hash) : null,
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

  /** One page of the entries the filter keeps, in order (oldest first unless `order: 'desc'`), with how many it keeps in all. */
  async page(filter: AuditFilter & { limit: number; offset: number }): Promise<{ total: number; items: AuditEntry[] }> {
    if (filter.caseId !== undefined && !storableId(filter.caseId)) return { total: 0, items: [] };
    let q = this.db.selectFrom('audit_log');
    if (filter.caseId !== undefined) q = q.where('case_id', '=', filter.caseId);
    const actor = filter.actor?.trim();
    if (actor) q = q.where(containsCi(sql.ref('actor'), actor));
    const action = filter.action?.trim();
    if (action) q = q.where('action', '=', action);
    // Timestamps are ISO strings in UTC, so a day's entries sort between the day and the next.
    if (filter.from) q = q.where('at', '>=', filter.from);
    if (filter.to) q = q.where('at', '<', dayAfter(filter.to));
    const rows = await q.selectAll().orderBy('seq', filter.order ?? 'asc').limit(filter.limit).offset(filter.offset).execute();
    const count = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return { total: Number(count.n), items: rows.map(fromRow) };
  }

  /**
   * Re-computes the whole chain, and with a key each entry's seal and the
   * checkpoint. Returns the number of entries when all verify; throws
   * AuditIntegrityError naming the first entry that does not.
   */
  async verify(): Promise<number> {
    return (await this.verification()).entries;
  }

  /**
   * What verify() checks, with what it checked: the chain (an entry changed,
   * removed, inserted or swapped), each entry's seal (hashes recomputed,
   * entries renumbered or appended by someone without the key), and the
   * signed checkpoint (entries removed from the end). `checkpoint: false`
   * skips the last (an import checks the trail it is writing).
   */
  async verification(options: { checkpoint?: boolean; saved?: { path: string; checkpoint: AuditCheckpoint }[] } = {}): Promise<AuditVerification> {
    const seal = this.seal;
    const cp = seal?.checkpointPath && options.checkpoint !== false ? readCheckpoint(seal.checkpointPath) : null;
    if (cp && seal && cp.mac !== checkpointMac(seal.key, cp.seq, cp.hash)) throw new AuditIntegrityError(cp.seq, `the checkpoint ${seal.checkpointPath} is not signed with this database's audit key (it was forged, or belongs to another database)`);
    // Checkpoints saved elsewhere (imr case verify-audit --save-checkpoint), each checked like the one beside the database.
    const saved = new Map<number, { path: string; hash: string }>();
    for (const s of options.saved ?? []) {
      if (!seal || s.checkpoint.mac !== checkpointMac(seal.key, s.checkpoint.seq, s.checkpoint.hash)) throw new AuditIntegrityError(s.checkpoint.seq, `the saved checkpoint ${s.path} is not signed with this database's audit key`);
      saved.set(s.checkpoint.seq, { path: s.path, hash: s.checkpoint.hash });
    }
    let prev = GENESIS_HASH;
    let n = 0;
    let last = 0;
    let atCheckpoint: string | null = null;
    // Paged so a long trail is not held in memory at once.
    for (let after = 0; ; ) {
      const rows = await this.db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(1000).execute();
      if (rows.length === 0) break;
      for (const r of rows) {
        const e = fromRow(r);
        if (e.prevHash !== prev) throw new AuditIntegrityError(e.seq, 'it does not follow the entry before it (an entry was removed or inserted)');
        if (auditHash(prev, e) !== e.hash) throw new AuditIntegrityError(e.seq, 'its content does not match its hash (the entry was changed)');
        if (seal && r.mac === null) throw new AuditIntegrityError(e.seq, 'it has no seal (it was added outside OpenIMR, or written before the audit key: imr case verify-audit --seal seals those once their chain verifies)');
        if (seal && r.mac !== auditMac(seal.key, e.seq, e.hash)) throw new AuditIntegrityError(e.seq, 'its seal does not match (the hashes were recomputed, the entry renumbered, or added by someone without the audit key)');
        if (cp && e.seq === cp.seq) atCheckpoint = e.hash;
        const mark = saved.get(e.seq);
        if (mark && mark.hash !== e.hash) throw new AuditIntegrityError(e.seq, `it is not the entry the saved checkpoint ${mark.path} names (the trail was rewritten)`);
        saved.delete(e.seq);
        prev = e.hash;
        last = e.seq;
        n++;
      }
      after = rows[rows.length - 1]!.seq;
    }
    if (cp && atCheckpoint === null) throw new AuditIntegrityError(cp.seq, `the trail ends at entry ${last} but its signed checkpoint says it reached entry ${cp.seq} (entries were removed from its end)`);
    if (cp && atCheckpoint !== cp.hash) throw new AuditIntegrityError(cp.seq, 'it is not the entry the signed checkpoint names (the trail was rewritten)');
    for (const [seq, mark] of saved) throw new AuditIntegrityError(seq, `the trail ends at entry ${last} but the saved checkpoint ${mark.path} says it reached entry ${seq} (entries were removed from its end)`);
    if (seal?.checkpointPath && options.checkpoint !== false && !cp && n > 0) throw new AuditIntegrityError(last, `its signed checkpoint ${seal.checkpointPath} is missing (it was deleted, or the database copied without it)`);
    return { entries: n, sealed: seal !== null, checkpoint: cp?.seq ?? null };
  }

    /** The signed checkpoint of the trail's head now (null for an empty or unkeyed trail), to keep elsewhere. */
  async headCheckpoint(): Promise<AuditCheckpoint | null> {
    if (!this.seal) return null;
    const head = await this.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return head ? { seq: head.seq, hash: head.hash, at: new Date().toISOString(), mac: checkpointMac(this.seal.key, head.seq, head.hash) } : null;
  }

/**
   * Seals the entries that have no seal (written before the audit key) once
   * the whole chain verifies, and writes the checkpoint. Returns how many.
   * Only an operator runs this, once, for a trail they trust.
   */
  async sealUnsealed(): Promise<number> {
    const seal = this.seal;
    if (!seal) return 0;
    let prev = GENESIS_HASH;
    let sealed = 0;
    let head: { seq: number; hash: string } | null = null;
    await this.db.transaction().execute(async (trx) => {
      for (let after = 0; ; ) {
        const rows = await trx.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(1000).execute();
        if (rows.length === 0) return;
        for (const r of rows) {
          const e = fromRow(r);
          if (e.prevHash !== prev || auditHash(prev, e) !== e.hash) throw new AuditIntegrityError(e.seq, 'the chain does not verify here, so the trail is not sealed');
          if (r.mac === null) {
            await trx.updateTable('audit_log').set({ mac: auditMac(seal.key, e.seq, e.hash) }).where('seq', '=', e.seq).execute();
            sealed++;
          } else if (r.mac !== auditMac(seal.key, e.seq, e.hash)) throw new AuditIntegrityError(e.seq, 'its seal does not match, so the trail is not sealed');
          prev = e.hash;
          head = { seq: e.seq, hash: e.hash };
        }
        after = rows[rows.length - 1]!.seq;
      }
    });
    if (head) this.committed({ last: head });
    return sealed;
  }
}
