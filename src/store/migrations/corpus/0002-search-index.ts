import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../../search/search-index.js';

/** The dialect's full-text index over letter text. */
export function searchIndex(dialect: StoreDialect): Migration {
  return {
    up: (db: Kysely<any>) => dialect.searchIndex.create(db),
    down: (db: Kysely<any>) => dialect.searchIndex.drop(db),
  };
}
