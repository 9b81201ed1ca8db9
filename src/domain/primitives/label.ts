import { z } from 'zod';

/**
 * A name or short label a person types (a reviewer's or user's name): one
 * line of printable text. Control characters (tabs, newlines, NUL) are never
 * part of a name, and NUL cannot be stored in PostgreSQL text at all.
 */
export function label(max = 200) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'one line of text without control characters');
}
