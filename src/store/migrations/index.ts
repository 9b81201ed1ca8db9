import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { StoreDialect } from '../search/search-index.js';
import { coreTables } from './corpus/0001-core.js';
import { searchIndex } from './corpus/0002-search-index.js';
import { facets } from './corpus/0003-facets.js';
import { leanRows } from './corpus/0004-lean-rows.js';
import { caseTables } from './cases/0005-cases.js';
import { userTables } from './accounts/0006-users.js';
import { fileHashesAndSqlite340 } from './corpus/0007-file-hashes-sqlite-340.js';
import { draftTables } from './cases/0008-drafts.js';
import { withdrawals } from './cases/0009-withdrawals.js';
import { auditSeal } from './cases/0010-audit-seal.js';
import { facetCounts } from './corpus/0011-facet-counts.js';
import { dayCounts } from './corpus/0012-day-counts.js';
import { indexFirst } from './corpus/0013-index-first.js';
import { listingOrder } from './corpus/0014-listing-order.js';
import { countsWithoutRowid } from './corpus/0015-counts-without-rowid.js';
import { bulkLoad } from './corpus/0016-bulk-load.js';

/**
 * Every schema version, in order. Names sort in application order and must
 * never change once released: the migrator records them in the database.
 * Built in code (not read from the filesystem) so bundling cannot lose one.
 * The files sit in a folder per feature (corpus, cases, accounts); their
 * numbers, not their folders, give the order, and a new one takes the next
 * number in the folder of what it changes.
 */
export function storeMigrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001_core': coreTables(dialect),
    '0002_search_index': searchIndex(dialect),
    '0003_facets': facets(),
    '0004_lean_rows': leanRows(dialect),
    '0005_cases': caseTables(dialect),
    '0006_users': userTables(dialect),
    '0007_file_hashes_sqlite_340': fileHashesAndSqlite340(dialect),
    '0008_drafts': draftTables(),
    '0009_withdrawals': withdrawals(),
    '0010_audit_seal': auditSeal(),
    '0011_facet_counts': facetCounts(),
    '0012_day_counts': dayCounts(),
    '0013_index_first': indexFirst(dialect),
    '0014_listing_order': listingOrder(dialect),
    '0015_counts_without_rowid': countsWithoutRowid(dialect),
    '0016_bulk_load': bulkLoad(dialect),
  };
}

/** Applies pending migrations; a no-op on an up-to-date database. */
export async function migrateToLatest(db: Kysely<any>, dialect: StoreDialect): Promise<MigrationResultSet> {
  const migrations = storeMigrations(dialect);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  return migrator.migrateToLatest();
}
