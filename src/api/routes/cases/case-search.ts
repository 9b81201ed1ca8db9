import { reply, type ApiRouter } from '../../route.js';
import { CaseSearchPage, CaseSearchQuery, pageOf } from '../../schemas/index.js';
import type { ApiServices } from '../../services.js';
import { summary } from './cases.js';


/** Finding a case by its number or its worker (coordinators and admins, who see the parties anyway). */
export function registerCaseSearchRoute(router: ApiRouter, s: ApiServices): void {
  router.add({
    method: 'get',
    path: '/api/case-search',
    operationId: 'searchCases',
    summary: "Cases whose number starts with q or whose injured worker's name contains it (any case), newest first",
    tag: 'cases',
    access: 'cases:manage',
    query: CaseSearchQuery,
    responses: { 200: { description: 'a page of matching cases', schema: CaseSearchPage } },
    handler: async ({ query }) => {
      const q = query.q.toLowerCase();
      // Case files are few (hundreds a year per organisation) next to letters: a scan is simpler than an index and quick enough.
      const found = (await s.store.cases.list({}))
        .filter((c) => (c.caseNumber ?? '').toLowerCase().startsWith(q) || c.parties.worker.name.toLowerCase().includes(q))
        .sort((a, b) => b.id - a.id);
      const items = found.slice(query.offset, query.offset + query.limit).map((c) => ({ ...summary(s.cases.toView(c)), worker: c.parties.worker.name }));
      return reply(pageOf(items, found.length, query));
    },
  });
}
