/**
 * Ids and version numbers the store can hold: PostgreSQL's `integer` is 32
 * bits, and comparing one with a larger number is an error there (a 500),
 * while SQLite simply finds nothing. Lookups by a number outside this range
 * answer "none" on both engines without asking the database.
 */
export const MAX_STORED_INT = 2 ** 31 - 1;

/** True for a whole number from 1 to MAX_STORED_INT. */
export function storableId(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1 && n <= MAX_STORED_INT;
}
