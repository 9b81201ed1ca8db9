import { CaseAssessment, CaseFile, NotFoundError } from '../../domain/index.js';
import { reply, type ApiRouter } from '../route.js';
import type { ApiServices } from '../services.js';

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
    responses: { 200: { description: 'the draft', schema: CaseAssessment } },
    handler: async ({ body }) => {
      if (!s.assessor) throw new NotFoundError('a determination engine');
      return reply(s.assessor(body));
    },
  });
}
