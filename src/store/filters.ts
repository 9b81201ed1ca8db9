import { sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Decision } from '../domain/index.js';
import type { TextQuery } from './fts-query.js';
import type { Database } from './schema.js';
import type { SearchIndex } from './search-index.js';

/**
 * Conditions on the corpus. Item-level conditions (decision, drug,
 * category, guideline) must all hold for the same item: decision=overturned
 * with drug=baclofen means a letter with an overturned baclofen item, not a
 * letter with some overturned item and some baclofen item.
 */
export interface CorpusFilters {
  decision?: Decision;
  /** A generic name (exact, case-insensitive) or a drug class ("opioid"). */
  drug?: string;
  /** A treatment category ("medication", "injection", ...). */
  category?: string;
  /** Case-insensitive substring of a cited guideline's document or source (IMR or claims citation). */
  guideline?: string;
  /** Case-insensitive substring of a reviewer board certification or subspecialty. */
  specialty?: string;
  /** Earliest decision date, ISO `YYYY-MM-DD`, inclusive. Letters without a decision date are left out. */
  from?: string;
  /** Latest decision date, ISO `YYYY-MM-DD`, inclusive. */
  to?: string;
}

/** A LIKE pattern matching `needle` anywhere, with the pattern's own metacharacters escaped. */
function containsPattern(needle: string): string {
  return `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(column) LIKE '%needle%'`, case-insensitive on every engine (PostgreSQL's LIKE is case-sensitive). */
function containsCi(column: Expression<string>, needle: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${column}) LIKE ${containsPattern(needle)} ESCAPE '\\'`;
}

function clean(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

/** True when a condition applies to items themselves. */
export function hasItemFilters(f: CorpusFilters): boolean {
  return [f.decision, f.drug, f.category, f.guideline].some((v) => clean(v) !== undefined);
}

/** Items (aliased `i`) satisfying every item-level filter; letter-level filters are not applied here. */
export function itemScope(db: Kysely<Database>, f: CorpusFilters) {
  let q = db.selectFrom('items as i');
  const decision = clean(f.decision);
  const category = clean(f.category);
  const drug = clean(f.drug)?.toLowerCase();
  const guideline = clean(f.guideline);
  if (decision) q = q.where('i.decision', '=', decision as Decision);
  if (category) q = q.where('i.category', '=', category.toLowerCase());
  if (drug) {
    // Uncorrelated IN lets the engine start from the drug's items (an
    // index on item_drugs.generic) instead of probing every item.
    q = q.where((eb) =>
      eb.or([eb('i.drug_class', '=', drug), eb('i.id', 'in', eb.selectFrom('item_drugs as d').select('d.item_id').where('d.generic', '=', drug))]),
    );
  }
  if (guideline) {
    // Match the few distinct documents/sources first, then follow the indexes.
    const values = (kind: 'guideline-document' | 'guideline-source') =>
      db.selectFrom('facets as f').select('f.value').where('f.kind', '=', kind).where((f) => containsCi(f.ref('f.value'), guideline));
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('citations as c')
          .select('c.item_id')
          .whereRef('c.item_id', '=', 'i.id')
          .where((c) => c.or([c('c.document', 'in', values('guideline-document')), c('c.source', 'in', values('guideline-source'))])),
      ),
    );
  }
  return q;
}

/**
 * Adds the letter-level conditions (decision-date range, reviewer
 * specialty, text matches and exclusions) to a query in which the letters
 * table is aliased `l`.
 */
export function whereLetters<QB extends SelectQueryBuilder<any, any, any>>(qb: QB, db: Kysely<Database>, f: CorpusFilters, index: SearchIndex, text?: TextQuery): QB {
  let q = qb as SelectQueryBuilder<any, any, any>;
  const specialty = clean(f.specialty);
  const from = clean(f.from);
  const to = clean(f.to);
  const id = sql.ref<number>('l.id');
  if (from) q = q.where(sql.ref<string>('l.date_decision'), '>=', from);
  if (to) q = q.where(sql.ref<string>('l.date_decision'), '<=', to);
  if (specialty) {
    const values = db.selectFrom('facets as f').select('f.value').where('f.kind', '=', 'specialty').where((f) => containsCi(f.ref('f.value'), specialty));
    q = q.where(id, 'in', db.selectFrom('letter_specialties as s').select('s.letter_id').where('s.specialty', 'in', values));
  }
  if (text) {
    const ranked = index.ranked(text);
    if (ranked) q = q.where(id, 'in', sql<number>`(SELECT letter_id FROM ${ranked} AS m)`);
    const excluded = index.excludedIds(text);
    if (excluded) q = q.where(id, 'not in', excluded);
  }
  return q as QB;
}
