/**
 * Splits rows into multi-row statements that each stay under `maxRows`, and
 * whose row counts are a few fixed sizes: full pieces of `maxRows`, the rest
 * in powers of two (1000 rows under a limit of 2,000: 512 + 256 + 128 + 64 +
 * 32 + 8). The SQL of a multi-row statement depends only on its row count,
 * so every batch reuses the statements the first ones prepared (SQLite's
 * statement cache) instead of preparing, and caching, new ones of thousands
 * of parameters for counts seen once: each such statement holds some
 * hundreds of KB of SQLite's memory while it is cached.
 */
export function fixedSizeChunks<T>(rows: readonly T[], maxRows: number): T[][] {
  const size = Math.max(1, Math.floor(maxRows));
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
