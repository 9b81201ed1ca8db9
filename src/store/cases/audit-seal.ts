/**
 * The audit trail's anchor outside the database: an HMAC key, and a signed
 * checkpoint of the trail's head. With them, someone who can edit the
 * database but cannot read the key can no longer recompute every hash,
 * renumber entries, append an entry that verifies, or remove entries from
 * the end unnoticed.
 *
 * The key is `$IMR_AUDIT_KEY` (at least 32 characters; its sha256 is the
 * key) or, for an SQLite file, the file `DB.audit-key` beside the database,
 * created with 32 random bytes and mode 0600 on first use. The checkpoint is
 * `DB.audit-checkpoint` beside an SQLite file, or `$IMR_AUDIT_CHECKPOINT`;
 * it is rewritten after every committed append. A PostgreSQL store without
 * `$IMR_AUDIT_KEY` has an unkeyed chain, as before, and says so on
 * verification.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { checkpointMac, type AuditCheckpoint } from '../../domain/index.js';
import { StoreError } from '../errors.js';

export interface AuditSeal {
  key: Uint8Array;
  /** Where the key came from, for messages. */
  keySource: string;
  /** Where the signed checkpoint is kept; null: none (an in-memory store, or PostgreSQL without $IMR_AUDIT_CHECKPOINT). */
  checkpointPath: string | null;
}

/** Shortest $IMR_AUDIT_KEY taken: 32 characters of a random key carry enough entropy for HMAC-SHA256. */
export const MIN_AUDIT_KEY_CHARS = 32;

/**
 * The seal of the store at `path` (an SQLite file, `:memory:`, or a
 * PostgreSQL URL when `postgres`), or null when the chain is unkeyed.
 * Throws StoreError for a key that is too short or a key file that cannot
 * be read or created.
 */
export function auditSealFor(path: string, postgres: boolean, env: NodeJS.ProcessEnv = process.env): AuditSeal | null {
  const fromEnv = env.IMR_AUDIT_KEY;
  const checkpointEnv = env.IMR_AUDIT_CHECKPOINT || null;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_AUDIT_KEY_CHARS) throw new StoreError('open', `IMR_AUDIT_KEY is ${fromEnv.length} characters; an audit key has at least ${MIN_AUDIT_KEY_CHARS}`);
    const fileDb = !postgres && path !== ':memory:';
    return { key: createHash('sha256').update(fromEnv).digest(), keySource: 'IMR_AUDIT_KEY', checkpointPath: checkpointEnv ?? (fileDb ? `${path}.audit-checkpoint` : null) };
  }
  // An in-memory store lives as long as its key: one made up for it seals it all the same.
  if (path === ':memory:') return { key: randomBytes(32), keySource: 'memory', checkpointPath: null };
  if (postgres) return null;
  const keyPath = `${path}.audit-key`;
  return { key: keyFile(keyPath), keySource: keyPath, checkpointPath: checkpointEnv ?? `${path}.audit-checkpoint` };
}

function keyFile(keyPath: string): Uint8Array {
  try {
    if (!existsSync(keyPath)) {
      // 'wx': never over a key another process just made; 0600: the key is the seal.
      const fd = openSync(keyPath, 'wx', 0o600);
      try {
        writeSync(fd, randomBytes(32).toString('hex') + '\n');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new StoreError('open', `cannot create the audit key ${keyPath}: ${(err as Error).message}`);
  }
  let text: string;
  try {
    text = readFileSync(keyPath, 'utf8').trim();
  } catch (err) {
    throw new StoreError('open', `cannot read the audit key ${keyPath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!/^[0-9a-f]{64}$/.test(text)) throw new StoreError('open', `the audit key ${keyPath} is not 64 hex digits; it was changed or damaged`);
  return Buffer.from(text, 'hex');
}

/** Writes the signed checkpoint of entry `seq` (atomically: a new file renamed over the old, 0600). */
export function writeCheckpoint(seal: AuditSeal, seq: number, hash: string): void {
  if (!seal.checkpointPath) return;
  const cp: AuditCheckpoint = { seq, hash, at: new Date().toISOString(), mac: checkpointMac(seal.key, seq, hash) };
  const tmp = `${seal.checkpointPath}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(cp) + '\n');
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, seal.checkpointPath);
}

/** The checkpoint in `path`: null when there is none; throws StoreError when it is not one. */
export function readCheckpoint(path: string): AuditCheckpoint | null {
  if (!existsSync(path)) return null;
  try {
    const cp = JSON.parse(readFileSync(path, 'utf8')) as AuditCheckpoint;
    if (!Number.isInteger(cp.seq) || typeof cp.hash !== 'string' || typeof cp.mac !== 'string') throw new Error('fields missing');
    return cp;
  } catch (err) {
    throw new StoreError('query', `the audit checkpoint ${path} cannot be read (${(err as Error).message})`);
  }
}
