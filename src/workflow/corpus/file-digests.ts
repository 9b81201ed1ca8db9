/**
 * A set of sha256 digests that worker threads share without copying: the
 * digests sorted, 32 bytes each, in one SharedArrayBuffer, looked up by
 * binary search. Holds the files an ingest has stored before, so that a
 * parse worker can tell, from a file's bytes alone, that it need not parse it.
 */
export const DIGEST_BYTES = 32;

/** The digests (hex) as a sorted shared table. */
export function digestTable(hexDigests: Iterable<string>): SharedArrayBuffer {
  const list = [...new Set(hexDigests)].map((h) => Buffer.from(h, 'hex')).filter((b) => b.length === DIGEST_BYTES);
  list.sort(Buffer.compare);
  const shared = new SharedArrayBuffer(list.length * DIGEST_BYTES);
  const view = new Uint8Array(shared);
  list.forEach((b, i) => view.set(b, i * DIGEST_BYTES));
  return shared;
}

/**
 * The table of `count` digests given in ascending order, a page at a time,
 * written straight into the shared buffer: no object per digest, so a
 * million of them cost their 32 MB and little more. Digests past `count`
 * (stored while this ran) are left out: their files are parsed, and found
 * stored by their letter's content hash. Should the order not be the bytes'
 * (a database collation), the table is sorted after.
 */
export async function digestTableFromSorted(count: number, pages: AsyncIterable<readonly string[]>): Promise<SharedArrayBuffer> {
  const shared = new SharedArrayBuffer(count * DIGEST_BYTES);
  const view = Buffer.from(shared);
  let n = 0;
  let sorted = true;
  outer: for await (const page of pages) {
    for (const hex of page) {
      if (n === count) break outer;
      if (hex.length !== DIGEST_BYTES * 2 || view.write(hex, n * DIGEST_BYTES, 'hex') !== DIGEST_BYTES) continue;
      if (n > 0 && Buffer.compare(view.subarray((n - 1) * DIGEST_BYTES, n * DIGEST_BYTES), view.subarray(n * DIGEST_BYTES, (n + 1) * DIGEST_BYTES)) >= 0) sorted = false;
      n++;
    }
  }
  if (sorted && n === count) return shared;
  const digests: string[] = [];
  for (let i = 0; i < n; i++) digests.push(view.toString('hex', i * DIGEST_BYTES, (i + 1) * DIGEST_BYTES));
  return digestTable(digests);
}

/** Whether the table holds the digest. */
export function hasDigest(table: SharedArrayBuffer, digest: Uint8Array): boolean {
  const all = Buffer.from(table);
  let lo = 0;
  let hi = all.length / DIGEST_BYTES - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = Buffer.compare(all.subarray(mid * DIGEST_BYTES, (mid + 1) * DIGEST_BYTES), digest);
    if (c === 0) return true;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
