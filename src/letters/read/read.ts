import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { LetterParseError, letterFormatOfName, type LetterFormat } from '../../domain/index.js';
import { extractPdfText, type PdfLimits } from './pdf.js';

/** Letters are a few pages; anything far larger is not a letter and is refused before it is read. */
export const MAX_LETTER_BYTES = 10 * 1024 * 1024;

export type { LetterFormat };

/** A letter file read into text. */
export interface LetterFile {
  path: string;
  format: LetterFormat;
  text: string;
  bytes: number;
}

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
export function invalidUtf8Offset(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n = 0;
    if (c < 0x80) { i++; continue; }
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes letter bytes as text: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused. */
export function decodeText(bytes: Uint8Array, source: string): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample[i]!;
    if (c < 9 || (c > 13 && c < 32 && c !== 27)) control++;
  }
  if (sample.length && control / sample.length > 0.05) throw new LetterParseError(source, 'binary file, not a text or PDF letter');
  try {
    // The native decoder validates; the byte scan only runs to say where it failed.
    return UTF8.decode(bytes);
  } catch {
    const bad = invalidUtf8Offset(bytes);
    if (bad >= 0) throw new LetterParseError(source, `text is not valid UTF-8 (bad byte 0x${bytes[bad]!.toString(16)} at offset ${bad}); save the file as UTF-8`);
    throw new LetterParseError(source, 'text is not valid UTF-8; save the file as UTF-8');
  }
}

function formatOf(path: string, bytes: Uint8Array, text?: string): LetterFormat {
  if (bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-') return 'pdf';
  const named = letterFormatOfName(extname(path));
  if (named === 'md' || named === 'html') return named;
  if (text && /<b>\s*Case Number/i.test(text)) return 'md';
  return 'txt';
}

/**
 * A letter's text without NUL characters. They mean nothing in a letter (a
 * few stray ones come from damaged files and some PDF extractions; a file
 * of them is refused as binary before this), and PostgreSQL cannot store
 * them in text: dropped here, a letter reads and stores the same on every
 * engine.
 */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

/**
 * Reads letter bytes that are already in memory (uploads, tests). `declared`
 * is the format the sender named (an upload's Content-Type): it decides
 * between text, Markdown and HTML instead of the name's ending; bytes that
 * are a PDF are read as one whatever was declared (as a file named .txt
 * would be), and a declared PDF that is not one is refused.
 */
export async function readLetterBytes(bytes: Uint8Array, path: string, declared?: LetterFormat, limits: PdfLimits = {}): Promise<LetterFile> {
  if (bytes.length === 0) throw new LetterParseError(path, 'empty file');
  if (bytes.length > MAX_LETTER_BYTES) {
    throw new LetterParseError(path, `file is ${(bytes.length / 1048576).toFixed(1)} MB; a letter is at most ${MAX_LETTER_BYTES / 1048576} MB`);
  }
  if (formatOf(path, bytes) === 'pdf') return { path, format: 'pdf', text: withoutNul(await extractPdfText(bytes, path, limits)), bytes: bytes.length };
  if (declared === 'pdf') throw new LetterParseError(path, 'not a PDF: the file does not begin with %PDF-');
  const text = withoutNul(decodeText(bytes, path));
  return { path, format: declared ?? formatOf(path, bytes, text), text, bytes: bytes.length };
}

function checkFile(path: string, st: { isFile(): boolean; size: number }): void {
  if (!st.isFile()) throw new LetterParseError(path, 'not a regular file');
  if (st.size > MAX_LETTER_BYTES) {
    throw new LetterParseError(path, `file is ${(st.size / 1048576).toFixed(1)} MB; a letter is at most ${MAX_LETTER_BYTES / 1048576} MB`);
  }
}

function unreadable(path: string, err: unknown): LetterParseError {
  if (err instanceof LetterParseError) return err;
  return new LetterParseError(path, `cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
}

/** Reads a letter file (text, Markdown, HTML or PDF) into text, refusing oversized and non-text files with a clear error. */
export async function readLetterFile(path: string): Promise<LetterFile> {
  let bytes: Uint8Array;
  try {
    checkFile(path, await stat(path));
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    throw unreadable(path, err);
  }
  return readLetterBytes(bytes, path);
}

/**
 * The bytes of a letter file, read synchronously, with the same checks and
 * errors as readLetterFile. For worker threads, where blocking is free and
 * each asynchronous file operation would cost a round trip.
 */
export function loadLetterBytesSync(path: string): Uint8Array {
  try {
    checkFile(path, statSync(path));
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    throw unreadable(path, err);
  }
}
