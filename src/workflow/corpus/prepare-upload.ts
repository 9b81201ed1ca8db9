/**
 * An uploaded letter made ready to store: read, parsed, redacted and
 * validated. The server runs it in its job pool (job-worker.ts), the command
 * line and tests on their own thread (letter-upload.ts): one definition, so
 * both store the same thing.
 */
import { formatIssues, LetterParseError } from '../../domain/index.js';
import { parseLetterText, readLetterBytes, type LetterFormat } from '../../letters/index.js';
import { redactDetermination, redactText } from '../../letters/deid/redact.js';
import { prepareLetter } from '../../store/index.js';
import type { PreparedUpload } from '../jobs/job-pool.js';

/**
 * Reads `bytes` as a letter of `format` named `name` (at most `maxPages`
 * pages when given) and prepares it for the store. Throws LetterParseError,
 * one line naming `name`, for what is not a readable, valid letter.
 */
export async function prepareUpload(bytes: Uint8Array, name: string, format: LetterFormat, maxPages?: number): Promise<PreparedUpload> {
  const file = await readLetterBytes(bytes, name, format, maxPages === undefined ? undefined : { maxPages });
  const parsed = parseLetterText(file.text, name);
  // Uploaded letters join the corpus every role may search, the public too: they are stored redacted,
  // the parsed letter as a whole and its original text (the content hash stays that of the file, so
  // the same file uploaded again is still found to be stored).
  const { determination } = redactDetermination(parsed, {});
  const original = redactText(file.text).text;
  const prepared = prepareLetter({ determination, original: { text: original, format: file.format } });
  if (!prepared.ok) throw new LetterParseError(name, `parsed letter is invalid: ${formatIssues(prepared.issues)}`);
  return { prepared: prepared.letter, format: file.format, caseNumber: determination.caseNumber, contentHash: determination.contentHash };
}
