/**
 * Multi-row statements of a few fixed sizes, shared by the SQLite batch
 * writer (insert.ts) and the count upserts (facet-counts.ts).
 */

/**
 * Splits rows into multi-row INSERTs that each stay under the dialect's
 * bind-parameter limit, and whose row counts are a few fixed sizes: full
 * pieces of the most rows a statement may carry, the rest in powers of two
 * (1000 rows: 512 + 256 + 128 + 64 + 32 + 8). The SQL of an insert depends
 * only on its row count, so every batch reuses the statements the first
 * ones prepared (the SQLite statement cache) instead of preparing new ones
 * of thousands of parameters for counts seen once.
 */
export function chunks<T>(rows: readonly T[], columns: number, maxParameters: number): T[][] {
  const size = Math.max(1, Math.floor(maxParameters / columns));
  const out: T[][] = [];
  let i = 0;
  for (; rows.length - i >= size; i += size) out.push(rows.slice(i, i + size));
  for (let piece = 1 << Math.floor(Math.log2(Math.max(1, rows.length - i))); i < rows.length; piece >>= 1) {
    if (rows.length - i >= piece) {
      out.push(rows.slice(i, i + piece));
      i += piece;
    }
  }
  return out;
}

/** VALUES lists by engine, row count and width: written once, and the same string object after (the statement cache keys on it). */
const lists = new Map<string, string>();

/**
 * `n` rows of `width` parameters as a VALUES list in the engine's
 * placeholder syntax (`(?, ?), (?, ?)` or `($1, $2), ($3, $4)`). Written as
 * text, not as a query-builder fragment per row: an ingest batch writes tens
 * of thousands of rows, and building and compiling a fragment for each cost
 * more than the database's work on them.
 */
export function valuesList(engine: 'sqlite' | 'postgres', n: number, width: number): string {
  const key = `${engine}:${n}:${width}`;
  let list = lists.get(key);
  if (list === undefined) {
    const rows: string[] = [];
    for (let r = 0; r < n; r++) {
      const cells: string[] = [];
      for (let c = 0; c < width; c++) cells.push(engine === 'postgres' ? `$${r * width + c + 1}` : '?');
      rows.push(`(${cells.join(', ')})`);
    }
    list = rows.join(', ');
    lists.set(key, list);
  }
  return list;
}
