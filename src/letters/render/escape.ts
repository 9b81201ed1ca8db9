/** Escaping of letter text for markup formats: letters quote free text, which may hold markup of its own. */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/**
 * Escapes text for the Markdown layout, which mixes Markdown with `<b>` tags:
 * HTML specials become entities, emphasis marks and line-leading block marks
 * become numeric references so they print as themselves.
 */
export function escapeMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/[*_`\\[\]]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/^(\s*)([#>+-])/gm, (_m, sp: string, c: string) => `${sp}&#${c.charCodeAt(0)};`);
}
