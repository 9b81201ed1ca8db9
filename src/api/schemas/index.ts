/**
 * The zod schemas the routes validate requests with and describe responses
 * with, one file per area of the API; the OpenAPI document is generated from
 * these same objects (openapi.ts). Domain and service shapes are reused, not
 * restated: a schema here either is the domain's schema, or is checked at
 * compile time against the type the service returns.
 */
export * from './common.js';
export * from './users.js';
export * from './corpus.js';
export * from './cases.js';
export * from './reviewers.js';
export * from './audit.js';
export * from './published.js';
