/**
 * Builds the web UI (web/src) into web/dist, which `imr serve` serves.
 * Preact's JSX runtime; no inline scripts, so the server's Content-Security-Policy
 * (script-src 'self') holds.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The modulepreload polyfill would be an inline script, which the CSP refuses; every browser in use supports modulepreload.
    modulePreload: { polyfill: false },
    // pdf.js (about 400 kB, and its worker) loads only when a coordinator adds a PDF record, never with the app.
    chunkSizeWarningLimit: 420,
  },
  logLevel: 'warn',
});
