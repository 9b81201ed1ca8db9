/**
 * Users, passwords and sessions. Every change to a user, and every login
 * and failed login, is written to the audit trail in the same transaction
 * as the change. Session tokens are random and only their hash is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  AuthenticationError,
  DuplicateError,
  issuesFrom,
  NewUser,
  NotFoundError,
  Password,
  UserPatch,
  ValidationError,
  type Role,
  type User,
} from '../../domain/index.js';
import type { CaseRepositories, Store, StoredUser } from '../../store/index.js';
import { systemClock, type Clock } from '../deadlines/clock.js';
import { checkPasswordPolicy } from './password-policy.js';
import { DEFAULT_SCRYPT_COST, hashPassword, needsRehash, verifyPassword, type ScryptCost } from './passwords.js';

export interface UserServiceOptions {
  clock?: Clock;
  /** scrypt cost for new hashes (default DEFAULT_SCRYPT_COST). */
  passwordCost?: ScryptCost;
  /** How long a session lasts from login, in ms (default 8 hours: a working day). */
  sessionTtlMs?: number;
}

/** A signed-in session: the token goes to the client once and is never stored. */
export interface Session {
  user: User;
  /** The secret the client presents; only its hash is in the store. */
  token: string;
  expiresAt: string;
}

/** A session found from its token. */
export interface ResolvedSession {
  user: User;
  tokenHash: string;
  expiresAt: string;
}

/** sha256 of a session token, hex: what the store keys sessions by. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function publicUser(u: StoredUser): User {
  const { passwordHash: _p, ...user } = u;
  return user;
}

const FIRST_ADMIN = 'admin';

export class UserService {
  private readonly clock: Clock;
  private readonly cost: ScryptCost;
  /** How long a session lasts from login. */
  readonly sessionTtlMs: number;
  /** A hash to verify against when the username is unknown, so that answer takes as long as a wrong password. */
  private decoy: Promise<string> | null = null;

  constructor(
    private readonly store: Store,
    options: UserServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.cost = options.passwordCost ?? DEFAULT_SCRYPT_COST;
    this.sessionTtlMs = options.sessionTtlMs ?? 8 * 3600_000;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** A reviewer must act as a registered reviewer that no other user acts as; other roles act as none. */
  private async checkReviewerLink(role: Role, reviewerId: string | null | undefined, self: number | null): Promise<void> {
    if (role !== 'reviewer') {
      if (reviewerId) throw new ValidationError('only a reviewer acts as a registered reviewer', [{ path: ['reviewerId'], message: `must be null for role ${role}` }]);
      return;
    }
    if (!reviewerId) throw new ValidationError('a reviewer account needs the registry id of the reviewer it is for', [{ path: ['reviewerId'], message: 'required for role reviewer' }]);
    if (!(await this.store.reviewers.get(reviewerId))) throw new ValidationError(`no reviewer ${reviewerId} is registered`, [{ path: ['reviewerId'], message: 'not a registered reviewer' }]);
    const other = (await this.store.users.list()).find((u) => u.reviewerId === reviewerId && u.id !== self);
    if (other) throw new DuplicateError(`a user for reviewer ${reviewerId} (${other.username})`);
  }

  /** Creates a user (validated, audited). DuplicateError when the username is taken. */
  async add(input: unknown, actor: string): Promise<User> {
    const parsed = NewUser.safeParse(input);
    if (!parsed.success) throw new ValidationError('the user is not valid', issuesFrom(parsed.error));
    const n = parsed.data;
    checkPasswordPolicy(n.password, n.username, 'password');
    await this.checkReviewerLink(n.role, n.reviewerId, null);
    const passwordHash = await hashPassword(n.password, this.cost);
    const at = this.now();
    return this.store.transaction(async (tx) => {
      const saved = await tx.users.insert({
        username: n.username,
        displayName: n.displayName ?? n.username,
        role: n.role,
        reviewerId: n.reviewerId ?? null,
        passwordHash,
        mustChangePassword: n.mustChangePassword,
        disabled: false,
        createdAt: at,
        updatedAt: at,
      });
      const user = publicUser(saved);
      await tx.audit.append({ actor, at, caseId: null, action: 'add-user', before: null, after: { id: user.id, username: user.username, role: user.role, reviewerId: user.reviewerId } });
      return user;
    });
  }

  async list(): Promise<User[]> {
    return (await this.store.users.list()).map(publicUser);
  }

  /** A user by id; NotFoundError when none. */
  async get(id: number): Promise<User> {
    const u = await this.store.users.get(id);
    if (!u) throw new NotFoundError(`user #${id}`);
    return publicUser(u);
  }

  private async require(id: number): Promise<StoredUser> {
    const u = await this.store.users.get(id);
    if (!u) throw new NotFoundError(`user #${id}`);
    return u;
  }

  /** Refuses a change that would leave no enabled admin: nobody could manage users any more. */
  private async keepAnAdmin(current: StoredUser, next: StoredUser): Promise<void> {
    const wasAdmin = current.role === 'admin' && !current.disabled;
    const isAdmin = next.role === 'admin' && !next.disabled;
    if (!wasAdmin || isAdmin) return;
    const admins = (await this.store.users.list()).filter((u) => u.role === 'admin' && !u.disabled && u.id !== current.id);
    if (admins.length === 0) throw new ValidationError('this is the last enabled admin: add another admin first', [{ path: [next.disabled ? 'disabled' : 'role'], message: 'would leave no admin' }]);
  }

  /**
   * Changes a user's name, role, reviewer link or disabled flag, if the user
   * is still at `expectedVersion` (ConflictError otherwise). A changed role
   * or a disabled account ends the user's sessions.
   */
  async update(id: number, patch: unknown, expectedVersion: number, actor: string): Promise<User> {
    const parsed = UserPatch.safeParse(patch);
    if (!parsed.success) throw new ValidationError('the change is not valid', issuesFrom(parsed.error));
    const current = await this.require(id);
    const p = parsed.data;
    const role = p.role ?? current.role;
    const reviewerId = p.reviewerId !== undefined ? p.reviewerId : role === 'reviewer' ? current.reviewerId : null;
    const next: StoredUser = { ...current, displayName: p.displayName ?? current.displayName, role, reviewerId, disabled: p.disabled ?? current.disabled, updatedAt: this.now() };
    await this.checkReviewerLink(next.role, next.reviewerId, id);
    await this.keepAnAdmin(current, next);
    const fields = ['displayName', 'role', 'reviewerId', 'disabled'] as const;
    const changed = fields.filter((k) => current[k] !== next[k]);
    return this.store.transaction(async (tx) => {
      const saved = await tx.users.update(next, expectedVersion);
      if (next.disabled || next.role !== current.role || next.reviewerId !== current.reviewerId) await tx.sessions.deleteForUser(id);
      await tx.audit.append({
        actor,
        at: next.updatedAt,
        caseId: null,
        action: 'update-user',
        before: { id, username: current.username, ...Object.fromEntries(changed.map((k) => [k, current[k]])) },
        after: { id, username: current.username, ...Object.fromEntries(changed.map((k) => [k, next[k]])) },
      });
      return publicUser(saved);
    });
  }

  private async writePassword(tx: CaseRepositories, user: StoredUser, passwordHash: string, mustChange: boolean, actor: string, action: string, keepTokenHash?: string): Promise<StoredUser> {
    const at = this.now();
    const saved = await tx.users.update({ ...user, passwordHash, mustChangePassword: mustChange, updatedAt: at }, user.version);
    await tx.sessions.deleteForUser(user.id, keepTokenHash);
    // Never the hash itself: the audit trail is read by more people than the user table.
    await tx.audit.append({ actor, at, caseId: null, action, before: null, after: { id: user.id, username: user.username, mustChangePassword: mustChange } });
    return saved;
  }

  private validPassword(password: unknown, field: string, username: string): string {
    const r = Password.safeParse(password);
    if (!r.success) throw new ValidationError(`the ${field} is not acceptable`, issuesFrom(r.error, [field]));
    checkPasswordPolicy(r.data, username, field);
    return r.data;
  }

  /** An admin sets a user's password: the user must choose their own at next login, and every session of theirs ends. */
  async resetPassword(id: number, password: unknown, actor: string): Promise<User> {
    const user = await this.require(id);
    const pw = this.validPassword(password, 'password', user.username);
    const hash = await hashPassword(pw, this.cost);
    return publicUser(await this.store.transaction((tx) => this.writePassword(tx, user, hash, true, actor, 'reset-password')));
  }

  /**
   * A signed-in user changes their own password, proving the current one.
   * Their other sessions end; the one they act from (`keepTokenHash`) stays.
   */
  async changeOwnPassword(id: number, current: string, next: unknown, keepTokenHash?: string): Promise<User> {
    const user = await this.require(id);
    const pw = this.validPassword(next, 'newPassword', user.username);
    if (!(await verifyPassword(current, user.passwordHash))) {
      throw new ValidationError('the current password is wrong', [{ path: ['currentPassword'], message: 'wrong password' }]);
    }
    if (pw === current) throw new ValidationError('choose a password other than the current one', [{ path: ['newPassword'], message: 'same as the current password' }]);
    const hash = await hashPassword(pw, this.cost);
    return publicUser(await this.store.transaction((tx) => this.writePassword(tx, user, hash, false, user.username, 'change-password', keepTokenHash)));
  }

  /**
   * Checks a username and password and opens a session. Any failure is the
   * same AuthenticationError (unknown user, wrong password, disabled
   * account) and takes as long; each outcome is audited.
   */
  async login(username: string, password: string): Promise<Session> {
    const name = username.trim().toLowerCase().slice(0, 64);
    const user = await this.store.users.getByUsername(name);
    const ok = user ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await this.decoyHash()), false);
    const at = this.now();
    if (!user || !ok || user.disabled) {
      const reason = !user ? 'unknown user' : !ok ? 'wrong password' : 'account disabled';
      await this.store.audit.append({ actor: name || '(none)', at, caseId: null, action: 'login-failed', before: null, after: { username: name, reason } });
      throw new AuthenticationError();
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.sessionTtlMs).toISOString();
    const rehash = needsRehash(user.passwordHash, this.cost) ? await hashPassword(password, this.cost) : null;
    const saved = await this.store.transaction(async (tx) => {
      await tx.sessions.deleteExpired(at);
      let u = user;
      if (rehash) u = await tx.users.update({ ...user, passwordHash: rehash }, user.version);
      await tx.sessions.insert({ tokenHash: tokenHash(token), userId: user.id, createdAt: at, expiresAt });
      await tx.audit.append({ actor: user.username, at, caseId: null, action: 'login', before: null, after: { id: user.id, username: user.username } });
      return u;
    });
    return { user: publicUser(saved), token, expiresAt };
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= hashPassword(randomBytes(16).toString('hex'), this.cost);
    return this.decoy;
  }

  /** The user of an unexpired session of an enabled account; null for anything else. */
  async session(token: string): Promise<ResolvedSession | null> {
    if (!token) return null;
    const hash = tokenHash(token);
    const found = await this.store.sessions.find(hash, this.now());
    if (!found || found.user.disabled) return null;
    return { user: publicUser(found.user), tokenHash: hash, expiresAt: found.session.expiresAt };
  }

  /** Ends a session (audited); a token that is not a session is ignored. */
  async logout(token: string, actor: string): Promise<void> {
    const at = this.now();
    await this.store.transaction(async (tx) => {
      if (await tx.sessions.delete(tokenHash(token))) await tx.audit.append({ actor, at, caseId: null, action: 'logout', before: null, after: null });
    });
  }

  /**
   * First run: when there is no user at all, creates the admin account
   * `admin` with the given password, or a generated one returned to show
   * once; a generated password is for one login only: the admin must choose
   * their own before anything else.
   */
  async bootstrapAdmin(password?: string): Promise<{ username: string; password: string; generated: boolean } | null> {
    if ((await this.store.users.count()) > 0) return null;
    const generated = password === undefined;
    const pw = password ?? randomBytes(18).toString('base64url');
    await this.add({ username: FIRST_ADMIN, displayName: 'Administrator', role: 'admin', password: pw, mustChangePassword: generated }, 'first-run');
    return { username: FIRST_ADMIN, password: pw, generated };
  }
}
