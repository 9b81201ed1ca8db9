/**
 * The case commands: case, decide, letter, reviewer, and the issue preview.
 */
export { actorOf, actorOption, printJson } from './case-io.js';
