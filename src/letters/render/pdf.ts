import PDFDocument from 'pdfkit';
import type { Determination } from '../../domain/index.js';
import { HEADINGS, letterModel } from './model.js';

/** Characters of Windows-1252 above Latin-1's control range that the standard PDF fonts can show. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const ASCII_FOR: Record<string, string> = {
  '≥': '>=', '≤': '<=', '≠': '!=', '≈': '~', '→': '->', '←': '<-', '−': '-', '‐': '-', '‑': '-', '‒': '-',
  '\u2009': ' ', '\u200a': ' ', '\u202f': ' ', '\u200b': '', '\ufeff': '',
};

/**
 * The standard PDF fonts (no font file to ship) encode Windows-1252 only;
 * anything else is spelled in ASCII where there is a usual spelling, else '?'.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || ch === '\n' || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (ch === '\t' || ch === '\r') out += ' ';
    else out += ASCII_FOR[ch] ?? (code < 0x20 ? '' : '?');
  }
  return out;
}

const MARGIN = 54;

/**
 * Renders a determination as a PDF in the published letters' layout
 * (Helvetica, bold labels, the header table, the three sections). The text
 * layer reads back through the letter reader to the same facts.
 */
export function renderPdf(det: Determination, options: { creationDate?: Date } = {}): Promise<Uint8Array> {
  const m = letterModel(det);
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    info: { Title: det.caseNumber ? `IMR Final Determination ${det.caseNumber}` : 'IMR Final Determination', Producer: 'OpenIMR', Creator: 'OpenIMR', CreationDate: options.creationDate ?? new Date(0) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const t = toWinAnsi;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN;

  /**
   * Lays text out line by line, breaking only at spaces: pdfkit's own wrap
   * also breaks after '/' and '-', which would put a space into a request
   * ("5%/ Dextromethorphan") when the text is read back.
   */
  const write = (text: string, opts: { label?: string; bold?: boolean; size?: number } = {}) => {
    const size = opts.size ?? 10;
    const body = opts.bold ? 'Helvetica-Bold' : 'Helvetica';
    doc.fontSize(size);
    const labelText = opts.label ? `${t(opts.label)} ` : '';
    const labelWidth = labelText ? doc.font('Helvetica-Bold').widthOfString(labelText) : 0;
    doc.font(body);
    const lines: string[] = [];
    let line = '';
    let room = width - labelWidth;
    for (const word of t(text).replace(/\s+/g, ' ').trim().split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (!line || doc.widthOfString(candidate) <= room) {
        line = candidate;
        continue;
      }
      lines.push(line);
      line = word;
      room = width;
    }
    if (line || labelText) lines.push(line);
    const lineHeight = doc.currentLineHeight(true);
    // Each line already fits; the wider box only keeps pdfkit from re-wrapping it over rounding.
    const SLACK_WIDTH = width + 24;
    lines.forEach((l, i) => {
      if (doc.y + lineHeight > bottom) doc.addPage();
      if (i === 0 && labelText) {
        doc.font('Helvetica-Bold').text(labelText, MARGIN, doc.y, { continued: true, width: SLACK_WIDTH }).font(body).text(l, { width: SLACK_WIDTH });
      } else doc.font(body).text(l, MARGIN, doc.y, { width: SLACK_WIDTH });
    });
  };
  const heading = (text: string) => {
    doc.moveDown(0.8);
    write(text, { bold: true, size: 11 });
    doc.moveDown(0.3);
  };
  const para = (text: string) => {
    write(text);
    doc.moveDown(0.5);
  };
  const labelled = (label: string, value: string) => write(value, { label });

  // Header table: two label/value columns per row.
  const colX = [MARGIN, MARGIN + width / 2];
  doc.fontSize(10);
  for (const row of m.header) {
    const y = doc.y;
    row.forEach((c, i) => {
      doc.font('Helvetica-Bold').text(`${t(c.label)}: `, colX[i]!, y, { continued: true, width: width / 2 - 6 }).font('Helvetica').text(t(c.value));
    });
    doc.x = MARGIN;
    doc.moveDown(0.2);
  }
  heading(HEADINGS.howMade);
  para([m.howMade[0], m.credentials.sentence ?? '', m.howMade[1]].filter(Boolean).join(' '));
  if (!m.credentials.sentence && m.credentials.lines.length) {
    para('The Expert Reviewer has the following credentials:');
    for (const l of m.credentials.lines) labelled(`${l.label}:`, l.value);
  }
  heading(HEADINGS.summary);
  para(m.summaryPreamble);
  para(m.summary);
  heading(HEADINGS.decisions);
  para(m.decisionsPreamble);
  for (const item of m.items) {
    doc.moveDown(0.4);
    write(item.heading, { bold: true });
    doc.moveDown(0.4);
    labelled('Claims Administrator guideline:', item.claims);
    doc.moveDown(0.5);
    labelled('MAXIMUS guideline:', item.imr);
    doc.moveDown(0.5);
    labelled('Decision rationale:', item.rationale);
    doc.moveDown(0.5);
  }
  doc.end();
  return done;
}
