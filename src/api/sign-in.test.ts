import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, testApi, type TestApi } from '../../test/api-fixtures.js';

/** Sign-in under concurrency, password changes and the password policy, over the real app and store. */
describe('sign-in under concurrency, and the password policy', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await testApi();
  });
  afterAll(async () => t.close());

  const failedLogins = async (username: string) => (await t.store.audit.list()).filter((e) => e.action === 'login-failed' && (e.after as { username: string }).username === username).length;

  it('60 concurrent guesses against one account: at most the allowed 5 are evaluated, and the right password among the rest does not get in', async () => {
    const c = t.anonymous();
    const guesses = Array.from({ length: 60 }, (_, i) => (i === 40 ? PASSWORD : `wrong guess number ${i}`));
    const answers = await Promise.all(guesses.map((password) => c.post('/api/auth/login', { username: 'ana', password })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(55);
    expect(answers[40]!.status).toBe(429);
    expect(answers.find((a) => a.status === 429)!.json.error).toMatch(/^too many sign-in attempts; try again in \d+ s$/);
    expect(await failedLogins('ana')).toBe(5);
  });

  it('throttles password changes: each proves the current password, so each is a guess', async () => {
    const c = await t.as('cora');
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push((await c.post('/api/auth/password', { currentPassword: `not it ${i}`, newPassword: 'a brand new passphrase here' })).status);
    expect(answers).toEqual([400, 400, 400, 400, 400, 429, 429]);
  });

  it('refuses a password that is common, a pattern or built on the username, naming the field', async () => {
    const admin = await t.as('admin');
    const weak = [
      ['password1234', /too easy to guess/],
      ['qwertyuiopasdf', /too easy to guess/],
      ['aaaaaaaaaaaaaaaa', /too easy to guess/],
      ['newclerk-2024!!', /must not be the username with a little added/],
      ['NewClerk', /at least 12 characters|must not be the username/],
    ] as const;
    for (const [password, why] of weak) {
      const res = await admin.post('/api/users', { username: 'newclerk', role: 'analyst', password });
      expect(res.status, password).toBe(400);
      expect(res.json.issues[0].path).toEqual(['password']);
      expect(res.json.issues[0].message).toMatch(why);
      expect(res.json.error).not.toContain('\n');
    }
    expect((await t.store.users.getByUsername('newclerk'))).toBeNull();
    expect((await admin.post('/api/users', { username: 'newclerk', role: 'analyst', password: 'tangerine orbit ladder seven' })).status).toBe(201);
  });
});

describe('request limits before signing in', () => {
  it('refuses a 6 MB deeply nested JSON body on the sign-in route at its small limit, and a deeply nested body elsewhere by its depth, each on one line', async () => {
    const t = await testApi();
    try {
      const c = t.anonymous();
      const nested = '{"username":' + '['.repeat(3_000_000) + ']'.repeat(3_000_000) + '}';
      const big = await c.request('POST', '/api/auth/login', nested);
      expect(big.status).toBe(413);
      expect(big.json).toEqual({ error: 'the request body is larger than 8 kB, the most this server accepts', code: 'PAYLOAD_TOO_LARGE', issues: [] });
      const admin = await t.as('admin');
      const started = Date.now();
      const deep = await admin.request('POST', '/api/engine/assess', nested);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(deep.status).toBe(400);
      expect(deep.json.error).toBe('the request body is nested deeper than 32 levels');
    } finally {
      await t.close();
    }
  });

  it('limits requests without a session per address, never /api/health, and not a signed-in user', async () => {
    const t = await testApi({ publicRateLimit: { max: 5, windowMs: 60_000 }, publicAccess: true });
    try {
      const ana = await t.as('ana');
      const anon = t.anonymous();
      const statuses = [];
      for (let i = 0; i < 7; i++) statuses.push((await anon.get('/api/published')).status);
      // The sign-in above was one of the address's five.
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429]);
      const limited = await anon.get('/api/published');
      expect(limited.json.error).toMatch(/^too many requests without signing in; try again in \d+ s$/);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await anon.get('/api/health')).status).toBe(200);
      for (let i = 0; i < 7; i++) expect((await ana.get('/api/corpus/search?q=mri')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
