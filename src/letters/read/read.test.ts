import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LetterParseError } from '../../domain/index.js';
import { DWC_PDF, DWC_TXT } from '../../../test/sample-letters.js';
import { parseLetterFile, readLetterBytes, readLetterFile } from '../index.js';

const dir = mkdtempSync(join(tmpdir(), 'imr-read-'));
const realPdf = readFileSync(join(DWC_PDF, 'CM16-0246487.pdf'));

function write(name: string, data: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

async function errorOf(p: Promise<unknown>): Promise<LetterParseError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(LetterParseError);
    const e = err as LetterParseError;
    // One line, naming the file.
    expect(e.message).not.toMatch(/\n/);
    return e;
  }
  throw new Error('expected a LetterParseError');
}

describe('reading letter files', () => {
  it('reads an encrypted published PDF with the empty password', async () => {
    const f = await readLetterFile(join(DWC_PDF, 'CM16-0246487.pdf'));
    expect(f.format).toBe('pdf');
    expect(f.text).toContain('Case Number: CM16-0246487');
  });

  it('refuses an empty file', async () => {
    const e = await errorOf(readLetterFile(write('empty.txt', '')));
    expect(e.message).toMatch(/empty\.txt: empty file/);
  });

  it('refuses a corrupt PDF (a real one cut in half)', async () => {
    const e = await errorOf(parseLetterFile(write('cut.pdf', realPdf.subarray(0, realPdf.length / 2))));
    expect(e.message).toMatch(/cut\.pdf: /);
  });

  it('refuses a PDF whose bytes were scrambled', async () => {
    const junk = Buffer.from(realPdf);
    for (let i = 400; i < junk.length; i += 7) junk[i] = (junk[i]! * 31 + 7) & 0xff;
    const e = await errorOf(parseLetterFile(write('scrambled.pdf', junk)));
    expect(e.file).toMatch(/scrambled\.pdf$/);
  });

  it('drops stray NUL characters from a letter (they cannot be stored in PostgreSQL text) and parses it as without them', async () => {
    const text = readFileSync(join(DWC_TXT, 'CM16-0246487.txt'), 'utf8');
    const at = text.indexOf('\n', 2000);
    const file = await readLetterFile(write('nul.txt', `${text.slice(0, at)}\u0000\u0000${text.slice(at)}`));
    expect(file.text).toBe(text);
    const [withNul, clean] = [await parseLetterFile(join(dir, 'nul.txt')), await parseLetterFile(join(DWC_TXT, 'CM16-0246487.txt'))];
    expect({ ...withNul.determination, source: '' }).toEqual({ ...clean.determination, source: '' });
  });

  it('refuses binary junk', async () => {
    const bytes = new Uint8Array(5000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    const e = await errorOf(readLetterFile(write('junk.txt', bytes)));
    expect(e.message).toMatch(/junk\.txt: binary file/);
  });

  it('refuses text that is not UTF-8, saying where', async () => {
    const latin1 = Buffer.from('CLINICAL CASE SUMMARY\nThe patient\u00e9s pain\n', 'latin1');
    const e = await errorOf(readLetterFile(write('latin1.txt', latin1)));
    expect(e.message).toMatch(/latin1\.txt: text is not valid UTF-8 \(bad byte 0xe9 at offset \d+\)/);
  });

  it('refuses a 50 MB file without reading it', async () => {
    const p = join(dir, 'huge.txt');
    writeFileSync(p, Buffer.alloc(50 * 1024 * 1024, 0x61));
    const e = await errorOf(readLetterFile(p));
    expect(e.message).toMatch(/huge\.txt: file is 50\.0 MB; a letter is at most 10 MB/);
  });

  it('reports a missing file', async () => {
    const e = await errorOf(readLetterFile(join(dir, 'nope.txt')));
    expect(e.message).toMatch(/nope\.txt: cannot read file \(ENOENT\)/);
  });

  it('reads UTF-16 text with a byte-order mark', async () => {
    const text = readFileSync(join(DWC_TXT, 'CM16-0246487.txt'), 'utf8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const f = await readLetterBytes(utf16, 'utf16.txt');
    expect(f.text).toContain('CM16-0246487');
  });

  it('drops NUL characters from letter text (PostgreSQL can store no text holding one)', async () => {
    const text = readFileSync(join(DWC_TXT, 'CM16-0246487.txt'), 'utf8');
    const withNul = Buffer.from(text.replace('CLINICAL CASE SUMMARY', 'CLINICAL\u0000 CASE SUMMARY\u0000'));
    const f = await readLetterBytes(withNul, 'nul.txt');
    expect(f.text).toBe(text.replace('CLINICAL CASE SUMMARY', 'CLINICAL CASE SUMMARY'));
    expect(f.text).not.toContain('\u0000');
  });

  it('takes the declared format of bytes in memory over the name, reads a PDF as one whatever was declared, and refuses a declared PDF that is not one', async () => {
    const text = Buffer.from(readFileSync(join(DWC_TXT, 'CM16-0246487.txt'), 'utf8'));
    expect((await readLetterBytes(text, 'letter.txt', 'html')).format).toBe('html');
    expect((await readLetterBytes(text, 'letter.html', 'txt')).format).toBe('txt');
    expect((await readLetterBytes(text, 'letter.html')).format).toBe('html');
    const pdf = await readLetterBytes(realPdf, 'letter.txt', 'md');
    expect(pdf.format).toBe('pdf');
    expect(pdf.text).toContain('CM16-0246487');
    const e = await errorOf(readLetterBytes(text, 'letter.pdf', 'pdf'));
    expect(e.message).toBe('letter.pdf: not a PDF: the file does not begin with %PDF-');
  });
});
