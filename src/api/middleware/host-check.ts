/**
 * DNS rebinding protection: a page of another site can point its own host
 * name at 127.0.0.1 and then read this server's answers as same-origin. Such
 * a request always carries that other name in its Host header, so the
 * server answers only requests addressed to it by an IP address, by
 * `localhost`, or by a name it was told it serves (`--allowed-host`).
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { MisdirectedRequestError } from '../errors.js';

/** The host name of a Host header value (without port or IPv6 brackets), lower-cased. */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') < 0 ? undefined : h.indexOf(']'));
  return h.replace(/:\d*$/, '');
}

function isIpLiteral(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || (name.includes(':') && /^[0-9a-f:.]+$/.test(name));
}

export function hostCheck(allowed: readonly string[]): MiddlewareHandler<AppEnv> {
  const names = new Set(['localhost', ...allowed.map((n) => n.trim().toLowerCase().replace(/\.$/, ''))]);
  return async (c, next) => {
    // No Host, or an empty one, is no other site's name: judged by the address the request reached.
    const header = c.req.header('host') || new URL(c.req.url).host;
    const name = hostName(header).replace(/\.$/, '');
    if (!isIpLiteral(name) && !names.has(name)) throw new MisdirectedRequestError(header);
    return next();
  };
}
