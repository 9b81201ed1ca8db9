/**
 * What each role may do, as data. Routes name the permission they need;
 * a role without it gets 403 whatever the resource, which tells nothing
 * about any one resource. Scoping within a permission (a reviewer sees only
 * the cases assigned to them) is the routes' job and answers 404, exactly as
 * for a resource that does not exist.
 */
import type { Role } from '../domain/index.js';

export const PERMISSIONS = {
  /** Search, statistics and letters of the published corpus. */
  'corpus:read': ['admin', 'coordinator', 'reviewer', 'analyst', 'public'],
  /** Redacted letters of issued determinations. */
  'published:read': ['admin', 'coordinator', 'reviewer', 'analyst', 'public'],
  /** Adding letters to the published corpus by uploading their files. */
  'letters:upload': ['admin', 'coordinator'],
  /** Drafting with the determination engine from a posted case file. */
  'engine:run': ['admin', 'coordinator', 'reviewer', 'analyst'],
  /** Reading cases, with their parties: reviewers only their own. */
  'cases:read': ['admin', 'coordinator', 'reviewer'],
  /** Intake, eligibility, numbering, records, assignment, issue, termination. */
  'cases:manage': ['admin', 'coordinator'],
  /** Deciding and correcting: the assigned reviewer only. */
  'cases:decide': ['reviewer'],
  /** The reviewer registry (identities are never published). */
  'reviewers:read': ['admin', 'coordinator'],
  'reviewers:manage': ['admin', 'coordinator'],
  'users:manage': ['admin'],
  'audit:read': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** True when `role` holds `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The roles holding a permission (for the API document). */
export function rolesWith(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}
