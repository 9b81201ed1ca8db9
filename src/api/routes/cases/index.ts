/**
 * Case routes: case search and views, lifecycle actions and corrections, engine drafts, rendered letters.
 */
export { registerCaseActionRoutes } from './case-actions.js';
export { registerCaseSearchRoute } from './case-search.js';
export { registerCaseRoutes } from './cases.js';
export { registerEngineRoutes } from './engine.js';
export { LETTER_RESPONSES, letterResponse } from './render.js';
