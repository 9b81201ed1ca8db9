/** Signing in, sessions and user accounts (routes/auth.ts, routes/users.ts). */
import { z } from 'zod';
import { NewUser, User, UserPatch } from '../../domain/index.js';
import { named, page, Version, wholeNumber } from './common.js';

export const LoginBody = named('LoginRequest', z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1024) }));

export const SessionInfo = named(
  'Session',
  z.object({
    user: User,
    /** Echo in the X-CSRF-Token header of every POST, PUT, PATCH and DELETE. */
    csrfToken: z.string(),
    expiresAt: z.string(),
  }),
);

export const ChangePasswordBody = named('ChangePasswordRequest', z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().max(1024) }));

export const NewUserBody = named('NewUserRequest', NewUser);
export const UserPatchBody = named('UserPatchRequest', UserPatch.extend({ version: Version }));
export const ResetPasswordBody = named('ResetPasswordRequest', z.object({ password: z.string().max(1024) }));
export const UserPage = page('UserPage', User);

export const UserRef = z.object({ id: wholeNumber(z.number().int().positive()) });
