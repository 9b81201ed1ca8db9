import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { DrugClass, type CorpusFilters, type Decision } from '../../domain/index.js';
import type { TextQuery } from './fts-query.js';
import type { Database } from '../schema.js';
import type { SearchIndex } from './search-index.js';

/** The filters' names, types and valid values are defined once, in the domain (corpus-filters.ts). */
export type { CorpusFilters } from '../../domain/index.js';

/** A LIKE pattern matching what starts with `prefix` (upper-cased, as case numbers are stored), metacharacters escaped. */
function prefixPattern(prefix: string): string {
  return `${prefix.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * `l.case_number` starting with `prefix` (case numbers are stored upper-cased).
 * On SQLite, whose LIKE is case-insensitive and so cannot use the column's
 * (binary) index, the same prefix is also asked as a range of the index:
 * at a million letters the LIKE alone read every letter.
 */
function caseNumberStarts(db: Kysely<Database>, prefix: string): RawBuilder<SqlBool> {
  const like = sql<SqlBool>`l.case_number LIKE ${prefixPattern(prefix)} ESCAPE '\\'`;
  if (db.getExecutor().adapter instanceof PostgresAdapter) return like;
  const low = prefix.toUpperCase();
  const high = `${low.slice(0, -1)}${String.fromCharCode(low.charCodeAt(low.length - 1) + 1)}`;
  return sql<SqlBool>`l.case_number >= ${low} AND l.case_number < ${high} AND ${like}`;
}

/** A LIKE pattern matching `needle` anywhere, with the pattern's own metacharacters escaped. */
function containsPattern(needle: string): string {
  return `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(column) LIKE '%needle%'`, case-insensitive on every engine (PostgreSQL's LIKE is case-sensitive). */
export function containsCi(column: Expression<string>, needle: string): Expression<SqlBool> {
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

/**
 * How item conditions on other tables are written. `collect`: uncorrelated
 * subqueries, each evaluated once (for passes over many items: listings,
 * statistics). `probe`: correlated lookups per item (for conditions checked
 * on a few items, or on matches read one by one), which never build the
 * whole set a broad filter admits.
 */
export type ItemScopeMode = 'collect' | 'probe';

/** Items (aliased `i`) satisfying every item-level filter; letter-level filters are not applied here. */
export function itemScope(db: Kysely<Database>, f: CorpusFilters, mode: ItemScopeMode = 'collect') {
  let q = db.selectFrom('items as i');
  const decision = clean(f.decision);
  const category = clean(f.category);
  const drug = clean(f.drug)?.toLowerCase();
  const guideline = clean(f.guideline);
  if (decision) q = q.where('i.decision', '=', decision as Decision);
  if (category) q = q.where('i.category', '=', category.toLowerCase());
  if (drug) {
    // A drug class ("opioid") and a generic name ("baclofen") never share a
    // name, so the filter tests only the one the value is.
    if ((DrugClass.options as readonly string[]).includes(drug)) q = q.where('i.drug_class', '=', drug);
    else if (mode === 'collect') q = q.where('i.id', 'in', db.selectFrom('item_drugs as d').select('d.item_id').where('d.generic', '=', drug));
    else q = q.where(sql<SqlBool>`EXISTS ${db.selectFrom('item_drugs as d').select(sql`1`.as('x')).where(sql.ref('d.item_id'), '=', sql.ref('i.id')).where('d.generic', '=', drug)}`);
  }
  if (guideline) {
    // The few distinct documents/sources matching the text, then their citations.
    const values = (kind: 'guideline-document' | 'guideline-source') =>
      db.selectFrom('facets as f').select('f.value').where('f.kind', '=', kind).where((fb) => containsCi(fb.ref('f.value'), guideline));
    if (mode === 'collect') {
      const citing = db
        .selectFrom('citations as c')
        .select('c.item_id')
        .where('c.document', 'in', values('guideline-document'))
        .union(db.selectFrom('citations as c').select('c.item_id').where('c.source', 'in', values('guideline-source')));
      q = q.where('i.id', 'in', citing);
    } else {
      const cited = db
        .selectFrom('citations as c')
        .select(sql`1`.as('x'))
        .where(sql.ref('c.item_id'), '=', sql.ref('i.id'))
        .where((cb) => cb.or([cb('c.document', 'in', values('guideline-document')), cb('c.source', 'in', values('guideline-source'))]));
      q = q.where(sql<SqlBool>`EXISTS ${cited}`);
    }
  }
  return q;
}

/** True when a condition applies to the letter itself (decision date, reviewer specialty). */
export function hasLetterConditions(f: CorpusFilters): boolean {
  return [f.specialty, f.from, f.to, f.caseNumber].some((v) => clean(v) !== undefined);
}

/** True when any filter is set. */
export function hasAnyFilter(f: CorpusFilters): boolean {
  return hasItemFilters(f) || hasLetterConditions(f);
}

/**
 * The filters as one condition on a letter id (`id`, e.g. a full-text
 * cursor's rowid), or null when there is no filter. Each part is a
 * correlated probe through an index. A text search streams its matches
 * newest first and stops once its window is full, so probing the matches it
 * reads costs less than collecting every letter a broad filter admits (a
 * guideline filter such as "Low Back" admits half the corpus).
 */
export function letterCondition(db: Kysely<Database>, f: CorpusFilters, id: RawBuilder<number>): RawBuilder<SqlBool> | null {
  const parts: RawBuilder<SqlBool>[] = [];
  if (hasItemFilters(f)) {
    parts.push(sql<SqlBool>`EXISTS ${itemScope(db, f, 'probe').select(sql`1`.as('x')).where(sql.ref('i.letter_id'), '=', id)}`);
  }
  const from = clean(f.from);
  const to = clean(f.to);
  if (from || to) {
    let dated = db.selectFrom('letters as l').select(sql`1`.as('x')).where(sql.ref('l.id'), '=', id);
    if (from) dated = dated.where('l.date_decision', '>=', from);
    if (to) dated = dated.where('l.date_decision', '<=', to);
    parts.push(sql<SqlBool>`EXISTS ${dated}`);
  }
  const caseNumber = clean(f.caseNumber);
  if (caseNumber) {
    const numbered = db.selectFrom('letters as l').select(sql`1`.as('x')).where(sql.ref('l.id'), '=', id).where(caseNumberStarts(db, caseNumber));
    parts.push(sql<SqlBool>`EXISTS ${numbered}`);
  }
  const specialty = clean(f.specialty);
  if (specialty) {
    const values = db.selectFrom('facets as f').select('f.value').where('f.kind', '=', 'specialty').where((fb) => containsCi(fb.ref('f.value'), specialty));
    const probe = db.selectFrom('letter_specialties as s').select(sql`1`.as('x')).where(sql.ref('s.letter_id'), '=', id).where('s.specialty', 'in', values);
    parts.push(sql<SqlBool>`EXISTS ${probe}`);
  }
  return parts.length ? sql<SqlBool>`${sql.join(parts, sql` AND `)}` : null;
}

/**
 * Adds the letter-level conditions (decision-date range, reviewer
 * specialty, and the text query's matches and exclusions when given) to a
 * query in which the letters table is aliased `l`.
 */
export function whereLetters<QB extends SelectQueryBuilder<any, any, any>>(qb: QB, db: Kysely<Database>, f: CorpusFilters, index: SearchIndex, text?: TextQuery): QB {
  let q = qb as SelectQueryBuilder<any, any, any>;
  const specialty = clean(f.specialty);
  const from = clean(f.from);
  const to = clean(f.to);
  const id = sql.ref<number>('l.id');
  if (from) q = q.where(sql.ref<string>('l.date_decision'), '>=', from);
  if (to) q = q.where(sql.ref<string>('l.date_decision'), '<=', to);
  const caseNumber = clean(f.caseNumber);
  if (caseNumber) q = q.where(caseNumberStarts(db, caseNumber));
  if (specialty) {
    const values = db.selectFrom('facets as f').select('f.value').where('f.kind', '=', 'specialty').where((f) => containsCi(f.ref('f.value'), specialty));
    q = q.where(id, 'in', db.selectFrom('letter_specialties as s').select('s.letter_id').where('s.specialty', 'in', values));
  }
  if (text) {
    const matching = index.matchingIds(text);
    if (matching) q = q.where(id, 'in', matching);
    const excluded = index.excludedIds(text);
    if (excluded) q = q.where(id, 'not in', excluded);
  }
  return q as QB;
}

/**
 * The letters (aliased `l`) satisfying every filter, item-level and
 * letter-level, and the text query's conditions when given. Item-level
 * conditions are collected once through their indexes (an uncorrelated IN):
 * probing each letter's items would let the planner pick an item index per
 * letter.
 */
export function filteredLetters(db: Kysely<Database>, f: CorpusFilters, index: SearchIndex, text?: TextQuery) {
  let q = db.selectFrom('letters as l');
  if (hasItemFilters(f)) q = q.where('l.id', 'in', itemScope(db, f).select('i.letter_id'));
  return whereLetters(q, db, f, index, text);
}

/** The generic drug name the drug filter names, or undefined (none, or a drug class such as "opioid"). */
function genericDrug(f: CorpusFilters): string | undefined {
  const drug = clean(f.drug)?.toLowerCase();
  return drug !== undefined && !(DrugClass.options as readonly string[]).includes(drug) ? drug : undefined;
}

/**
 * True when a listing's letters are read in listing order from an item
 * index (itemOrderedLetters): its filters are a generic drug, or a category
 * with a decision (and no drug class), with any other item filter but a
 * guideline, and no letter condition but a decision-date range. A decision,
 * a category or a drug class alone has no such index (each admits enough
 * of the newest letters for probing them to be cheap).
 */
export function inItemOrder(f: CorpusFilters): boolean {
  if (clean(f.guideline) || clean(f.specialty) || clean(f.caseNumber)) return false;
  return genericDrug(f) !== undefined || (clean(f.category) !== undefined && clean(f.decision) !== undefined && clean(f.drug) === undefined);
}

/**
 * The letters (`letter_id`, `date_decision`) holding an item that satisfies
 * the item filters, within the decision-date range, each once, newest
 * decision first (undated last), then newest letter: for a listing whose
 * filters are all these (inItemOrder). The items (or a drug's rows) carry
 * their letter's decision date (migration 0014), so the filter's index
 * ((generic, date, letter) or (category, decision, date, letter)) is read
 * from its newest end, or the range's, and a page stops after its rows,
 * where sorting every matching letter by date cost in proportion to the
 * matches. A drug's rows lead, each checked against the other item filters
 * on its own item.
 */
export function itemOrderedLetters(db: Kysely<Database>, f: CorpusFilters) {
  const drug = genericDrug(f);
  const from = clean(f.from);
  const to = clean(f.to);
  const others = { ...f, guideline: undefined };
  // `t`: the rows read in order, a drug's (`d`) or the items themselves (`i`).
  const t = drug ? 'd' : 'i';
  let q: SelectQueryBuilder<any, any, {}>;
  if (drug) {
    const rest = { ...others, drug: undefined };
    q = db.selectFrom('item_drugs as d').where('d.generic', '=', drug);
    if (hasItemFilters(rest)) q = q.where(sql<SqlBool>`EXISTS ${itemScope(db, rest, 'probe').select(sql`1`.as('x')).where(sql.ref('i.id'), '=', sql.ref('d.item_id'))}`);
  } else {
    q = itemScope(db, others, 'collect');
  }
  const date = sql.ref<string | null>(`${t}.date_decision`);
  const letter = sql.ref<number>(`${t}.letter_id`);
  if (from) q = q.where(date, '>=', from);
  if (to) q = q.where(date, '<=', to);
  return q
    .select([sql<number>`${letter}`.as('letter_id'), sql<string | null>`${date}`.as('date_decision')])
    .distinct()
    .orderBy(date, (ob) => ob.desc().nullsLast())
    .orderBy(letter, 'desc');
}
