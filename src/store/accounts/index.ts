/**
 * User accounts and sessions as stored.
 */
export { SessionRepository, type StoredSession, type StoredUser, UserRepository, type UserToInsert } from './users.js';
