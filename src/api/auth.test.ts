import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, testApi, type TestApi } from '../../test/api-fixtures.js';

describe('sign-in, sessions and CSRF', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await testApi();
  });
  afterAll(async () => t.close());

  it('signs in with an HttpOnly SameSite cookie holding a token the store keeps only as a hash', async () => {
    const c = t.anonymous();
    const res = await c.login('Cora');
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ username: 'cora', role: 'coordinator' });
    expect(res.json.user.passwordHash).toBeUndefined();
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^imr_session=[\w-]{43}; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Strict$/);
    const token = /imr_session=([\w-]+)/.exec(cookie)![1]!;
    const rows = await t.store.db.selectFrom('sessions').select('token_hash').execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    const session = await c.get('/api/auth/session');
    expect(session.status).toBe(200);
    expect(session.json.csrfToken).toBe(res.json.csrfToken);
    expect(session.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses wrong credentials alike for an unknown user and a wrong password, and never says which', async () => {
    const c = t.anonymous();
    const unknown = await c.post('/api/auth/login', { username: 'nobody', password: PASSWORD });
    const wrong = await c.post('/api/auth/login', { username: 'ana', password: 'not the password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
    expect(unknown.json).toEqual({ error: 'wrong username or password', code: 'UNAUTHENTICATED', issues: [] });
  });

  it('answers 401 without a session and after logout, and the old cookie no longer works', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/cases')).status).toBe(401);
    const c = await t.as('ana');
    const stolen = c.cookie;
    expect((await c.get('/api/corpus/search?q=baclofen')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect(c.cookie).toBeNull();
    const replay = t.anonymous();
    replay.cookie = stolen;
    const res = await replay.get('/api/corpus/search?q=baclofen');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toMatch(/imr_session=;.*Max-Age=0/);
  });

  it('replaces the session of a browser that signs in again', async () => {
    const c = await t.as('ana');
    const first = c.cookie;
    c.csrf = null;
    expect((await c.login('ana')).status).toBe(200);
    expect(c.cookie).not.toBe(first);
    const old = t.anonymous();
    old.cookie = first;
    expect((await old.get('/api/auth/session')).status).toBe(401);
    expect((await c.get('/api/auth/session')).status).toBe(200);
  });

  it('ends a session when it expires', async () => {
    const c = await t.as('ana');
    t.setNow('2017-01-04T17:00:01Z');
    try {
      expect((await c.get('/api/corpus/search?q=mri')).status).toBe(401);
    } finally {
      t.setNow('2016-12-05T17:00:00Z');
    }
  });

  it('refuses a write made with the session cookie but without the CSRF token, or from another origin', async () => {
    const c = await t.as('admin');
    const body = { username: 'newbie', role: 'analyst', password: 'a long enough password' };
    const noToken = await c.post('/api/users', body, { 'x-csrf-token': '' });
    expect(noToken.status).toBe(403);
    expect(noToken.json.code).toBe('CSRF');
    const wrongToken = await c.post('/api/users', body, { 'x-csrf-token': 'A'.repeat(43) });
    expect(wrongToken.json.code).toBe('CSRF');
    const foreign = await c.post('/api/users', body, { origin: 'https://evil.example' });
    expect(foreign.json.code).toBe('CSRF');
    const crossSite = await c.post('/api/users', body, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.json.code).toBe('CSRF');
    // A form post (what a foreign page can send without a preflight) is not JSON.
    const form = await c.request('POST', '/api/users', 'username=newbie&role=admin', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(await t.store.users.getByUsername('newbie')).toBeNull();
    // The same request from this site's page, with the token, goes through.
    const ok = await c.post('/api/users', body, { origin: 'http://localhost', host: 'localhost' });
    expect(ok.status).toBe(201);
  });

  it('makes a user with a one-time password change it before anything else, then ends their other sessions', async () => {
    const admin = await t.as('admin');
    const created = await admin.post('/api/users', { username: 'fresh', role: 'analyst', password: 'first password given' });
    expect(created.json.mustChangePassword).toBe(true);
    const a = t.anonymous();
    await a.login('fresh', 'first password given');
    const b = t.anonymous();
    await b.login('fresh', 'first password given');
    const blocked = await a.get('/api/corpus/search?q=mri');
    expect(blocked.status).toBe(403);
    expect(blocked.json.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const short = await a.post('/api/auth/password', { currentPassword: 'first password given', newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.json.issues).toEqual([{ path: ['newPassword'], message: 'at least 12 characters' }]);
    const changed = await a.post('/api/auth/password', { currentPassword: 'first password given', newPassword: 'my own long password' });
    expect(changed.status).toBe(200);
    expect(changed.json.user.mustChangePassword).toBe(false);
    expect((await a.get('/api/corpus/search?q=mri')).status).toBe(200);
    expect((await b.get('/api/auth/session')).status).toBe(401);
  });

  it('limits failed sign-ins per account with 429 and Retry-After, even for the right password, then lets the user in after the window', async () => {
    const throttled = await testApi({ loginThrottle: { perAccount: { max: 3, windowMs: 60_000 }, perAddress: { max: 100, windowMs: 60_000 }, now: () => clock } });
    let clock = 1_000_000;
    try {
      const c = throttled.anonymous();
      for (let i = 0; i < 3; i++) expect((await c.post('/api/auth/login', { username: 'ana', password: `guess ${i}` })).status).toBe(401);
      const limited = await c.post('/api/auth/login', { username: 'ana', password: PASSWORD });
      expect(limited.status).toBe(429);
      expect(limited.json.code).toBe('RATE_LIMITED');
      expect(limited.headers.get('retry-after')).toBe('60');
      // Another account from the same address is not locked.
      expect((await c.login('cora')).status).toBe(200);
      clock += 60_001;
      expect((await c.login('ana')).status).toBe(200);
    } finally {
      await throttled.close();
    }
  });

  it('limits failed sign-ins per address across accounts', async () => {
    const throttled = await testApi({ loginThrottle: { perAccount: { max: 100, windowMs: 60_000 }, perAddress: { max: 4, windowMs: 60_000 } }, clientAddress: () => '203.0.113.7' });
    try {
      const c = throttled.anonymous();
      for (const u of ['ana', 'cora', 'rita', 'otto']) expect((await c.post('/api/auth/login', { username: u, password: 'wrong password' })).status).toBe(401);
      const limited = await c.login('pub');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await throttled.close();
    }
  });
});
