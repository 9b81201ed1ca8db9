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
