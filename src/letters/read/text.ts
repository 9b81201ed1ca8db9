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

/** Whitespace that needs rewriting: a run that is not a single plain space. Single spaces, the common case, are left alone. */
const WHITESPACE_RUN = /[\t\u00a0\u2000-\u200b\u3000][\t \u00a0\u2000-\u200b\u3000]*| [\t \u00a0\u2000-\u200b\u3000]+/g;
/** WHITESPACE_RUN in a text whose only whitespace of its kinds is the plain space. */
const SPACE_RUN = /  +/g;
/** The wide spaces of WHITESPACE_RUN: a text of one-byte characters holds none, which the test knows without reading it. */
const WIDE_SPACE = /[\u2000-\u200b\u3000]/;
const MARKDOWN_HEADING = /^#{1,6}\s/;

/**
 * Normalises a letter to lines: CRLF and form feeds become line breaks, markup
 * is removed, whitespace runs collapse, and blank lines are dropped (the PDF
 * extraction puts blank lines between every line, which carries no meaning).
 * This is the parser's hot path: whole-text passes only where something needs
 * changing, and Markdown is detected on the lines already split rather than
 * by another scan of the text.
 */
export function letterLines(raw: string): string[] {
  let text = raw;
  if (text.includes('\r') || text.includes('\f')) text = text.replace(/\r\n?|\f/g, '\n');
  if (text.includes('<') && looksLikeHtml(text)) text = stripHtml(text);
  // A pattern starting with a class of characters is tried at every
  // position; the usual letter's only runs are of plain spaces, which a
  // pattern starting with a space finds by searching, at half the cost.
  if (text.includes('\t') || text.includes('\u00a0') || WIDE_SPACE.test(text)) text = text.replace(WHITESPACE_RUN, ' ');
  else if (text.includes('  ')) text = text.replace(SPACE_RUN, ' ');
  const out: string[] = [];
  let markdown = text.includes('**') || text.includes('__');
  for (const part of text.split('\n')) {
    const line = part.trim();
    if (!line) continue;
    if (!markdown && (line[0] === '>' || (line[0] === '#' && MARKDOWN_HEADING.test(line)))) markdown = true;
    out.push(line);
  }
  if (!markdown) return out;
  const stripped: string[] = [];
  for (const line of out) {
    const s = stripMarkdownLine(line).trim();
    if (s) stripped.push(s);
  }
  return stripped;
}

/**
 * Joins wrapped lines into running text. A line that ends in a letter and a
 * hyphen ("Anti-" + "Spasticity") is joined without a space, since the PDF
 * broke a hyphenated word there.
 */
export function joinLines(lines: readonly string[]): string {
  // Segments joined by single spaces once at the end; a hyphen break glues
  // a line onto the current segment. No regex and no test against the
  // growing text: reading a character of a string built by `+=` flattens
  // it, so testing its end on every line made a run of hyphen-broken lines
  // quadratic. Only the segment's last two characters are kept to test.
  const segments: string[] = [];
  let current = '';
  let tail = '';
  let started = false;
  for (const line of lines) {
    if (!started) {
      current = line;
      tail = line.slice(-2);
      started = line !== '';
    } else if (endsInLetterHyphen(tail) && isLetter(line.charCodeAt(0))) {
      current += line;
      tail = (tail + line).slice(-2);
    } else {
      segments.push(current);
      current = line;
      tail = line.slice(-2);
    }
  }
  segments.push(current);
  return segments.join(' ');
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `[A-Za-z]-$`. A one-character segment is preceded by a space (or nothing), so it never qualifies. */
function endsInLetterHyphen(s: string): boolean {
  return s.length >= 2 && s.charCodeAt(s.length - 1) === 45 && isLetter(s.charCodeAt(s.length - 2));
}
