/**
 * The database engines: opening SQLite or PostgreSQL, their dialect settings, and the repositories a store offers.
 */
export { type CaseRepositories, openStore, openWithDialect, repositoriesOf, type Store, type StoreOptions, type TransactionRepositories } from './db.js';
export { postgresDialect, redactUrl } from './postgres.js';
export { sqliteDialect } from './sqlite.js';
