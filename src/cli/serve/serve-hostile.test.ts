/**
 * `imr serve` as a real child process, attacked as the issue tried it: a
 * small PDF of millions of tiny text operations uploaded, 60 wrong sign-ins
 * at once, and 6 MB bodies of deeply nested JSON, all in flight together.
 * Throughout, /api/health answers within 2 s, and each hostile request gets
 * a clear refusal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kill, spawnImr, waitFor, type Child } from '../../../test/crash/harness.js';
import { manyTextOperationsPdf } from '../../../test/hostile-pdf.js';

const ADMIN_PASSWORD = 'tangerine orbit ladder seven';

describe('imr serve under a hostile load', () => {
  let dir: string;
  let child: Child;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'imr-hostile-'));
    child = spawnImr(['serve', '--api-only', '--no-samples', '--db', join(dir, 'serve.db'), '--port', '0', '--host', '127.0.0.1', '--admin-password', ADMIN_PASSWORD]);
    url = await waitFor('the server to listen', () => {
      if (child.process.exitCode !== null) throw new Error(`imr serve ended: ${child.stderr()}`);
      return child.lines.map((l) => /serving .* at (http:\/\/[\d.:]+)\//.exec(l)?.[1]).find(Boolean);
    });
  }, 120_000);
  afterAll(async () => {
    if (child) await kill(child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /api/health within 2 s throughout a hostile upload, 60 concurrent wrong sign-ins and 6 MB nested JSON bodies, refusing each clearly', async () => {
    const signIn = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    expect(signIn.status).toBe(200);
    const cookie = /imr_session=[^;]+/.exec(signIn.headers.get('set-cookie')!)![0];
    const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
    const admin = { cookie, 'x-csrf-token': csrf };

    let done = false;
    const health: number[] = [];
    const monitor = (async () => {
      while (!done) {
        const started = performance.now();
        const res = await fetch(`${url}/api/health`);
        await res.text();
        expect(res.status).toBe(200);
        health.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    const nested = '{"username":' + '['.repeat(3_000_000) + ']'.repeat(3_000_000) + '}';
    const answer = async (res: Promise<Response>) => {
      try {
        const r = await res;
        return { status: r.status, body: (await r.json()) as { error: string; code: string } };
      } catch (err) {
        // The server may answer and close before the client has sent all of a body it refused.
        return { status: 0, body: { error: String((err as Error).cause ?? err), code: 'CLOSED' } };
      }
    };
    const started = performance.now();
    const [upload, logins, nestedLogin, nestedAssess] = await Promise.all([
      answer(fetch(`${url}/api/letters?name=hostile.pdf`, { method: 'POST', headers: { ...admin, 'content-type': 'application/pdf' }, body: manyTextOperationsPdf() as Uint8Array<ArrayBuffer> })),
      Promise.all(Array.from({ length: 60 }, (_, i) => answer(fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: `wrong guess ${i}` }) })))),
      answer(fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: nested })),
      answer(fetch(`${url}/api/engine/assess`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: nested })),
    ]);
    const elapsed = performance.now() - started;
    done = true;
    await monitor;

    expect(upload.status).toBe(422);
    expect(upload.body.error).toMatch(/^hostile\.pdf: PDF has more than 200,000 text runs; a letter has a few thousand at most$|^reading hostile\.pdf was stopped: it went over the/);
    const statuses = logins.map((l) => l.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(55);
    expect(nestedLogin.status === 413 || nestedLogin.body.code === 'CLOSED').toBe(true);
    if (nestedLogin.status === 413) expect(nestedLogin.body.error).toBe('the request body is larger than 8 kB, the most this server accepts');
    expect(nestedAssess).toEqual({ status: 400, body: { error: 'the request body is nested deeper than 32 levels', code: 'VALIDATION', issues: [{ path: [], message: 'nested deeper than 32 levels' }] } });

    expect(health.length).toBeGreaterThan(Math.min(20, elapsed / 200));
    expect(Math.max(...health)).toBeLessThan(2_000);
    // Nothing of the hostile upload was stored.
    const letters = await fetch(`${url}/api/corpus/search?q=hostile`, { headers: admin });
    expect(((await letters.json()) as { total: number }).total).toBe(0);
  }, 180_000);
});
