/**
 * Admin routes: users, the audit trail and the reviewer registry.
 */
export { registerAuditRoutes } from './audit.js';
export { registerReviewerRoutes } from './reviewers.js';
export { registerUserRoutes } from './users.js';
