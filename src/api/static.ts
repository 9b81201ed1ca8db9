/**
 * The web UI: the built single-page app in `web/dist`, with index.html for
 * every other non-API path (the app routes in the browser). When it has
 * not been built, a short page says so and how to build it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './context.js';

/** Scripts and styles from this site only; API calls to this site only; letters may be framed from it. */
export const UI_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const NOT_BUILT = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>OpenIMR</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5;padding:0 1rem}code{background:#f3f3f3;padding:.1rem .3rem}</style></head>
<body>
<h1>OpenIMR</h1>
<p>The web UI is not built, so there is nothing to show here yet.</p>
<p>Build it in the checkout with <code>npm run build:web</code> (or run <code>npm run demo</code>, which builds it), then restart <code>imr serve</code>.</p>
<p>The HTTP API is running: it is served under <a href="/api/health"><code>/api</code></a> and described by the OpenAPI document at <a href="/openapi.json"><code>/openapi.json</code></a>.</p>
</body>
</html>
`;

/** Serves the UI from `root` (or the not-built page) for GET requests outside /api. Register after the API routes. */
export function mountWebUi(app: Hono<AppEnv>, root: string | null): void {
  const built = root !== null && existsSync(join(root, 'index.html'));
  const isUi = (path: string) => !path.startsWith('/api/') && path !== '/api' && path !== '/openapi.json';
  app.use('*', async (c, next) => {
    await next();
    if (isUi(c.req.path) && c.res.headers.get('content-type')?.startsWith('text/html')) c.res.headers.set('Content-Security-Policy', UI_CSP);
  });
  if (built) {
    const files = serveStatic<AppEnv>({ root });
    app.use('*', async (c, next) => (isUi(c.req.path) ? files(c, next) : next()));
  }
  app.get('*', async (c, next) => {
    if (!isUi(c.req.path)) return next();
    const html = built ? await readFile(join(root, 'index.html'), 'utf8') : NOT_BUILT;
    return c.html(html, built ? 200 : 503, { 'Cache-Control': 'no-cache' });
  });
}
