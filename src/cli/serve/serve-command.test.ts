import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServe } from './serve-command.js';
import { runCli as run } from '../../../test/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'imr-serve-'));
const db = join(dir, 'serve.db');
const LIGHT = { passwordCost: { N: 2 ** 14, r: 8, p: 1 } };


describe('imr serve', () => {
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const s of stops) await s();
  });

  it('on first run ingests the sample letters, creates an admin with a one-time password, and serves over loopback', async () => {
    const lines: string[] = [];
    const s = await startServe({ db, port: 0, host: '127.0.0.1', webRoot: null, out: (l) => lines.push(l), app: LIGHT });
    stops.push(s.stop);
    expect(await s.store.determinations.count()).toBe(70);
    const pwLine = lines.findIndex((l) => /one-time password/.test(l));
    expect(pwLine).toBeGreaterThan(-1);
    const password = lines[pwLine + 1]!.trim();
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(lines.join('\n')).toContain(`${s.server.url}/openapi.json`);

    const health = await fetch(`${s.server.url}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', version: expect.any(String) });
    const ui = await fetch(`${s.server.url}/cases/12`);
    expect(ui.status).toBe(503);
    expect(await ui.text()).toMatch(/web UI is not built/);
    expect(ui.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const doc = await (await fetch(`${s.server.url}/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');

    const login = await fetch(`${s.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: s.server.url }, body: JSON.stringify({ username: 'admin', password }) });
    expect(login.status).toBe(200);
    const session = (await login.json()) as { user: { mustChangePassword: boolean }; csrfToken: string };
    expect(session.user.mustChangePassword).toBe(true);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const users = await fetch(`${s.server.url}/api/users`, { headers: { cookie } });
    expect(users.status).toBe(403);
    const changed = await fetch(`${s.server.url}/api/auth/password`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, origin: s.server.url },
      body: JSON.stringify({ currentPassword: password, newPassword: 'the admin chose this one' }),
    });
    expect(changed.status).toBe(200);
    expect((await fetch(`${s.server.url}/api/users`, { headers: { cookie } })).status).toBe(200);

    await s.stop();
    await expect(fetch(`${s.server.url}/api/health`)).rejects.toThrow();
  });

  it('on a later run ingests nothing and creates no admin', async () => {
    const lines: string[] = [];
    const s = await startServe({ db, port: 0, host: '127.0.0.1', webRoot: null, out: (l) => lines.push(l), app: LIGHT });
    stops.push(s.stop);
    expect(lines.join('\n')).not.toMatch(/First run/);
    expect(await s.store.determinations.count()).toBe(70);
    expect(await s.store.users.count()).toBe(1);
    await s.stop();
  });

  it('serves the built UI, with index.html for the app routes and the API untouched', async () => {
    const web = join(dir, 'dist');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!DOCTYPE html><title>OpenIMR UI</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log("ui")');
    const s = await startServe({ db: join(dir, 'ui.db'), port: 0, host: '127.0.0.1', webRoot: web, samples: false, adminPassword: 'an admin password given', out: () => {}, app: LIGHT });
    stops.push(s.stop);
    const page = await fetch(`${s.server.url}/cases/CM16-0000001`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('OpenIMR UI');
    const js = await fetch(`${s.server.url}/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const api = await fetch(`${s.server.url}/api/cases`);
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const traversal = await fetch(`${s.server.url}/..%2f..%2fpackage.json`);
    expect(await traversal.text()).not.toContain('"dependencies"');
    await s.stop();
  });

  it('stops gracefully: a request in flight is answered before the server closes', async () => {
    // The sign-in handler reads the client's address before hashing the password: the stop begins while it hashes.
    let arrived!: () => void;
    const inHandler = new Promise<void>((resolve) => (arrived = resolve));
    const clientAddress = () => (arrived(), 'test');
    const s = await startServe({ db: join(dir, 'stop.db'), port: 0, host: '127.0.0.1', webRoot: null, samples: false, adminPassword: 'an admin password given', out: () => {}, app: { clientAddress } });
    stops.push(s.stop);
    const inFlight = fetch(`${s.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'an admin password given' }) });
    await inHandler;
    const stopped = s.stop();
    const res = await inFlight;
    expect(res.status).toBe(200);
    await stopped;
    await expect(fetch(`${s.server.url}/api/health`)).rejects.toThrow();
  });

  it('answers a PostgreSQL server it cannot reach, and a bad port, with a one-line error', async () => {
    const pg = await run('serve', '--db', 'postgres://imr:s3cret@localhost/imr?host=/nonexistent-imr-socket-dir');
    expect(pg.code).toBe(1);
    expect(pg.err).toMatch(/^error: .*cannot open store postgres:\/\/imr:\*\*\*@localhost/m);
    expect(pg.err).not.toMatch(/s3cret|\n\s+at /);
    const port = await run('serve', '--port', 'http', '--db', join(dir, 'x.db'));
    expect(port.code).toBe(2);
    expect(port.err).toMatch(/--port/);
  });
});

describe('imr serve --api-only', () => {
  it('serves the API without building or serving the web UI', async () => {
    const lines: string[] = [];
    const s = await startServe({ db: join(dir, 'api-only.db'), port: 0, host: '127.0.0.1', webRoot: null, samples: false, adminPassword: 'an admin password given', out: (l) => lines.push(l), app: LIGHT });
    try {
      expect(lines).toContain('  The web UI is not served (API only).');
      expect((await fetch(`${s.server.url}/api/health`)).status).toBe(200);
    } finally {
      await s.stop();
    }
  });
});

describe('imr serve --max-upload-mb', () => {
  it('takes an upload limit up to the most a letter may be, and refuses one above it', async () => {
    for (const bad of ['0', '11', 'ten']) {
      const r = await run('serve', '--max-upload-mb', bad, '--db', join(dir, 'x.db'));
      expect(r.code).toBe(2);
      expect(r.err).toBe(`error: --max-upload-mb: "${bad}" is not a whole number from 1 to 10\n`);
    }
  });
});

describe('imr user', () => {
  const udb = join(dir, 'users.db');

  it('adds users with a generated one-time password, lists them, and resets a password', async () => {
    const add = await run('user', 'add', 'Vera', '--role', 'coordinator', '--db', udb, '--actor', 'root');
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/created user vera \(coordinator\)/);
    expect(add.out).toMatch(/one-time password \(to be changed at first sign-in\): [\w-]{24}/);
    const list = await run('user', 'list', '--db', udb);
    expect(list.out).toMatch(/vera\s+coordinator\s+vera\s+must change password/);
    const json = JSON.parse((await run('user', 'list', '--db', udb, '--json')).out);
    expect(json[0]).not.toHaveProperty('passwordHash');
    const reset = await run('user', 'passwd', 'vera', '--db', udb);
    expect(reset.out).toMatch(/one-time password: [\w-]{24}/);
  });

  it('refuses a bad role, a reviewer without a registry entry, and an unknown user, naming the field', async () => {
    expect((await run('user', 'add', 'x1', '--role', 'root', '--db', udb)).code).toBe(2);
    const rev = await run('user', 'add', 'rev', '--role', 'reviewer', '--db', udb);
    expect(rev.code).toBe(1);
    expect(rev.err).toMatch(/reviewerId: required for role reviewer/);
    const missing = await run('user', 'passwd', 'ghost', '--db', udb);
    expect(missing.err).toMatch(/user ghost not found/);
  });
});
