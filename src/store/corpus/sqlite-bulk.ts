/**
 * The SQLite write path of a letter batch: the same rows as insert.ts's
 * engine-neutral writeBatch, written with better-sqlite3 statements
 * prepared once per connection and run once per row, on the connection of
 * the caller's transaction.
 *
 * Why a second path: on SQLite, building multi-row Kysely queries of
 * thousands of parameters (and SQLite parsing them) cost more than the rows
 * themselves; a prepared single-row statement is compiled once and each row
 * only binds its values. Three more costs go too:
 * - the facet counts (facet-counts.ts) are added up in JavaScript from the
 *   rows at hand (`facetCountDeltas`) and upserted once per group, instead
 *   of the INSERT ... SELECT that joins the batch's rows back;
 * - the text index is given each letter's document from memory
 *   (`searchDocument`), built exactly as the view `letter_search_text` builds
 *   it, instead of reading the rows just written back through the view;
 * - item ids come from `lastInsertRowid`, with no RETURNING to read.
 * Column lists are taken from the rows themselves, so a column added to
 * rows.ts is written here with no change.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { InsertResult, InsertStage } from './insert.js';
import type { LetterRows } from './rows.js';

type Statement = BetterSqlite3.Statement;

/** Prepared statements of one connection, by SQL text. */
const prepared = new WeakMap<BetterSqlite3.Database, Map<string, Statement>>();

function statement(db: BetterSqlite3.Database, text: string): Statement {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) cache.set(text, (stmt = db.prepare(text)));
  return stmt;
}

/** `INSERT INTO table (cols) VALUES (?, ...)` for the given columns, with `tail` (a conflict clause) after. */
function insertSql(table: string, columns: readonly string[], tail = ''): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})${tail}`;
}

/** SQLite binds booleans as nothing it knows, and undefined not at all: rows hold neither, but be sure. */
function values(row: Record<string, unknown>, columns: readonly string[]): unknown[] {
  return columns.map((c) => row[c] ?? null);
}

/** One group of facet_counts and how many items it gains. */
export interface FacetCountDelta {
  facet: string;
  value: string;
  month: string;
  category: string;
  decision: string;
  items: number;
}

/** Not counted as a guideline: web addresses cited in place of a document (ASCII case-insensitive, as SQLite's lower() and LIKE). */
const WEB_ADDRESS = /^(http|www\.)/i;

/**
 * The facet_counts each letter's items add, summed over the letters: the
 * groups of facet-counts.ts's `contributions` (for the same letters, the
 * same rows and counts; facet-counts.test.ts and sqlite-bulk.test.ts hold
 * it), computed from the rows before they are written.
 */
export function facetCountDeltas(letters: readonly LetterRows[]): FacetCountDelta[] {
  const groups = new Map<string, FacetCountDelta>();
  const add = (facet: string, value: string, month: string, category: string, decision: string) => {
    // \u0000 cannot occur in stored text (letters are stripped of NUL), so keys cannot collide.
    const key = `${facet}\u0000${value}\u0000${month}\u0000${category}\u0000${decision}`;
    const g = groups.get(key);
    if (g) g.items++;
    else groups.set(key, { facet, value, month, category, decision, items: 1 });
  };
  for (const rows of letters) {
    const l = rows.letter;
    const month = l.date_decision == null ? '' : l.date_decision.slice(0, 7);
    const year = l.year == null ? '' : String(l.year);
    // A board certification counts once; a subspecialty only when it is not also a board certification.
    const board = new Set(rows.specialties.filter((s) => s.kind === 'board').map((s) => s.specialty));
    const specialties = rows.specialties.filter((s) => s.kind === 'board' || !board.has(s.specialty)).map((s) => s.specialty);
    for (const { item, drugs, citations } of rows.items) {
      const { category, decision } = item;
      add('category', category, month, category, decision);
      add('year', year, month, category, decision);
      if (item.drug_class != null) add('drug-class', item.drug_class, month, category, decision);
      for (const generic of drugs) add('drug', generic, month, category, decision);
      if (drugs.length > 0) add('product', item.treatment_name, month, category, decision);
      const documents = new Set<string>();
      for (const c of citations) if (c.role === 'imr' && !WEB_ADDRESS.test(c.document)) documents.add(c.document);
      for (const d of documents) add('guideline', d, month, category, decision);
      for (const s of specialties) add('specialty', s, month, category, decision);
    }
  }
  return [...groups.values()];
}

/** The text index's document of a letter, column by column, as the view `letter_search_text` assembles it from the stored rows. */
export function searchDocument(rows: LetterRows): [caseNumber: string, requests: string | null, treatments: string | null, summary: string, rationales: string | null] {
  const items = [...rows.items].sort((a, b) => a.item.idx - b.item.idx);
  const joined = (parts: string[], sep: string) => (parts.length ? parts.join(sep) : null);
  return [
    rows.letter.case_number ?? '',
    joined(
      items.map((i) => i.item.request),
      ' ; ',
    ),
    joined(
      items.map((i) => i.item.treatment_name + (i.item.drug_class == null ? '' : ` ${i.item.drug_class}`)),
      ' ; ',
    ),
    rows.text.clinical_summary,
    joined(
      items.map((i) => i.rationale),
      ' ',
    ),
  ];
}

/**
 * Writes a batch of letters on `db`, which must be inside the caller's
 * transaction, with the results and stages of insert.ts's writeBatch: each
 * letter's rows, then (for the new ones) their facet counts and text index.
 */
export function writeBatchSqlite(
  db: BetterSqlite3.Database,
  batch: readonly LetterRows[],
  afterStage?: (stage: InsertStage) => void,
  fileHashes?: readonly (string | undefined)[],
): InsertResult[] {
  // Rows written outside a transaction could be left half-written by an error: refuse.
  if (!db.inTransaction) throw new Error('writeBatchSqlite must run inside a transaction');
  const results: InsertResult[] = [];
  const fresh: { id: number; rows: LetterRows }[] = [];
  const existing = statement(db, 'SELECT id FROM letters WHERE content_hash = ?').pluck();
  for (const rows of batch) {
    const columns = Object.keys(rows.letter);
    // ON CONFLICT DO NOTHING ... RETURNING returns no row for a duplicate: then its stored id is looked up.
    const inserted = statement(db, insertSql('letters', columns, ' ON CONFLICT (content_hash) DO NOTHING RETURNING id')).pluck().get(values(rows.letter as unknown as Record<string, unknown>, columns)) as number | undefined;
    if (inserted !== undefined) {
      fresh.push({ id: inserted, rows });
      results.push({ status: 'ingested', id: inserted });
    } else {
      const id = existing.get(rows.letter.content_hash) as number | undefined;
      if (id === undefined) throw new Error(`letter ${rows.letter.content_hash} was neither inserted nor found`);
      results.push({ status: 'duplicate', id });
    }
  }
  if (fileHashes) {
    const file = statement(db, 'INSERT INTO letter_files (sha256, letter_id) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING');
    fileHashes.forEach((sha256, i) => sha256 && file.run(sha256, results[i]!.id));
  }
  afterStage?.('letters');
  if (fresh.length === 0) return results;

  let textColumns: string[] | null = null;
  let itemColumns: string[] | null = null;
  const itemIds: number[][] = [];
  for (const { id, rows } of fresh) {
    const text = { ...rows.text, letter_id: id };
    textColumns ??= Object.keys(text);
    statement(db, insertSql('letter_texts', textColumns)).run(values(text, textColumns));
    const ids: number[] = [];
    for (const it of rows.items) {
      const item = { ...it.item, letter_id: id };
      itemColumns ??= Object.keys(item);
      ids.push(Number(statement(db, insertSql('items', itemColumns)).run(values(item, itemColumns)).lastInsertRowid));
    }
    itemIds.push(ids);
  }
  afterStage?.('items');

  const rationale = statement(db, 'INSERT INTO item_texts (item_id, rationale) VALUES (?, ?)');
  const drug = statement(db, 'INSERT INTO item_drugs (item_id, generic) VALUES (?, ?)');
  const specialty = statement(db, 'INSERT INTO letter_specialties (letter_id, specialty, kind) VALUES (?, ?, ?)');
  const state = statement(db, 'INSERT INTO letter_states (letter_id, state) VALUES (?, ?)');
  const facet = statement(db, 'INSERT INTO facets (kind, value) VALUES (?, ?) ON CONFLICT (kind, value) DO NOTHING');
  let citationColumns: string[] | null = null;
  const facets = new Map<string, [string, string]>();
  fresh.forEach(({ id, rows }, n) => {
    rows.items.forEach((it, k) => {
      const itemId = itemIds[n]![k]!;
      rationale.run(itemId, it.rationale);
      for (const generic of it.drugs) drug.run(itemId, generic);
      for (const c of it.citations) {
        const row = { ...c, item_id: itemId };
        citationColumns ??= Object.keys(row);
        statement(db, insertSql('citations', citationColumns)).run(values(row, citationColumns));
        facets.set(`d\u0000${c.document}`, ['guideline-document', c.document]);
        facets.set(`s\u0000${c.source}`, ['guideline-source', c.source]);
      }
    });
    for (const s of rows.specialties) {
      specialty.run(id, s.specialty, s.kind);
      facets.set(`p\u0000${s.specialty}`, ['specialty', s.specialty]);
    }
    for (const st of rows.states) state.run(id, st);
  });
  for (const [kind, value] of facets.values()) facet.run(kind, value);
  // The statistics count the new letters in the same transaction: a batch that rolls back leaves them as they were.
  const count = statement(
    db,
    `INSERT INTO facet_counts (facet, value, month, category, decision, items) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (facet, value, month, category, decision) DO UPDATE SET items = facet_counts.items + excluded.items`,
  );
  for (const d of facetCountDeltas(fresh.map((f) => f.rows))) count.run(d.facet, d.value, d.month, d.category, d.decision, d.items);
  afterStage?.('details');

  const index = statement(db, 'INSERT INTO letters_fts (rowid, case_number, requests, treatments, summary, rationales) VALUES (?, ?, ?, ?, ?, ?)');
  for (const { id, rows } of fresh) index.run(id, ...searchDocument(rows));
  afterStage?.('index');
  return results;
}
