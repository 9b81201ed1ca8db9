import { LETTER_EXTENSIONS, LETTER_FORMATS } from '../domain/index.js';
import { collectLetterFiles } from '../letters/index.js';
import { UsageError } from './errors.js';
import { printable } from './output.js';

const endings = LETTER_FORMATS.flatMap((f) => LETTER_EXTENSIONS[f]);
/** ".txt, .md, ... and .pdf" */
const ENDINGS = `${endings.slice(0, -1).join(', ')} and ${endings[endings.length - 1]}`;

/**
 * The letter files named or found under the paths given; a UsageError when
 * there are none (a directory with no letter in it, usually the wrong one),
 * rather than a run that does nothing and says so quietly.
 */
export async function letterFiles(paths: readonly string[]): Promise<string[]> {
  const files = collectLetterFiles(paths);
  if (files.length === 0) {
    throw new UsageError(`no letter files in ${paths.map((p) => printable(p)).join(', ')} (looked for ${ENDINGS} files)`);
  }
  return files;
}
