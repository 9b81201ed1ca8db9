/**
 * The formats a letter comes in and is rendered to: plain text, Markdown,
 * HTML and PDF. The reader, the store's column, the renderer, the CLI, the
 * API and the web UI all take their lists from here. It imports nothing, so
 * the web UI uses it too; the type and zod schema `LetterFormat` are in
 * determination.ts.
 */
export const LETTER_FORMATS = ['txt', 'md', 'html', 'pdf'] as const;
type LetterFormat = (typeof LETTER_FORMATS)[number];

/** File name extensions of each format (lower case, with the dot). */
export const LETTER_EXTENSIONS: Readonly<Record<LetterFormat, readonly string[]>> = {
  txt: ['.txt'],
  md: ['.md', '.markdown'],
  html: ['.html', '.htm'],
  pdf: ['.pdf'],
};

/** The media type of each format, as an upload declares it. */
export const LETTER_MEDIA_TYPES: Readonly<Record<LetterFormat, string>> = {
  txt: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  pdf: 'application/pdf',
};

/** The format of a file name's extension, or null when no letter format has it. */
export function letterFormatOfName(name: string): LetterFormat | null {
  const lower = name.toLowerCase();
  return LETTER_FORMATS.find((f) => LETTER_EXTENSIONS[f].some((ext) => lower.endsWith(ext))) ?? null;
}

/** Whether `s` names a letter format. */
export function isLetterFormat(s: string): s is LetterFormat {
  return (LETTER_FORMATS as readonly string[]).includes(s);
}
