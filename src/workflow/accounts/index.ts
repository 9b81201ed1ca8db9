/**
 * Users, passwords and their policy, sessions: the accounts service.
 */
export { type ScryptCost } from './passwords.js';
export { tokenHash, UserService } from './user-service.js';
