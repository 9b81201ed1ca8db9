/**
 * Serving: serve, demo and its seed data, users, and building the web UI.
 */
export { DEMO_PASSWORD, seedDemo } from './demo-seed.js';
export { type Serving, startServe } from './serve-command.js';
export { ensureWebBuilt, WEB_DIR } from './web-build.js';
