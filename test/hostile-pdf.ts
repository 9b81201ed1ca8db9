/**
 * Small PDFs that cost a reader a great deal: one page whose compressed
 * content stream holds millions of tiny text operations (each shows one
 * character), some tens of kB on the wire and, read naively, millions of
 * text runs and hundreds of MB of memory; a page of more compressed content
 * than a letter's; and deflate bombs, under 1 MB holding 1,000 MB of content
 * or of font.
 */
import { randomBytes } from 'node:crypto';
import { constants, deflateRawSync, deflateSync } from 'node:zlib';

/** The PDF bytes, with `operations` text operations on its one page. */
export function manyTextOperationsPdf(operations = 3_000_000): Uint8Array {
  return onePagePdf(Buffer.from('BT /F1 1 Tf ' + '(a) Tj 0.001 0 Td '.repeat(operations) + 'ET'));
}

/**
 * A one-page PDF whose page content is `kb` kB of comment lines of random
 * letters after one line of text: content that does not compress, so the
 * PDF is about as large as its page's content.
 */
export function largeContentPdf(kb: number): Uint8Array {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const random = randomBytes(kb * 1024);
  const noise = Array.from(random, (b) => letters[b % letters.length]).join('');
  const lines = noise.match(/.{1,200}/g)!.map((l) => `% ${l}`).join('\n');
  return onePagePdf(Buffer.from(`BT /F1 12 Tf 72 720 Td (Case Number: CM16-0000000) Tj ET\n${lines}\n`));
}

/** What a deflate bomb hides behind, for deflateBombPdf. */
export type BombPlace =
  /** The page's content stream, deflated once: Node's zlib inflates it in the reader's check. */
  | 'content'
  /** The page's content stream deflated twice over: mupdf inflates it, in its own memory. */
  | 'content-deflated-twice'
  /** An embedded font file, which mupdf loads whole when the page uses the font. */
  | 'font';

/**
 * A one-page PDF of a line of text whose `place` holds a deflate bomb: `mb`
 * MB of NUL bytes (whitespace, to a PDF content stream) after the line,
 * compressed to about a thousandth, so that 1,000 MB stay under the 1 MB
 * compressed-content cap. Built without ever holding the inflated bytes.
 */
export function deflateBombPdf(mb: number, place: BombPlace = 'content'): Uint8Array {
  const text = Buffer.from('BT /F1 12 Tf 72 720 Td (Case Number: CM16-0000000) Tj ET\n');
  const bomb = zerosDeflated(text, mb);
  if (place === 'font') {
    const font = '<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FirstChar 32 /LastChar 126 /FontDescriptor 6 0 R >>';
    const descriptor = '<< /Type /FontDescriptor /FontName /Bomb /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>';
    return onePagePdf(text, { font, extra: [descriptor, stream(bomb, '/Filter /FlateDecode')] });
  }
  if (place === 'content-deflated-twice') return onePagePdf(deflateSync(bomb, { level: 9 }), { filter: '/Filter [/FlateDecode /FlateDecode]' });
  return onePagePdf(bomb, { filter: '/Filter /FlateDecode' });
}

/**
 * zlib data of `head` then `mb` MB of zeros: the deflated head, then one
 * deflated MB of zeros repeated (each flushed to a byte boundary and
 * referring to nothing before it, so copies of it follow one another),
 * then the end and the checksum of the whole.
 */
function zerosDeflated(head: Buffer, mb: number): Buffer {
  const flush = { level: 9, finishFlush: constants.Z_SYNC_FLUSH };
  const mega = deflateRawSync(Buffer.alloc(1 << 20), flush);
  // Adler-32: zeros leave its first sum as the head left it and add that sum to the second once a byte.
  let a = 1;
  let b = 0;
  for (const byte of head) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  for (let i = 0; i < mb; i++) b = (b + a * ((1 << 20) % 65521)) % 65521;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0xda]), deflateRawSync(head, flush), ...Array<Buffer>(mb).fill(mega), Buffer.from([0x03, 0x00]), adler]);
}

/** An indirect stream object's body. */
function stream(data: Buffer, dict: string): Buffer {
  return Buffer.concat([Buffer.from(`<< /Length ${data.length} ${dict} >>\nstream\n`), data, Buffer.from('\nendstream')]);
}

/**
 * A PDF of one page whose content stream is `ops`, deflated (or as given,
 * under `filter`), with a Helvetica font or the `font` given, and `extra`
 * objects numbered from 6.
 */
function onePagePdf(ops: Buffer, options: { filter?: string; font?: string; extra?: (string | Buffer)[] } = {}): Uint8Array {
  const content = options.filter === undefined ? deflateSync(ops, { level: 9 }) : ops;
  const objects: (string | Buffer)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    options.font ?? '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    stream(content, options.filter ?? '/Filter /FlateDecode'),
    ...(options.extra ?? []),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  const push = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  objects.forEach((body, i) => {
    offsets.push(at);
    push(Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.from(body), Buffer.from('\nendobj\n')]));
  });
  const xref = at;
  const table = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  push(Buffer.from(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${table}trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}
