/**
 * Text from the input (a file name, a request line, a field) made safe to
 * show on one line: line breaks, other control characters and the invisible
 * bidirectional overrides are written as escapes (`\n`, `\u001b`), so input
 * can neither break a one-line message nor send escape sequences to a
 * terminal.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
