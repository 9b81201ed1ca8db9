import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';

/** The content of an audit entry: who did what to which case, and the state before and after. */
export const AuditEvent = z.object({
  actor: z.string().min(1),
  /** ISO timestamp. */
  at: z.string().min(1),
  /** Case id, or null for registry changes (reviewers). */
  caseId: z.number().int().nullable(),
  action: z.string().min(1),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');

/** A stored audit entry: the event chained to the one before it by sha256 (as the store keeps it, exports it and the API shows it). */
export const AuditEntry = AuditEvent.extend({ seq: z.number().int().positive(), prevHash: Sha256Hex, hash: Sha256Hex });
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** sha256 (hex) over the previous entry's hash and the canonical JSON of this event. */
export function auditHash(prevHash: string, event: AuditEvent): string {
  const body = canonicalJson({ actor: event.actor, at: event.at, caseId: event.caseId, action: event.action, before: event.before ?? null, after: event.after ?? null });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * The seal of an entry: HMAC-SHA256 (hex) under a key kept outside the
 * database, over its sequence number and chain hash. Whoever can edit the
 * database but not read the key cannot recompute the chain, renumber
 * entries or append one that verifies.
 */
export function auditMac(key: Uint8Array, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`openimr-audit\n${seq}\n${hash}`).digest('hex');
}

/** A signed statement that the trail reached entry `seq` with hash `hash`: kept outside the database, it shows entries removed from the end. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  /** When it was written (ISO). */
  at: string;
  mac: string;
}

/** The MAC of a checkpoint (HMAC-SHA256, hex). */
export function checkpointMac(key: Uint8Array, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`openimr-audit-checkpoint\n${seq}\n${hash}`).digest('hex');
}
