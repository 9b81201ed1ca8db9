import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi, type TestClient } from '../../test/api-fixtures.js';

describe('users, reviewers and the audit trail over HTTP', () => {
  let t: TestApi;
  let admin: TestClient;
  let cora: TestClient;
  beforeAll(async () => {
    t = await testApi();
    [admin, cora] = await Promise.all([t.as('admin'), t.as('cora')]);
  });
  afterAll(async () => t.close());

  it('lets only admins manage users, with versions, and audits each change under the admin', async () => {
    expect((await cora.get('/api/users')).status).toBe(403);
    const list = await admin.get('/api/users?limit=3');
    expect(list.json).toMatchObject({ total: 6, limit: 3, nextOffset: 3 });
    expect(JSON.stringify(list.json)).not.toMatch(/scrypt|passwordHash/);
    const created = await admin.post('/api/users', { username: 'Vera', role: 'coordinator', password: 'a long enough password' });
    expect(created.status).toBe(201);
    const id = created.json.id;
    const dup = await admin.post('/api/users', { username: 'vera', role: 'analyst', password: 'a long enough password' });
    expect(dup.status).toBe(409);
    const changed = await admin.patch(`/api/users/${id}`, { version: 1, role: 'analyst' });
    expect(changed.json).toMatchObject({ role: 'analyst', version: 2 });
    const stale = await admin.patch(`/api/users/${id}`, { version: 1, disabled: true });
    expect(stale.status).toBe(409);
    const reset = await admin.put(`/api/users/${id}/password`, { password: 'short' });
    expect(reset.status).toBe(400);
    expect(reset.json.issues[0].path).toEqual(['password']);
    expect((await admin.put(`/api/users/${id}/password`, { password: 'another long password' })).json.mustChangePassword).toBe(true);
    const trail = await admin.get('/api/audit?limit=200');
    const mine = trail.json.items.filter((e: { actor: string; after: { username?: string } | null }) => e.actor === 'admin' && e.after?.username === 'vera');
    expect(mine.map((e: { action: string }) => e.action)).toEqual(['add-user', 'update-user', 'reset-password']);
    expect(JSON.stringify(trail.json)).not.toContain('another long password');
  });

  it('keeps the reviewer registry to coordinators and admins, audited', async () => {
    expect((await (await t.as('rita')).get('/api/reviewers')).status).toBe(403);
    const added = await cora.post('/api/reviewers', { id: 'R-100', name: 'Dr. New', boardCertifications: ['Neurology'], licensureStates: ['CA'], yearsInPractice: 8, hoursPerWeek: 30 });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ available: true, ties: [] });
    const bad = await cora.post('/api/reviewers', { id: 'R 101', name: '', boardCertifications: [], licensureStates: ['California'], yearsInPractice: 8, hoursPerWeek: 30 });
    expect(bad.json.issues.map((i: { path: unknown[] }) => i.path.join('.')).sort()).toEqual(['boardCertifications', 'id', 'licensureStates.0', 'name']);
    const off = await cora.patch('/api/reviewers/R-100', { available: false });
    expect(off.json.available).toBe(false);
    expect((await cora.get('/api/reviewers/R-404')).status).toBe(404);
    const trail = (await admin.get('/api/audit?limit=200')).json.items.filter((e: { actor: string }) => e.actor === 'cora');
    expect(trail.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['add-reviewer', 'update-reviewer']));
  });

  it('links a reviewer account to a registered reviewer, used once', async () => {
    const noLink = await admin.post('/api/users', { username: 'rev9', role: 'reviewer', password: 'a long enough password' });
    expect(noLink.status).toBe(400);
    expect(noLink.json.issues[0].path).toEqual(['reviewerId']);
    const taken = await admin.post('/api/users', { username: 'rev9', role: 'reviewer', reviewerId: 'R-002', password: 'a long enough password' });
    expect(taken.status).toBe(409);
  });
});
