import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthenticationError, ConflictError, DuplicateError, ValidationError } from '../../domain/index.js';
import { openStore, type Store } from '../../store/index.js';
import { CaseService } from '../cases/case-service.js';
import type { Clock } from '../deadlines/clock.js';
import { REVIEWERS } from '../../../test/case-fixtures.js';
import { UserService, tokenHash } from './user-service.js';

const LIGHT = { N: 2 ** 14, r: 8, p: 1 };
const PW = 'a sufficiently long password';

describe('users, passwords and sessions', () => {
  let store: Store;
  let now = '2024-05-01T10:00:00.000Z';
  const clock: Clock = { now: () => new Date(now) };
  let users: UserService;

  beforeEach(async () => {
    store = await openStore({ path: ':memory:' });
    users = new UserService(store, { clock, passwordCost: LIGHT, sessionTtlMs: 3600_000 });
    now = '2024-05-01T10:00:00.000Z';
  });
  afterEach(async () => store.close());

  it('bootstraps one admin on first run only, with a generated one-time password', async () => {
    const first = await users.bootstrapAdmin();
    expect(first).toMatchObject({ username: 'admin', generated: true });
    expect(first!.password.length).toBeGreaterThanOrEqual(20);
    expect(await users.bootstrapAdmin()).toBeNull();
    const s = await users.login('ADMIN', first!.password);
    expect(s.user).toMatchObject({ role: 'admin', mustChangePassword: true });
    expect(s.user).not.toHaveProperty('passwordHash');
  });

  it('validates new users by field: username, password length, role, and a reviewer link to a registered reviewer used once', async () => {
    const bad = await users.add({ username: '-x', role: 'boss', password: 'short' }, 'admin').catch((e) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).issues.map((i) => i.path.join('.')).sort()).toEqual(['password', 'role', 'username']);
    await expect(users.add({ username: 'rev1', role: 'reviewer', password: PW }, 'admin')).rejects.toThrow(/registry id/);
    await expect(users.add({ username: 'rev1', role: 'reviewer', reviewerId: 'R-002', password: PW }, 'admin')).rejects.toThrow(/no reviewer R-002/);
    await new CaseService(store, { clock }).addReviewer(REVIEWERS[1], 'admin');
    const rev = await users.add({ username: 'Rev1', role: 'reviewer', reviewerId: 'R-002', password: PW }, 'admin');
    expect(rev).toMatchObject({ username: 'rev1', reviewerId: 'R-002', mustChangePassword: true });
    await expect(users.add({ username: 'rev2', role: 'reviewer', reviewerId: 'R-002', password: PW }, 'admin')).rejects.toBeInstanceOf(DuplicateError);
    await expect(users.add({ username: 'rev1', role: 'analyst', password: PW }, 'admin')).rejects.toBeInstanceOf(DuplicateError);
    await expect(users.add({ username: 'ana', role: 'analyst', reviewerId: 'R-002', password: PW }, 'admin')).rejects.toThrow(/only a reviewer/);
  });

  it('opens sessions that expire, end on logout, and end when the password changes or the account is disabled', async () => {
    const admin = await users.add({ username: 'root', role: 'admin', password: PW, mustChangePassword: false }, 'first-run');
    const ana = await users.add({ username: 'ana', role: 'analyst', password: PW }, 'root');
    const s1 = await users.login('ana', PW);
    const s2 = await users.login('ana', PW);
    expect(s1.token).not.toBe(s2.token);
    expect(s1.expiresAt).toBe('2024-05-01T11:00:00.000Z');
    // Only the hash is stored.
    const rows = await store.db.selectFrom('sessions').selectAll().execute();
    expect(rows.map((r) => r.token_hash).sort()).toEqual([tokenHash(s1.token), tokenHash(s2.token)].sort());
    expect(JSON.stringify(rows)).not.toContain(s1.token);
    expect((await users.session(s1.token))?.user.username).toBe('ana');

    // Changing one's own password keeps the session it is done from and ends the others.
    await expect(users.changeOwnPassword(ana.id, 'wrong password here', 'another long password')).rejects.toThrow(/current password is wrong/);
    const changed = await users.changeOwnPassword(ana.id, PW, 'another long password', tokenHash(s1.token));
    expect(changed.mustChangePassword).toBe(false);
    expect(await users.session(s1.token)).not.toBeNull();
    expect(await users.session(s2.token)).toBeNull();
    await expect(users.login('ana', PW)).rejects.toBeInstanceOf(AuthenticationError);

    await users.logout(s1.token, 'ana');
    expect(await users.session(s1.token)).toBeNull();

    const s3 = await users.login('ana', 'another long password');
    now = '2024-05-01T11:00:00.001Z';
    expect(await users.session(s3.token)).toBeNull();
    now = '2024-05-01T10:30:00.000Z';
    const s4 = await users.login('ana', 'another long password');
    const current = await users.get(ana.id);
    await users.update(ana.id, { disabled: true }, current.version, 'root');
    expect(await users.session(s4.token)).toBeNull();
    await expect(users.login('ana', 'another long password')).rejects.toBeInstanceOf(AuthenticationError);
    // Stale version: refused.
    await expect(users.update(ana.id, { disabled: false }, current.version, 'root')).rejects.toBeInstanceOf(ConflictError);
    expect(admin.role).toBe('admin');
  });

  it('refuses to leave no enabled admin', async () => {
    const a = await users.add({ username: 'root', role: 'admin', password: PW }, 'first-run');
    await expect(users.update(a.id, { role: 'analyst' }, a.version, 'root')).rejects.toThrow(/last enabled admin/);
    await expect(users.update(a.id, { disabled: true }, a.version, 'root')).rejects.toThrow(/last enabled admin/);
    await users.add({ username: 'root2', role: 'admin', password: PW }, 'root');
    expect((await users.update(a.id, { role: 'coordinator' }, a.version, 'root2')).role).toBe('coordinator');
  });

  it('writes every user change, login and failed login to the audit trail, never a password or hash', async () => {
    const a = await users.add({ username: 'root', role: 'admin', password: PW }, 'first-run');
    await users.login('root', PW);
    await expect(users.login('root', 'not the password at all')).rejects.toBeInstanceOf(AuthenticationError);
    await expect(users.login('nobody', PW)).rejects.toBeInstanceOf(AuthenticationError);
    await users.resetPassword(a.id, 'a new password for root', 'root');
    const trail = await store.audit.list();
    expect(trail.map((e) => [e.actor, e.action])).toEqual([
      ['first-run', 'add-user'],
      ['root', 'login'],
      ['root', 'login-failed'],
      ['nobody', 'login-failed'],
      ['root', 'reset-password'],
    ]);
    expect(trail[3]!.after).toEqual({ username: 'nobody', reason: 'unknown user' });
    const text = JSON.stringify(trail);
    expect(text).not.toContain(PW);
    expect(text).not.toContain('scrypt$');
    expect(await store.audit.verify()).toBe(5);
  });
});
