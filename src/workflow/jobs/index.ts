/**
 * The server's pool of worker threads for CPU-heavy jobs (uploads, PDF rendering, drafts), with their limits.
 */
export { ServerBusyError } from './job-limits.js';
export { JobPool, type JobPoolOptions } from './job-pool.js';
