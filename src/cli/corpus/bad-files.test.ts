/**
 * Bad letter files, as a user meets them through `imr parse` and `imr
 * ingest`: each is refused with one line naming the file and the reason (no
 * stack trace), the other files of the run go on, and nothing of a refused
 * letter is stored. Rows of docs/bad-input.md.
 */
import { copyFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DWC_PDF, sampleLetters } from '../../../test/sample-letters.js';
import { runCli, type CliRun } from '../../../test/run-cli.js';
import { openStore } from '../../store/index.js';
import { ingestTexts } from '../../workflow/corpus/index.js';

let dir: string;
const realText = () => readFileSync(sampleLetters()[3]!.path, 'utf8');
const realPdf = () => readFileSync(join(DWC_PDF, 'CM16-0246487.pdf'));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'imr-bad-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, data: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

/** A one-line error, no stack trace, exit status 1. */
function refusedWith(r: CliRun, message: string | RegExp): void {
  expect(r.code).toBe(1);
  const errors = r.err.split('\n').filter((l) => l.startsWith('error: '));
  expect(errors, r.err).toHaveLength(1);
  if (typeof message === 'string') expect(errors[0]).toBe(`error: ${message}`);
  else expect(errors[0]).toMatch(message);
  expect(r.err).not.toMatch(/\n\s+at /);
}

async function pdf(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  draw(doc);
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

describe('bad letter files', () => {
  it('an empty file', async () => {
    const p = file('empty.txt', '');
    refusedWith(await runCli('parse', p), `${p}: empty file`);
  });

  it('a binary file', async () => {
    const bytes = new Uint8Array(5000).map((_, i) => (i * 2654435761) >>> 24);
    const p = file('binary.txt', bytes);
    refusedWith(await runCli('parse', p), `${p}: binary file, not a text or PDF letter`);
  });

  it('text that is not UTF-8', async () => {
    const p = file('latin1.txt', Buffer.from('CLINICAL CASE SUMMARY\nThe patient\u00e9s pain\n', 'latin1'));
    refusedWith(await runCli('parse', p), `${p}: text is not valid UTF-8 (bad byte 0xe9 at offset 33); save the file as UTF-8`);
  });

  it('UTF-16 text with a byte-order mark is read', async () => {
    const p = file('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(realText(), 'utf16le')]));
    const r = await runCli('parse', '--json', p);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).caseNumber).toBe(sampleLetters()[3]!.expected.caseNumber);
  });

  it('UTF-16 text without a byte-order mark', async () => {
    const p = file('utf16-no-bom.txt', Buffer.from(realText(), 'utf16le'));
    refusedWith(await runCli('parse', p), `${p}: binary file, not a text or PDF letter`);
  });

  it('a 50 MB file', async () => {
    const p = file('huge.txt', Buffer.alloc(50 * 1024 * 1024, 0x61));
    refusedWith(await runCli('parse', p), `${p}: file is 50.0 MB; a letter is at most 10 MB`);
  });

  it('a letter text over 10 MB given in memory, as an upload would be', async () => {
    const store = await openStore({ path: ':memory:' });
    try {
      const text = realText();
      const report = await ingestTexts(store, [{ name: 'upload.txt', text: text.repeat(Math.ceil((11 * 1024 * 1024) / text.length)) }], 1, { workers: 1 });
      expect(report).toMatchObject({ ingested: 0, failed: 1 });
      expect(report.failures[0]!.message).toMatch(/^upload\.txt: letter text is \d+\.\d M characters; a letter is at most 10 MB$/);
    } finally {
      await store.close();
    }
  });

  it('a corrupt PDF', async () => {
    const bytes = realPdf();
    const p = file('cut.pdf', bytes.subarray(0, bytes.length / 2));
    refusedWith(await runCli('parse', p), new RegExp(`^error: ${p}: corrupt or unreadable PDF (?:page )?\\(`));
  });

  it('a PDF protected by a password', async () => {
    const p = file('locked.pdf', await pdf({ userPassword: 'secret', ownerPassword: 'owner', pdfVersion: '1.7' }, (d) => d.text('IMR ISSUES, DECISIONS AND RATIONALES')));
    refusedWith(await runCli('parse', p), `${p}: PDF is protected by a password other than the empty one`);
  });

  it('a PDF without a text layer', async () => {
    const p = file('scan.pdf', await pdf({}, (d) => d.rect(50, 50, 400, 600).fill('#444')));
    refusedWith(await runCli('parse', p), `${p}: PDF has no text layer (a scanned image?); OCR it first`);
  });

  it('a truncated letter', async () => {
    const text = realText();
    const p = file('truncated.txt', text.slice(0, text.indexOf('Decision rationale: Those requiring')));
    refusedWith(await runCli('parse', p), new RegExp(`^error: ${p}: letter appears truncated: item 2 \\(".+"\\) has no decision rationale$`));
  });

  it('a letter whose decisions section has no items', async () => {
    const text = realText();
    const heading = text.indexOf('IMR ISSUES, DECISIONS AND RATIONALES');
    const p = file('no-items.txt', `${text.slice(0, heading)}IMR ISSUES, DECISIONS AND RATIONALES\nThe decisions will follow.\n`);
    refusedWith(await runCli('parse', p), `${p}: no disputed item with a decision (Upheld/Overturned) found in the decisions section`);
  });

  it('a text that is not a determination letter', async () => {
    const p = file('note.txt', 'Dear claimant, your appointment is on Monday.\n');
    refusedWith(await runCli('parse', p), `${p}: not an IMR determination letter: no "IMR ISSUES, DECISIONS AND RATIONALES" section and no item decisions`);
  });

  it('HTML and script in a letter are read as text, never kept as markup', async () => {
    const text = realText()
      .replace('CLINICAL CASE SUMMARY', 'CLINICAL CASE SUMMARY\n<script>alert("x")</script><img src=x onerror="alert(1)"><p>')
      .replace(/\n\n/, '\n<b>Case Number:</b> <i>&lt;script&gt;</i>\n');
    const p = file('scripted.html', text);
    const r = await runCli('parse', '--json', p);
    expect(r.code, r.err).toBe(0);
    const det = JSON.parse(r.out);
    expect(JSON.stringify(det)).not.toMatch(/<script|onerror|<img|alert\(/);
    expect(det.items.length).toBeGreaterThan(0);
  });

  it('a file name with a line break and terminal escape sequences', async () => {
    const name = 'evil\n\u001b[31mname.txt';
    const p = file(name, '');
    const r = await runCli('parse', p);
    refusedWith(r, `${join(dir, 'evil\\n\\u001b[31mname.txt')}: empty file`);
    expect(r.err).not.toContain('\u001b');
  });

  it('path traversal in the name of a letter given as text', async () => {
    // Uploads arrive with a name of the sender's choosing: it labels the letter and is never opened.
    const store = await openStore({ path: ':memory:' });
    try {
      const report = await ingestTexts(
        store,
        [
          { name: '../../../../etc/passwd', text: realText() },
          { name: '../../../../etc/shadow', text: 'not a letter' },
        ],
        2,
        { workers: 1 },
      );
      expect(report).toMatchObject({ ingested: 1, failed: 1 });
      expect(report.failures[0]!.message).toMatch(/^\.\.\/\.\.\/\.\.\/\.\.\/etc\/shadow: not an IMR determination letter/);
      const stored = (await store.determinations.page(0, 10))[0]!;
      expect(stored.determination.source).toBe('../../../../etc/passwd');
      expect(stored.original.text).toBe(realText());
    } finally {
      await store.close();
    }
  });

  it('a symlink loop named on the command line', async () => {
    const a = join(dir, 'loop-a.txt');
    const b = join(dir, 'loop-b.txt');
    symlinkSync(b, a);
    symlinkSync(a, b);
    refusedWith(await runCli('parse', a), `${a}: cannot read file (ELOOP)`);
  });

  it('symlinks inside a directory are not followed', async () => {
    const walked = join(dir, 'walked');
    mkdirSync(walked);
    copyFileSync(sampleLetters()[0]!.path, join(walked, 'real.txt'));
    symlinkSync(walked, join(walked, 'self')); // a directory loop
    symlinkSync(sampleLetters()[1]!.path, join(walked, 'linked.txt'));
    const r = await runCli('parse', '--json', walked);
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l).source)).toEqual([join(walked, 'real.txt')]);
  });

  it('a FIFO or device named as a letter', async () => {
    const fifo = join(dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    // Refused from its type, without opening it (opening a FIFO would wait for a writer).
    refusedWith(await runCli('parse', fifo), `${fifo}: not a regular file`);
    refusedWith(await runCli('parse', '/dev/null'), '/dev/null: not a regular file');
  });

  it('an unreadable file', async () => {
    // Permissions do not stop root; /proc/self/mem fails to read for anyone.
    const root = process.getuid?.() === 0;
    const p = root ? '/proc/self/mem' : file('locked.txt', realText());
    if (!root) chmodSync(p, 0o000);
    refusedWith(await runCli('parse', p), `${p}: cannot read file (${root ? 'EIO' : 'EACCES'})`);
  });

  it('a file that does not exist', async () => {
    const p = join(dir, 'nope.txt');
    refusedWith(await runCli('parse', p), `${p}: cannot read file (ENOENT)`);
  });

  it('a directory with no letter files', async () => {
    const empty = join(dir, 'no-letters');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.docx'), 'x');
    for (const argv of [['parse', empty], ['ingest', empty, '--db', join(dir, 'unused.db')]]) {
      const r = await runCli(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`error: no letter files in ${empty} (looked for .txt, .md, .markdown, .html, .htm and .pdf files)\n`);
    }
    expect(existsSync(join(dir, 'unused.db'))).toBe(false);
  });

  it('one bad letter among good ones: reported and skipped, the others stored', async () => {
    const batch = join(dir, 'batch');
    mkdirSync(batch);
    for (const s of sampleLetters()) copyFileSync(s.path, join(batch, s.file));
    writeFileSync(join(batch, 'zz-empty.txt'), '');
    const db = join(dir, 'batch.db');
    const r = await runCli('ingest', batch, '--db', db, '--quiet');
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: ${join(batch, 'zz-empty.txt')}: empty file\n`);
    expect(r.out).toMatch(/^6 files: 5 ingested, 0 already stored \(skipped\), 0 duplicate, 1 failed/);
    const store = await openStore({ path: db });
    try {
      expect(await store.determinations.count()).toBe(5);
    } finally {
      await store.close();
    }
  });
});
