import { createHash } from 'node:crypto';
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

/** A stored audit entry: the event chained to the one before it by sha256. */
export interface AuditEntry extends AuditEvent {
  seq: number;
  prevHash: string;
  hash: string;
}

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
