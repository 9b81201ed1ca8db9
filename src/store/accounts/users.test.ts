import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, DuplicateError } from '../../domain/index.js';
import type { Store, UserToInsert } from '../index.js';
import { tempStore } from '../../../test/store-fixtures.js';

const AT = '2024-05-01T10:00:00.000Z';

function user(username: string, extra: Partial<UserToInsert> = {}): UserToInsert {
  return { username, displayName: username, role: 'analyst', reviewerId: null, passwordHash: 'scrypt$x', mustChangePassword: false, disabled: false, createdAt: AT, updatedAt: AT, ...extra };
}

describe('users and sessions in the store', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  // A fresh database on the engine of the test project (SQLite or PostgreSQL).
  beforeEach(async () => {
    ({ store, dispose } = await tempStore());
  });
  afterEach(async () => dispose());

  it('stores users with unique names and versioned updates', async () => {
    const a = await store.users.insert(user('alice'));
    expect(a).toMatchObject({ id: 1, version: 1, username: 'alice', disabled: false });
    await expect(store.users.insert(user('alice'))).rejects.toBeInstanceOf(DuplicateError);
    const b = await store.users.update({ ...a, role: 'coordinator' }, 1);
    expect(b.version).toBe(2);
    expect((await store.users.getByUsername('alice'))?.role).toBe('coordinator');
    // A write naming the version it read before someone else wrote is refused.
    await expect(store.users.update({ ...a, disabled: true }, 1)).rejects.toBeInstanceOf(ConflictError);
    expect((await store.users.get(a.id))?.disabled).toBe(false);
    expect(await store.users.count()).toBe(1);
  });

  it('rejects a role outside the list and a reviewer link to no registered reviewer', async () => {
    await expect(store.users.insert(user('mallory', { role: 'root' as never }))).rejects.toThrow(/CHECK/i);
    await expect(store.users.insert(user('rev', { role: 'reviewer', reviewerId: 'R-404' }))).rejects.toThrow(/FOREIGN KEY/i);
  });

  it('finds a session with its user only before it expires, and ends sessions by token, by user and by expiry', async () => {
    const a = await store.users.insert(user('alice'));
    const b = await store.users.insert(user('bob'));
    await store.sessions.insert({ tokenHash: 'h1', userId: a.id, createdAt: AT, expiresAt: '2024-05-01T18:00:00.000Z' });
    await store.sessions.insert({ tokenHash: 'h2', userId: a.id, createdAt: AT, expiresAt: '2024-05-01T18:00:00.000Z' });
    await store.sessions.insert({ tokenHash: 'h3', userId: b.id, createdAt: AT, expiresAt: '2024-05-01T11:00:00.000Z' });
    const found = await store.sessions.find('h1', '2024-05-01T12:00:00.000Z');
    expect(found?.user.username).toBe('alice');
    expect(found?.session.expiresAt).toBe('2024-05-01T18:00:00.000Z');
    expect(await store.sessions.find('h3', '2024-05-01T12:00:00.000Z')).toBeNull();
    expect(await store.sessions.find('nope', AT)).toBeNull();
    expect(await store.sessions.deleteForUser(a.id, 'h1')).toBe(1);
    expect(await store.sessions.find('h2', AT)).toBeNull();
    expect(await store.sessions.delete('h1')).toBe(true);
    expect(await store.sessions.delete('h1')).toBe(false);
    expect(await store.sessions.deleteExpired('2024-05-01T12:00:00.000Z')).toBe(1);
  });
});
