import type { Kysely, Migration } from 'kysely';

/**
 * The audit trail's seal: each entry gets an HMAC, under a key kept outside
 * the database (audit-seal.ts), over its sequence number and chain hash.
 * Entries written before have none until `imr case verify-audit --seal`
 * seals them (after their chain verifies).
 */
export function auditSeal(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('audit_log').addColumn('mac', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('audit_log').dropColumn('mac').execute();
    },
  };
}
