/**
 * Turns a letter in any published text layout (PDF text extraction, Markdown,
 * HTML) into trimmed, non-empty lines, so that one parser serves every layout.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '-', mdash: '-',
  rsquo: "'", lsquo: "'", rdquo: '"', ldquo: '"', hellip: '...', sect: '§',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? m;
  });
}

/** True when the text carries HTML markup (the Markdown/HTML layout uses `<b>` labels). */
export function looksLikeHtml(text: string): boolean {
  return /<\/?(b|p|br|div|table|tr|td|th|h[1-6]|strong|span|html|body)\b[^>]*>/i.test(text);
}

/** Strips HTML tags (block tags become line breaks) and decodes entities. */
export function stripHtml(text: string): string {
  return decodeEntities(
    text
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '\n')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(p|div|tr|table|h[1-6]|li|ul|ol)\s*>/gi, '\n')
      .replace(/<(td|th)\b[^>]*>/gi, ' ')
      .replace(/<[^>]{0,500}>/g, ''),
  );
}

/** Removes Markdown emphasis and heading markers but keeps the words. */
function stripMarkdownLine(line: string): string {
  return line
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/^\s{0,3}>\s?/, '')
    .replace(/\*\*|__/g, '')
    .replace(/^\s*[-*]\s+(?=\S)/, '');
}

/**
 * Normalises a letter to lines: CRLF and form feeds become line breaks, markup
 * is removed, whitespace runs collapse, and blank lines are dropped (the PDF
 * extraction puts blank lines between every line, which carries no meaning).
 * Whole-text passes rather than per-line ones: this is the parser's hot path.
 */
export function letterLines(raw: string): string[] {
  let text = raw.replace(/\r\n?|\f/g, '\n');
  if (text.includes('<') && looksLikeHtml(text)) text = stripHtml(text);
  const markdown = /^\s{0,3}(?:#{1,6}\s|>)|\*\*|__/m.test(text);
  text = text.replace(/[\t \u00a0\u2000-\u200b\u3000]+/g, ' ');
  const out: string[] = [];
  for (const rawLine of text.split('\n')) {
    let line = rawLine.trim();
    if (markdown && line) line = stripMarkdownLine(line).trim();
    if (line) out.push(line);
  }
  return out;
}

/**
 * Joins wrapped lines into running text. A line that ends in a letter and a
 * hyphen ("Anti-" + "Spasticity") is joined without a space, since the PDF
 * broke a hyphenated word there.
 */
export function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) {
    if (!out) out = line;
    else if (/[A-Za-z]-$/.test(out) && /^[A-Za-z]/.test(line)) out += line;
    else out += ' ' + line;
  }
  return out;
}
