/**
 * The corpus commands: ingest, parse, search, stats, import, export, backup.
 */
export { runIngest, summaryLine } from './ingest-command.js';
export { formatHits, runSearch } from './search-command.js';
export { formatStats, runStats } from './stats-command.js';
