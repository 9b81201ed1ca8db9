import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../../search/search-index.js';

/**
 * PostgreSQL: `openimr_index_first(q, wanted)`, whether the newest `wanted`
 * letters matching the tsquery `q` are found sooner through the full-text
 * index (every match, then sorted) than by reading letters newest first
 * and testing each one's vector (which stops after `wanted` matches).
 *
 * The planner gets this wrong by a wide margin: it costs testing a vector
 * as one cheap operator, where reading a letter's compressed, out-of-line
 * vector takes microseconds. At 100,000 letters a word in 7% of them was
 * counted by reading 28,000 vectors newest first (300 ms) instead of its
 * 7,000 index entries (4 ms); a word in nearly every letter is the other
 * way round (20 ms against 460 ms). The function asks the planner only for
 * what it estimates well, how many letters match (EXPLAIN), and weighs the
 * two ways itself: index first when matches^2 < k * wanted * letters, with
 * k = 10 for plain words (the index answers them alone) and 1 for phrases
 * (every index hit is then rechecked on its vector).
 *
 * SQLite: nothing (FTS5 reads its matches newest first from the index).
 */
export function indexFirst(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<any>) {
      if (dialect.name !== 'postgres') return;
      await sql`
        CREATE FUNCTION openimr_index_first(q tsquery, wanted integer) RETURNS boolean
        LANGUAGE plpgsql VOLATILE AS $fn$
        DECLARE
          plan json;
          matches double precision;
          letters double precision;
          k double precision := CASE WHEN position('<' in q::text) > 0 THEN 1 ELSE 10 END;
        BEGIN
          EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM letter_search WHERE document @@ %L::tsquery', q::text) INTO plan;
          matches := (plan->0->'Plan'->>'Plan Rows')::double precision;
          SELECT greatest(reltuples, 1) INTO letters FROM pg_class WHERE oid = 'letter_search'::regclass;
          RETURN matches * matches < k * greatest(wanted, 1) * letters;
        END
        $fn$`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (dialect.name !== 'postgres') return;
      await sql`DROP FUNCTION IF EXISTS openimr_index_first(tsquery, integer)`.execute(db);
    },
  };
}
