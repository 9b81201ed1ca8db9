import type { Determination } from '../domain/index.js';
import { parseLetterText } from './parse.js';
import { readLetterFile, type LetterFile } from './read/index.js';

export { parseLetterText, contentHash } from './parse.js';
export { readLetterFile, readLetterBytes, loadLetterBytesSync, withoutNul, MAX_LETTER_BYTES, type LetterFile, type LetterFormat } from './read/index.js';
export { collectLetterFiles, countLetterFiles, walkLetterFiles } from './read/index.js';
export { MAX_PDF_PAGES, MAX_PDF_TEXT_ITEMS, type PdfLimits } from './read/index.js';

/** A letter file read and parsed. */
export interface ParsedLetterFile {
  file: LetterFile;
  determination: Determination;
}

/** Reads and parses one letter file; throws LetterParseError naming the file and the reason. */
export async function parseLetterFile(path: string): Promise<ParsedLetterFile> {
  const file = await readLetterFile(path);
  return { file, determination: parseLetterText(file.text, path) };
}
