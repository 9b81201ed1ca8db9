import { CaseAssessment, CaseFile, NotFoundError } from '../../../domain/index.js';
import { reply, type ApiRouter } from '../../route.js';
import type { ApiServices } from '../../services.js';

/** The determination engine on a posted case file: nothing is stored. */
export function registerEngineRoutes(router: ApiRouter, s: ApiServices): void {
  router.add({
    method: 'post',
    path: '/api/engine/assess',
    operationId: 'assessCaseFile',
    summary: 'Draft a determination per disputed item from a case file',
    description: 'Decision, each guideline criterion with its evidence and offsets, the guideline cited, a rationale and a confidence; the calibrated probability that a reviewer overturns the denial, the recommendation by it, whether reviewer judgment is needed, and what the record lacks; an item no guideline entry covers is flagged, never guessed.',
    tag: 'engine',
    access: 'engine:run',
    body: CaseFile,
    responses: {
      200: { description: 'the draft', schema: CaseAssessment },
      422: { description: 'drafting took more time or memory than a job may (LIMIT_EXCEEDED)' },
      503: { description: 'every worker is busy and the queue is full (BUSY); see Retry-After' },
    },
    handler: async ({ body }) => {
      if (!s.assess) throw new NotFoundError('a determination engine');
      return reply(await s.assess(body));
    },
  });
}
