/**
 * For the crash tests: imported first by a child process, it can stop that
 * process inside a database transaction. With IMR_CRASH_PAUSE_AFTER=TABLE:N,
 * the first transaction that leaves more than N rows in TABLE stops after its
 * body (every write made, nothing committed), prints `PAUSED <rows>` and
 * blocks the whole process, so the test can SIGKILL it at exactly that point.
 * IMR_CRASH_CACHE_PAGES makes the page cache small enough that such a
 * transaction spills its uncommitted pages into the WAL file first.
 */
import { writeSync } from 'node:fs';
import { TransactionBuilder, sql } from 'kysely';

const [pauseTable, pauseRows] = (process.env.IMR_CRASH_PAUSE_AFTER ?? '').split(':');
const cachePages = Number(process.env.IMR_CRASH_CACHE_PAGES ?? 0);

/** Rows in the table as this transaction sees them (its own writes included); 0 before the table exists. */
async function rowsIn(trx: any, table: string): Promise<number> {
  try {
    const { rows } = await sql.raw<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).execute(trx);
    return Number(rows[0]!.n);
  } catch {
    return 0;
  }
}

/** Writes a line straight to fd 1: the test must see it before this process blocks. */
export function say(line: string): void {
  writeSync(1, `${line}\n`);
}

if (pauseTable || cachePages > 0) {
  let paused = false;
  const execute = TransactionBuilder.prototype.execute;
  TransactionBuilder.prototype.execute = function <T>(this: TransactionBuilder<any>, callback: (trx: any) => Promise<T>): Promise<T> {
    return execute.call(this, async (trx: any) => {
      if (cachePages > 0) await sql.raw(`PRAGMA cache_size = ${cachePages}`).execute(trx);
      const result = await callback(trx);
      const rows = pauseTable ? await rowsIn(trx, pauseTable) : 0;
      if (pauseTable && !paused && rows > Number(pauseRows)) {
        paused = true;
        say(`PAUSED ${rows}`);
        // Block this thread inside the open transaction until killed.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      }
      return result;
    }) as Promise<T>;
  };
}
