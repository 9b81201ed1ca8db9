import type { Store } from '../src/store/index.js';

/**
 * Everything a person can read out of a store, engine-neutral: letters,
 * cases, users, reviewers, case number sequences, issued versions, stored drafts, the
 * audit trail, searches and statistics. Two stores that should hold the
 * same (an export and its restore) compare equal on it.
 */
export async function storeContents(store: Store) {
  const letters = [];
  for (let after = 0; ; ) {
    const page = await store.determinations.page(after, 100);
    if (!page.length) break;
    letters.push(...page);
    after = page.at(-1)!.id;
  }
  const cases = await store.cases.list();
  const searches = [];
  for (const q of ['baclofen', 'physical therapy', '"medically necessary"', 'MRI OR acupuncture -lumbar', '']) {
    searches.push(await store.determinations.search(q, { limit: 50 }));
    searches.push(await store.determinations.search(q, { decision: 'overturned', guideline: 'MTUS' }));
  }
  return {
    letters,
    cases,
    users: await store.users.listById(),
    reviewers: await store.reviewers.listWithMeta(),
    sequences: await store.cases.sequences(),
    issued: await Promise.all(cases.map((c) => store.issued.list(c.id))),
    drafts: await Promise.all(cases.map((c) => store.drafts.get(c.id))),
    audit: await store.audit.list(),
    searches,
    stats: await store.determinations.stats('category'),
  };
}
