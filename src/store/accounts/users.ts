import type { Kysely, Selectable } from 'kysely';
import { storableId } from '../ids.js';
import { ConflictError, DuplicateError, type Role, type User } from '../../domain/index.js';
import type { Database, UsersTable } from '../schema.js';
import { isUniqueViolation } from '../corpus/unique.js';

/** A user with the password hash, as only the user service sees it. */
export interface StoredUser extends User {
  passwordHash: string;
}

/** A user before it is first stored: the store assigns id and version. */
export type UserToInsert = Omit<StoredUser, 'id' | 'version'>;

function toRow(u: UserToInsert) {
  return {
    username: u.username,
    display_name: u.displayName,
    role: u.role,
    reviewer_id: u.reviewerId,
    password_hash: u.passwordHash,
    must_change_password: u.mustChangePassword ? 1 : 0,
    disabled: u.disabled ? 1 : 0,
    created_at: u.createdAt,
    updated_at: u.updatedAt,
  };
}

function fromRow(r: Selectable<UsersTable>): StoredUser {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    reviewerId: r.reviewer_id,
    passwordHash: r.password_hash,
    mustChangePassword: r.must_change_password === 1,
    disabled: r.disabled === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Users. Updates name the version they read, as cases do. */
export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores a new user at version 1; DuplicateError when the username is taken. */
  async insert(u: UserToInsert): Promise<StoredUser> {
    try {
      const row = await this.db.insertInto('users').values({ ...toRow(u), version: 1 }).returningAll().executeTakeFirstOrThrow();
      return fromRow(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateError(`user ${u.username}`);
      throw err;
    }
  }

  /** Writes `next` if the stored user is still at `expectedVersion`; ConflictError otherwise. */
  async update(next: StoredUser, expectedVersion: number): Promise<StoredUser> {
    const { id, version: _v, ...rest } = next;
    const res = await this.db
      .updateTable('users')
      .set({ ...toRow(rest), version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const current = await this.db.selectFrom('users').select('version').where('id', '=', id).executeTakeFirst();
      throw new ConflictError(`user ${next.username}`, expectedVersion, current?.version ?? null);
    }
    return { ...next, version: expectedVersion + 1 };
  }

  async get(id: number): Promise<StoredUser | null> {
    if (!storableId(id)) return null;
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  /** By login name (already lower-cased by the caller). */
  async getByUsername(username: string): Promise<StoredUser | null> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  /** Every user, by username. */
  async list(): Promise<StoredUser[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('username').execute()).map(fromRow);
  }

  /** Every user, by id (export). */
  async listById(): Promise<StoredUser[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('id').execute()).map(fromRow);
  }

  /** Stores a user exactly as exported: id, version and password hash kept (restore into an empty database). */
  async restore(u: StoredUser): Promise<void> {
    await this.db.insertInto('users').values({ ...toRow(u), id: u.id, version: u.version }).execute();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

/** A session as stored: the token itself is never kept. */
export interface StoredSession {
  id: number;
  tokenHash: string;
  userId: number;
  createdAt: string;
  expiresAt: string;
}

/** Signed-in sessions, keyed by the hash of their token. */
export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(s: Omit<StoredSession, 'id'>): Promise<StoredSession> {
    const row = await this.db
      .insertInto('sessions')
      .values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...s, id: row.id };
  }

  /** The unexpired session with this token hash and its user, in one query; null when none. */
  async find(tokenHash: string, now: string): Promise<{ session: StoredSession; user: StoredUser } | null> {
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .selectAll('u')
      .select(['s.id as session_id', 's.token_hash', 's.created_at as session_created_at', 's.expires_at'])
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return null;
    const { session_id, token_hash, session_created_at, expires_at, ...user } = row;
    return {
      session: { id: session_id, tokenHash: token_hash, userId: user.id, createdAt: session_created_at, expiresAt: expires_at },
      user: fromRow(user),
    };
  }

  /** Ends one session; true when it existed. */
  async delete(tokenHash: string): Promise<boolean> {
    const res = await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Ends every session of a user (password changed, account disabled), optionally keeping one. */
  async deleteForUser(userId: number, keepTokenHash?: string): Promise<number> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepTokenHash) q = q.where('token_hash', '<>', keepTokenHash);
    return Number((await q.executeTakeFirst()).numDeletedRows);
  }

  /** Removes sessions expired at `now`. */
  async deleteExpired(now: string): Promise<number> {
    return Number((await this.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()).numDeletedRows);
  }
}
