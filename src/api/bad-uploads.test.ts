/**
 * Bad letter uploads (POST /api/letters): each is refused with the one JSON
 * error shape and a reason on one line, and nothing of it is stored or
 * audited; an oversized file is refused as soon as it passes the limit,
 * without being read further. Rows of docs/bad-input.md.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi, type TestClient, type TestResponse } from '../../test/api-fixtures.js';
import { DWC_PDF, DWC_TXT, sampleLetters } from '../../test/sample-letters.js';

const MB = 1024 * 1024;
const letterText = () => readFileSync(sampleLetters()[3]!.path, 'utf8');
/** A real letter under a case number the corpus does not have. */
const fresh = (n: string) => readFileSync(join(DWC_TXT, 'CM16-0246487.txt'), 'utf8').replaceAll('CM16-0246487', n);

/** A body of `total` bytes in `chunk`-byte pieces, made only as the server pulls them; `pulled()` says how many it took. */
function counted(total: number, chunk = 64 * 1024): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const piece = new Uint8Array(chunk).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      controller.enqueue(n === chunk ? piece.slice() : piece.slice(0, n));
    },
  });
  return { stream, pulled: () => sent };
}

describe('bad letter uploads', () => {
  let t: TestApi;
  let cora: TestClient;
  let stored: () => Promise<{ letters: number; audit: number }>;
  beforeAll(async () => {
    t = await testApi();
    cora = await t.as('cora');
    stored = async () => ({ letters: await t.store.determinations.count(), audit: (await t.store.audit.list()).length });
  });
  afterAll(async () => t.close());

  /** Refused with `status` and `code`, the one error shape, and nothing stored. */
  async function refused(send: () => Promise<TestResponse>, status: number, code: string): Promise<TestResponse> {
    const before = await stored();
    const res = await send();
    expect(res.status, res.text).toBe(status);
    expect(res.json).toEqual({ error: expect.any(String), code, issues: expect.any(Array) });
    expect(res.json.error).not.toMatch(/[\r\n]/);
    expect(await stored()).toEqual(before);
    return res;
  }

  it('an upload declared larger than the limit: 413 before a byte of it is read', async () => {
    const body = counted(50 * MB);
    const res = await refused(() => cora.upload('huge.txt', body.stream, 'text/plain', { 'content-length': String(50 * MB) }), 413, 'PAYLOAD_TOO_LARGE');
    expect(res.json.error).toBe('the file is larger than 10 MB, the most this server accepts');
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it('a 50 MB upload sent without its length: 413 as soon as it passes the limit, the rest never read', async () => {
    const body = counted(50 * MB);
    const res = await refused(() => cora.upload('huge.txt', body.stream), 413, 'PAYLOAD_TOO_LARGE');
    expect(res.json.error).toBe('the file is larger than 10 MB, the most this server accepts');
    // A chunk or two past the limit at most (the stream may be a chunk ahead of the reader).
    expect(body.pulled()).toBeGreaterThan(10 * MB);
    expect(body.pulled()).toBeLessThanOrEqual(10 * MB + 3 * 64 * 1024);
    // A server configured lower refuses at its own limit, and a letter under it is taken.
    const small = await testApi({ maxUploadBytes: 16 * 1024 });
    try {
      const c = await small.as('cora');
      const over = await c.upload('CM99-0000201.txt', fresh('CM99-0000201').padEnd(16 * 1024 + 1, ' '));
      expect(over.status).toBe(413);
      expect(over.json.error).toBe('the file is larger than 16 kB, the most this server accepts');
      const under = await c.upload('CM99-0000201.txt', fresh('CM99-0000201'));
      expect(under.status, under.text).toBe(201);
    } finally {
      await small.close();
    }
  });

  it('an upload that is not a letter file type (JSON, a form, octet-stream, no Content-Type): 415 naming the types taken', async () => {
    for (const type of ['application/json', 'multipart/form-data; boundary=x', 'application/octet-stream', 'image/png', '']) {
      const res = await refused(() => cora.upload('letter.txt', letterText(), type), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(res.json.error).toMatch(/^send the body as one of text\/plain, text\/markdown, text\/html, application\/pdf/);
    }
  });

  it("an unreadable upload (empty, binary, not UTF-8, cut short, not a letter, no items, a corrupt PDF, a PDF that is not one): 422 with the reader's one-line reason, nothing stored", async () => {
    const text = letterText();
    const pdf = new Uint8Array(readFileSync(join(DWC_PDF, 'CM16-0246487.pdf')));
    const heading = text.indexOf('IMR ISSUES, DECISIONS AND RATIONALES');
    const cases: [string, string | Uint8Array, string, string | RegExp][] = [
      ['empty.txt', '', 'text/plain', 'empty.txt: empty file'],
      ['binary.txt', new Uint8Array(5000).map((_, i) => (i * 2654435761) >>> 24), 'text/plain', 'binary.txt: binary file, not a text or PDF letter'],
      ['latin1.txt', new Uint8Array(Buffer.from('CLINICAL CASE SUMMARY\nThe patient\u00e9s pain\n', 'latin1')), 'text/plain', 'latin1.txt: text is not valid UTF-8 (bad byte 0xe9 at offset 33); save the file as UTF-8'],
      ['cut.txt', text.slice(0, text.indexOf('Decision rationale: Those requiring')), 'text/plain', /^cut\.txt: letter appears truncated: item 2 \(".+"\) has no decision rationale$/],
      ['note.txt', 'Dear claimant, your appointment is on Monday.\n', 'text/plain', 'note.txt: not an IMR determination letter: no "IMR ISSUES, DECISIONS AND RATIONALES" section and no item decisions'],
      ['no-items.md', `${text.slice(0, heading)}IMR ISSUES, DECISIONS AND RATIONALES\nThe decisions will follow.\n`, 'text/markdown', 'no-items.md: no disputed item with a decision (Upheld/Overturned) found in the decisions section'],
      ['cut.pdf', pdf.subarray(0, pdf.length / 2), 'application/pdf', /^cut\.pdf: corrupt or unreadable PDF (?:page )?\(/],
      ['letter.pdf', text, 'application/pdf', 'letter.pdf: not a PDF: the file does not begin with %PDF-'],
    ];
    for (const [name, body, type, reason] of cases) {
      const res = await refused(() => cora.upload(name, body, type), 422, 'LETTER_PARSE');
      if (typeof reason === 'string') expect(res.json.error).toBe(reason);
      else expect(res.json.error).toMatch(reason);
    }
  });

  it('path traversal, absolute paths, backslashes, NUL, control characters and very long names in the file name: a safe base name, used only as a label', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imr-upload-names-'));
    try {
      const cases: [string, string][] = [
        ['../../etc/passwd', 'passwd'],
        [`${dir}/../escaped.txt`, 'escaped.txt'],
        ['/etc/shadow', 'shadow'],
        ['C:\\Windows\\System32\\evil.txt', 'evil.txt'],
        ['..\\..\\boot.ini', 'boot.ini'],
        ['letter\u0000.txt.sh', 'letter.txt.sh'],
        ['\u001b[31mred\nline\r.txt', '[31mredline.txt'],
        ['invoice\u202etxt.exe', 'invoicetxt.exe'],
        ['..', 'upload.txt'],
        ['  .hidden  ', 'hidden'],
        [`${'x'.repeat(3000)}.txt`, `${'x'.repeat(96)}.txt`],
      ];
      for (const [i, [name, label]] of cases.entries()) {
        const res = await cora.upload(name, fresh(`CM99-00003${String(i).padStart(2, '0')}`));
        expect(res.status, `${JSON.stringify(name)}: ${res.text}`).toBe(201);
        expect(res.json.source).toBe(label);
        expect((await cora.get(res.json.href)).json.determination.source).toBe(label);
      }
      // Nothing was written beside the directory the name pointed out of.
      expect(existsSync(join(dir, '..', 'escaped.txt'))).toBe(false);
      const tooLong = await refused(() => cora.upload('y'.repeat(5000), letterText()), 400, 'VALIDATION');
      expect(tooLong.json.issues.map((i: { path: unknown[] }) => i.path.join('.'))).toEqual(['query.name']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('HTML and script in an uploaded letter: stored as text, served as plain text, escaped when rendered', async () => {
    const SCRIPT = '<script>alert("x")</script>';
    const IMG = '<img src=x onerror=alert(1)>';
    for (const [type, n] of [['text/plain', '401'], ['text/html', '402'], ['text/markdown', '403']] as const) {
      const text = fresh(`CM99-0000${n}`).replace('CLINICAL CASE SUMMARY', `CLINICAL CASE SUMMARY\n${SCRIPT} ${IMG}`);
      const res = await cora.upload(`scripted-${n}.html`, text, type);
      expect(res.status, res.text).toBe(201);
      const original = await cora.get(`${res.json.href}/original`);
      expect(original.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(original.headers.get('x-content-type-options')).toBe('nosniff');
      expect(original.text).toContain(SCRIPT);
      const html = await cora.get(`${res.json.href}/letter?format=html`);
      expect(html.status).toBe(200);
      expect(html.text).not.toMatch(/<script|<img/);
      expect(html.headers.get('content-security-policy')).toMatch(/sandbox/);
      // The markup is letter text: a JSON string in the parsed letter, escaped in the rendered one.
      const parsed = (await cora.get(res.json.href)).json.determination;
      expect(parsed.clinicalSummary).toContain(SCRIPT);
      expect(html.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;');
    }
  });

  it('an upload by a role that may not add letters, without a session, or without the CSRF token: refused before the file is read', async () => {
    for (const who of ['rita', 'ana', 'pub']) {
      const client = await t.as(who);
      const body = counted(MB);
      const res = await refused(() => client.upload('letter.txt', body.stream), 403, 'FORBIDDEN');
      expect(res.json.error).toMatch(/needs letters:upload: admin, coordinator/);
      expect(body.pulled()).toBeLessThanOrEqual(64 * 1024);
    }
    await refused(() => t.anonymous().upload('letter.txt', letterText()), 401, 'UNAUTHENTICATED');
    await refused(() => cora.upload('letter.txt', letterText(), 'text/plain', { 'x-csrf-token': '' }), 403, 'CSRF');
    await refused(() => cora.upload('letter.txt', letterText(), 'text/plain', { origin: 'https://evil.example' }), 403, 'CSRF');
  });
});
