/**
 * What a new password must be: besides the length the Password schema
 * checks, hard to guess by the zxcvbn estimator (maintained lists of common
 * passwords, English words and names, keyboard patterns, dates, repeats and
 * l33t spellings), and never the username or the username with a little added.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { ValidationError } from '../../domain/index.js';

/**
 * zxcvbn's score runs 0-4; 3 is "safely unguessable: moderate protection
 * from an offline slow-hash scenario" (about 10^8 guesses or more), which
 * scrypt stored hashes are.
 */
export const MIN_PASSWORD_SCORE = 3;

/** Characters the estimator looks at: its cost grows with length, and a longer password is long enough anyway. */
const ESTIMATED_CHARS = 64;

let factory: ZxcvbnFactory | null = null;

/** Built on first use: loading the word lists takes a moment. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations });
  return factory;
}

/** Why `password` is too weak for `username`, or null when it is acceptable. */
export function passwordWeakness(password: string, username: string): string | null {
  const name = username.trim().toLowerCase();
  const pw = password.normalize('NFKC').toLowerCase();
  if (pw === name) return 'must not be the username';
  // The username is the first guess: what is left without it must be strong on its own.
  if (name.length >= 3 && pw.includes(name) && estimator().check(pw.split(name).join('').slice(0, ESTIMATED_CHARS)).score < MIN_PASSWORD_SCORE) return 'must not be the username with a little added';
  const result = estimator().check(password.slice(0, ESTIMATED_CHARS), [name, 'openimr', 'imr']);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0] ?? 'add more words or characters that do not follow a pattern';
  return `too easy to guess (${hint.replace(/\.$/, '')})`;
}

/** Throws ValidationError naming `field` when `password` is too weak for `username`. */
export function checkPasswordPolicy(password: string, username: string, field: string): void {
  const why = passwordWeakness(password, username);
  if (why) throw new ValidationError(`the ${field} is not acceptable: ${why}`, [{ path: [field], message: why }]);
}
