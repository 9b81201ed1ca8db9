/**
 * A small PDF that costs a reader a great deal: one page whose compressed
 * content stream holds millions of tiny text operations (each shows one
 * character). Some tens of kB on the wire; read naively, millions of text
 * runs and hundreds of MB of memory.
 */
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';

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

/** A PDF of one page whose content stream is `ops`, deflated. */
function onePagePdf(ops: Buffer): Uint8Array {
  const stream = deflateSync(ops, { level: 9 });
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
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
    push(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`));
  });
  offsets.push(at);
  push(Buffer.concat([Buffer.from(`5 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n')]));
  const xref = at;
  const table = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  push(Buffer.from(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${table}trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}
