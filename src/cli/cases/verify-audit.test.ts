/**
 * Tampering with the database behind OpenIMR's back, as someone with a
 * database editor but not the audit key would, and `imr case verify-audit`
 * finding each kind and naming it.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populate } from '../../../test/populated-db.js';
import { runCli as run } from '../../../test/run-cli.js';
import { auditHash, type AuditEvent } from '../../domain/index.js';

interface Row {
  seq: number;
  case_id: number | null;
  actor: string;
  at: string;
  action: string;
  before_state: string | null;
  after_state: string | null;
  prev_hash: string;
  hash: string;
}

const eventOf = (r: Row): AuditEvent => ({ actor: r.actor, at: r.at, caseId: r.case_id, action: r.action, before: r.before_state === null ? null : JSON.parse(r.before_state), after: r.after_state === null ? null : JSON.parse(r.after_state) });

describe('imr case verify-audit against a database editor', () => {
  let dir: string;
  let original: string;
  let copies = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'imr-tamper-'));
    original = join(dir, 'original.db');
    await populate(dir, original);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of the database with its key and checkpoint, edited by `edit` with SQL, and what verify-audit (with `extra` arguments) says of it. */
  async function tampered(edit: (db: Database.Database) => void, extra: string[] = [], endings = ['', '.audit-key', '.audit-checkpoint']): Promise<{ code: number; err: string; out: string }> {
    const db = join(dir, `copy-${copies++}.db`);
    for (const ending of endings) copyFileSync(original + ending, db + ending);
    const conn = new Database(db);
    try {
      edit(conn);
    } finally {
      conn.close();
    }
    return run('case', 'verify-audit', '--db', db, ...extra);
  }

  it('verifies the untouched database, sealed and checkpointed, with every case and user agreeing', async () => {
    const r = await run('case', 'verify-audit', '--db', original);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^audit trail verifies: (\d+) entries, sealed with the key in .*original\.db\.audit-key, signed checkpoint at entry \1; \d+ cases and 2 users agree with it\n$/);
    expect(statSync(`${original}.audit-key`).mode & 0o777).toBe(0o600);
    expect(statSync(original).mode & 0o777).toBe(0o600);
  });

  it('detects truncation, renumbering, recomputed hashes and an appended forgery, and names the entry', async () => {
    const last = (db: Database.Database) => (db.prepare('SELECT max(seq) AS n FROM audit_log').get() as { n: number }).n;
    const truncated = await tampered((db) => db.prepare('DELETE FROM audit_log WHERE seq > ?').run(last(db) - 3));
    expect(truncated.code).toBe(1);
    expect(truncated.err).toMatch(/\n  - chain: audit trail does not verify at entry (\d+): the trail ends at entry \d+ but its signed checkpoint says it reached entry \1 \(entries were removed from its end\)\n/);

    const renumbered = await tampered((db) => db.prepare('UPDATE audit_log SET seq = seq + 1000 WHERE seq > ?').run(last(db) - 5));
    expect(renumbered.err).toMatch(/\n  - chain: audit trail does not verify at entry \d{4}: its seal does not match \(the hashes were recomputed, the entry renumbered, or added by someone without the audit key\)\n/);

    // An entry's actor changed and every hash after it recomputed: the chain verifies, the seal does not.
    const recomputed = await tampered((db) => {
      const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[];
      const target = rows[Math.floor(rows.length / 2)]!;
      target.actor = 'someone-else';
      let prev = rows[rows.indexOf(target) - 1]!.hash;
      const update = db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?');
      for (const r of rows.slice(rows.indexOf(target))) {
        const hash = auditHash(prev, eventOf(r));
        update.run(r.actor, prev, hash, r.seq);
        prev = hash;
      }
    });
    expect(recomputed.code).toBe(1);
    expect(recomputed.err).toMatch(/\n  - chain: audit trail does not verify at entry \d+: its seal does not match/);
    expect(recomputed.err).not.toMatch(/does not follow|does not match its hash/);

    // A new entry that chains correctly after the head, with no seal or a made-up one.
    for (const mac of [null, 'f'.repeat(64)]) {
      const forged = await tampered((db) => {
        const head = db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Row;
        const event: AuditEvent = { actor: 'admin', at: new Date().toISOString(), caseId: null, action: 'update-user', before: null, after: { note: 'forged' } };
        db.prepare('INSERT INTO audit_log (seq, case_id, actor, at, action, before_state, after_state, prev_hash, hash, mac) VALUES (?, NULL, ?, ?, ?, NULL, ?, ?, ?, ?)').run(head.seq + 1, event.actor, event.at, event.action, JSON.stringify(event.after), head.hash, auditHash(head.hash, event), mac);
      });
      expect(forged.code).toBe(1);
      expect(forged.err).toMatch(mac === null ? /at entry \d+: it has no seal/ : /at entry \d+: its seal does not match/);
    }
  });

  it("replays each case's trail and the users' entries: a direct edit of a decision, a state or a role is named, field by field", async () => {
    const r = await tampered((db) => {
      const c = db.prepare("SELECT id, case_number, data FROM cases WHERE state = 'issued' LIMIT 1").get() as { id: number; case_number: string; data: string };
      const data = JSON.parse(c.data) as { decisions: { decision: string }[] };
      data.decisions[0]!.decision = data.decisions[0]!.decision === 'upheld' ? 'overturned' : 'upheld';
      db.prepare('UPDATE cases SET data = ? WHERE id = ?').run(JSON.stringify(data), c.id);
      db.prepare("UPDATE cases SET state = 'decided' WHERE state = 'in-review'").run();
      db.prepare("UPDATE users SET role = 'admin' WHERE username = 'ana'").run();
    });
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^error: the audit trail and the database disagree \(3 problems\)\n/);
    expect(r.err).toMatch(/\n  - case CM\d\d-\d{7}\.decisions\.0\.decision: is "(upheld|overturned)" in the database but "(upheld|overturned)" by its audit trail\n/);
    expect(r.err).toMatch(/\n  - case (CM\d\d-\d{7}|#\d+)\.state: is "decided" in the database but "in-review" by its audit trail\n/);
    expect(r.err).toContain('\n  - user ana.role: is "admin" in the database but "analyst" by its audit trail\n');
  });

  it('names a case or user added, and a case deleted, outside OpenIMR', async () => {
    const r = await tampered((db) => {
      db.prepare("INSERT INTO users (username, display_name, role, reviewer_id, password_hash, must_change_password, disabled, version, created_at, updated_at) VALUES ('mallory', 'Mallory', 'admin', NULL, 'x', 0, 0, 1, '2020-01-01', '2020-01-01')").run();
      const c = db.prepare("SELECT id FROM cases WHERE state = 'ineligible' LIMIT 1").get() as { id: number };
      db.prepare('DELETE FROM cases WHERE id = ?').run(c.id);
    });
    expect(r.code).toBe(1);
    expect(r.err).toContain('\n  - user mallory: has no add-user entry in the audit trail (it was added outside OpenIMR)\n');
    expect(r.err).toMatch(/\n  - case #\d+: has \d+ audit entries but is not in the database \(it was deleted\)\n/);
  });

  it('checks a checkpoint saved apart from the database: entries removed with the checkpoint beside them deleted are found, and a deleted checkpoint is named', async () => {
    const saved = join(dir, 'offsite.checkpoint');
    const r = await run('case', 'verify-audit', '--db', original, '--save-checkpoint', saved);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\nsaved the signed checkpoint of entry \d+ to .*offsite\.checkpoint\n$/);
    expect(statSync(saved).mode & 0o777).toBe(0o600);
    const cut = (db: Database.Database) => db.prepare('DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 2 FROM audit_log)').run();
    // Without the checkpoint beside it, a cut trail is still found: the checkpoint is missing.
    const alone = await tampered(cut, [], ['', '.audit-key']);
    expect(alone.code).toBe(1);
    expect(alone.err).toMatch(/\n  - chain: audit trail does not verify at entry \d+: its signed checkpoint .*\.audit-checkpoint is missing \(it was deleted, or the database copied without it\)\n/);
    const withSaved = await tampered(cut, ['--checkpoint', saved], ['', '.audit-key']);
    expect(withSaved.err).toMatch(/\n  - chain: audit trail does not verify at entry (\d+): the trail ends at entry \d+ but the saved checkpoint .*offsite\.checkpoint says it reached entry \1 \(entries were removed from its end\)\n/);
    // The untouched copy verifies against it.
    expect((await tampered(() => undefined, ['--checkpoint', saved])).code).toBe(0);
  });
});
