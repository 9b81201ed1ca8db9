import { z } from 'zod';
import { ImrError } from './errors.js';
import { label } from './primitives/label.js';

/**
 * What a user may do. admin: users and the audit trail; coordinator: case
 * intake, eligibility, records, assignment, issue; reviewer: only the cases
 * assigned to them (view, decide, correct); analyst: the corpus, never case
 * data; public: the published corpus and redacted issued letters.
 */
export const Role = z.enum(['admin', 'coordinator', 'reviewer', 'analyst', 'public']);
export type Role = z.infer<typeof Role>;

/** Login names: lower case, so "Alice" and "alice" cannot be two accounts. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._@-]{1,63}$/, '2 to 64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit');

/** Length is what makes a password strong; no composition rules (NIST SP 800-63B §5.1.1). */
export const Password = z.string().min(12, 'at least 12 characters').max(256, 'at most 256 characters');

/** A user as shown: never the password hash. */
export const User = z.object({
  id: z.number().int().positive(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  /** The reviewer registry entry a reviewer acts as; null for other roles. */
  reviewerId: z.string().nullable(),
  disabled: z.boolean(),
  /** Set for a password someone else chose (first-run admin, created or reset by an admin): the user must choose their own before anything else. */
  mustChangePassword: z.boolean(),
  /** Incremented on every write (optimistic locking). */
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof User>;

/** What creates a user. */
export const NewUser = z.object({
  username: Username,
  displayName: label().optional(),
  role: Role,
  reviewerId: z.string().min(1).nullable().optional(),
  password: Password,
  /** Default true: the person the account is for chooses their own password at first login. */
  mustChangePassword: z.boolean().default(true),
});
export type NewUser = z.infer<typeof NewUser>;
export type NewUserInput = z.input<typeof NewUser>;

/** Changes an admin may make to a user. */
export const UserPatch = z.object({
  displayName: label().optional(),
  role: Role.optional(),
  reviewerId: z.string().min(1).nullable().optional(),
  disabled: z.boolean().optional(),
});
export type UserPatch = z.infer<typeof UserPatch>;

/** Wrong username or password, a disabled account, or an expired session: deliberately not saying which. */
export class AuthenticationError extends ImrError {
  constructor(message = 'wrong username or password') {
    super('UNAUTHENTICATED', message);
  }
}

/** The user's role may not do this at all. */
export class PermissionError extends ImrError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}
