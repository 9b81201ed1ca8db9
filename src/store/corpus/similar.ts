import type { Kysely } from 'kysely';
import type { Decision } from '../../domain/index.js';
import type { Database } from '../schema.js';

/** A precedent for a letter: another letter deciding the same treatment, or the same kind of treatment under the same guideline. */
export interface SimilarLetter {
  id: number;
  caseNumber: string | null;
  decisionDate: string | null;
  /** Cosine similarity of the two clinical summaries' TF-IDF vectors, 0..1. */
  similarity: number;
  /** Treatment names both letters have an item for. */
  sharedTreatments: string[];
  /** Guideline documents the IMR reviewers of both letters cited for items of a shared treatment or category. */
  sharedGuidelines: string[];
  /** The precedent's items; `shared` marks those of a shared treatment, or of a shared category under a shared guideline. */
  items: { idx: number; request: string; decision: Decision; treatment: string; shared: boolean }[];
}

/** How many candidate letters are compared by text: the most recently added that share something. */
const CANDIDATES = 400;

const STOP = new Set(
  'the and for with was were has had have his her she him they this that from which are not but been per who its into than then there their also any all may can will would should patient patients'.split(' '),
);

function terms(text: string): Map<string, number> {
  const tf = new Map<string, number>();
  for (const w of text.toLowerCase().match(/[a-z][a-z0-9-]{2,}/g) ?? []) if (!STOP.has(w)) tf.set(w, (tf.get(w) ?? 0) + 1);
  return tf;
}

/** TF-IDF cosine of `target` against each document, IDF taken over all of them. */
function cosines(target: string, docs: Map<number, string>): Map<number, number> {
  const vectors = new Map([...docs].map(([id, text]) => [id, terms(text)] as const));
  const mine = terms(target);
  const df = new Map<string, number>();
  for (const tf of [mine, ...vectors.values()]) for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = vectors.size + 1;
  const weigh = (tf: Map<string, number>) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [w, f] of tf) {
      const x = (1 + Math.log(f)) * Math.log(1 + n / df.get(w)!);
      v.set(w, x);
      norm += x * x;
    }
    return { v, norm: Math.sqrt(norm) };
  };
  const a = weigh(mine);
  const out = new Map<number, number>();
  for (const [id, tf] of vectors) {
    const b = weigh(tf);
    let dot = 0;
    for (const [w, x] of a.v) dot += x * (b.v.get(w) ?? 0);
    out.set(id, a.norm && b.norm ? Math.round((1000 * dot) / (a.norm * b.norm)) / 1000 : 0);
  }
  return out;
}

interface ItemRow {
  id: number;
  letter_id: number;
  idx: number;
  request: string;
  decision: Decision;
  category: string;
  treatment_name: string;
}

/**
 * Precedents for letter `id`: letters with an item of the same treatment,
 * or of the same category citing the same guideline document. Those sharing
 * both a treatment and its guideline come first, then those sharing the
 * treatment, then the rest; within each, by the similarity of the clinical
 * summaries. Portable SQL; the text comparison is done here, over at most
 * CANDIDATES letters, so its cost does not grow with the corpus.
 */
export async function similarLetters(db: Kysely<Database>, id: number, limit: number): Promise<SimilarLetter[]> {
  const own = await db.selectFrom('items as i').select(['i.id', 'i.letter_id', 'i.idx', 'i.request', 'i.decision', 'i.category', 'i.treatment_name']).where('i.letter_id', '=', id).execute();
  if (own.length === 0) return [];
  const ownDocs = await imrDocuments(db, own.map((i) => i.id));
  const treatments = [...new Set(own.map((i) => i.treatment_name))];
  const categories = [...new Set(own.map((i) => i.category))];
  const documents = [...new Set([...ownDocs.values()].flat())];

  const candidates = db
    .selectFrom('items as i')
    .select('i.letter_id')
    .distinct()
    .where('i.letter_id', '<>', id)
    .where((eb) => {
      const sameTreatment = eb('i.treatment_name', 'in', treatments);
      if (documents.length === 0) return sameTreatment;
      const cited = eb.selectFrom('citations as c').select('c.item_id').where('c.role', '=', 'imr').where('c.document', 'in', documents);
      return eb.or([sameTreatment, eb.and([eb('i.category', 'in', categories), eb('i.id', 'in', cited)])]);
    })
    .orderBy('i.letter_id', 'desc')
    .limit(CANDIDATES);
  const ids = (await candidates.execute()).map((r) => r.letter_id);
  if (ids.length === 0) return [];

  const [letters, items, target] = await Promise.all([
    db.selectFrom('letters as l').innerJoin('letter_texts as t', 't.letter_id', 'l.id').select(['l.id', 'l.case_number', 'l.date_decision', 't.clinical_summary']).where('l.id', 'in', ids).execute(),
    db.selectFrom('items as i').select(['i.id', 'i.letter_id', 'i.idx', 'i.request', 'i.decision', 'i.category', 'i.treatment_name']).where('i.letter_id', 'in', ids).orderBy('i.letter_id').orderBy('i.idx').execute(),
    db.selectFrom('letter_texts').select('clinical_summary').where('letter_id', '=', id).executeTakeFirstOrThrow(),
  ]);
  const docs = await imrDocuments(db, items.map((i) => i.id));
  const similarity = cosines(target.clinical_summary, new Map(letters.map((l) => [l.id, l.clinical_summary])));

  const byLetter = new Map<number, ItemRow[]>();
  for (const it of items) byLetter.set(it.letter_id, [...(byLetter.get(it.letter_id) ?? []), it]);
  const ranked = letters.map((l) => {
    const its = byLetter.get(l.id) ?? [];
    const sharedTreatments = new Set<string>();
    const sharedGuidelines = new Set<string>();
    let tier = 0;
    const shared = new Set<number>();
    for (const it of its) {
      const theirs = docs.get(it.id) ?? [];
      for (const o of own) {
        const common = theirs.filter((d) => (ownDocs.get(o.id) ?? []).includes(d));
        const sameTreatment = o.treatment_name === it.treatment_name;
        if (sameTreatment) sharedTreatments.add(it.treatment_name);
        if (sameTreatment || (o.category === it.category && common.length)) {
          shared.add(it.id);
          for (const d of common) sharedGuidelines.add(d);
        }
        tier = Math.max(tier, sameTreatment ? (common.length ? 2 : 1) : 0);
      }
    }
    return {
      tier,
      letter: {
        id: l.id,
        caseNumber: l.case_number,
        decisionDate: l.date_decision,
        similarity: similarity.get(l.id) ?? 0,
        sharedTreatments: [...sharedTreatments].sort(),
        sharedGuidelines: [...sharedGuidelines].sort(),
        items: its.map((it) => ({ idx: it.idx, request: it.request, decision: it.decision, treatment: it.treatment_name, shared: shared.has(it.id) })),
      },
    };
  });
  ranked.sort((a, b) => b.tier - a.tier || b.letter.similarity - a.letter.similarity || b.letter.id - a.letter.id);
  return ranked.slice(0, limit).map((r) => r.letter);
}

/** Distinct IMR-cited guideline documents per item. */
async function imrDocuments(db: Kysely<Database>, itemIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (itemIds.length === 0) return out;
  const rows = await db.selectFrom('citations').select(['item_id', 'document']).where('role', '=', 'imr').where('item_id', 'in', itemIds).execute();
  for (const r of rows) {
    const list = out.get(r.item_id) ?? [];
    if (!list.includes(r.document)) list.push(r.document);
    out.set(r.item_id, list);
  }
  return out;
}
