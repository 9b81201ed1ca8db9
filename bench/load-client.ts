/** A signed-in HTTP client for the load test: the session cookie and CSRF token a browser page would hold. */
import http from 'node:http';

/**
 * Keep-alive connections, as a browser keeps them. node:http rather than
 * fetch: on this machine its client side costs half as much per request,
 * and the clients share the cores with the server they measure.
 */
const AGENT = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface Sample {
  op: string;
  ms: number;
  status: number;
}

export class HttpClient {
  cookie = '';
  csrf = '';

  constructor(readonly base: string) {}

  async request(method: string, path: string, body?: unknown, parse = true): Promise<{ status: number; json: any; ms: number }> {
    const headers: Record<string, string> = { origin: this.base };
    if (this.cookie) headers.cookie = this.cookie;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      if (this.csrf) headers['x-csrf-token'] = this.csrf;
    }
    if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
    const t0 = performance.now();
    const res = await new Promise<{ status: number; text: string; type: string; cookie: string | null }>((resolve) => {
      const req = http.request(this.base + path, { method, headers, agent: AGENT }, (r) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (d: string) => (text += d));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, text, type: String(r.headers['content-type'] ?? ''), cookie: r.headers['set-cookie']?.[0] ?? null }));
        r.on('error', () => resolve({ status: 0, text: '', type: '', cookie: null }));
      });
      // A connection failure is counted as an error (status 0).
      req.on('error', () => resolve({ status: 0, text: '', type: '', cookie: null }));
      req.end(payload);
    });
    const ms = performance.now() - t0;
    if (res.cookie) this.cookie = res.cookie.split(';')[0]!;
    // Parsing is the client's work, not the server's: skipped where the answer is not used.
    return { status: res.status, json: parse && res.type.includes('application/json') ? JSON.parse(res.text) : null, ms };
  }

  /** GET; `parse` false leaves the body unread (only the status and time are wanted). */
  get(path: string, parse = true) {
    return this.request('GET', path, undefined, parse);
  }

  post(path: string, body: unknown) {
    return this.request('POST', path, body);
  }

  /** Signs in; throws when the server refuses. */
  async login(username: string, password: string): Promise<void> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`sign-in as ${username}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
    this.csrf = res.json.csrfToken;
  }

  /** POSTs and throws unless the answer is 2xx. */
  async must(path: string, body: unknown): Promise<any> {
    const res = await this.post(path, body);
    if (res.status < 200 || res.status > 299) throw new Error(`POST ${path}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
  }
}

/** p-th percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
