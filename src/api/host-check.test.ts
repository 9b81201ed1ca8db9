import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../../test/api-fixtures.js';
import { createApp } from './app.js';

describe('the Host header (DNS rebinding)', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await testApi();
  });
  afterAll(async () => t.close());

  it('answers only for IP addresses, localhost and the names it was told it serves; any other name gets 421 on one line', async () => {
    const c = t.anonymous();
    for (const host of ['127.0.0.1:8080', 'localhost:8080', 'LOCALHOST', '[::1]:8080', '10.1.2.3']) expect((await c.get('/api/health', { host })).status, host).toBe(200);
    for (const host of ['evil.example', 'attacker.test:8080', 'localhost.evil.example', '127.0.0.1.nip.io']) {
      const res = await c.get('/api/health', { host });
      expect(res.status, host).toBe(421);
      expect(res.json).toEqual({ error: `this server does not answer for the host ${host}; start it with --allowed-host for a name it should serve`, code: 'MISDIRECTED', issues: [] });
    }
    // The web UI's pages too, not only the API.
    expect((await c.get('/', { host: 'evil.example' })).status).toBe(421);
    const named = createApp({ store: t.store, allowedHosts: ['imr.example.org'], allowedOrigins: ['https://ui.example.org'] });
    try {
      for (const host of ['imr.example.org', 'IMR.example.org:443', 'ui.example.org']) expect((await named.app.request('/api/health', { headers: { host } })).status, host).toBe(200);
      expect((await named.app.request('/api/health', { headers: { host: 'other.example.org' } })).status).toBe(421);
    } finally {
      await named.close();
    }
  });
});
