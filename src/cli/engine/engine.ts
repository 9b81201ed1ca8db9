/**
 * Where the decision engine is plugged into the case workflow for the CLI:
 * the reviewer's `imr case decide` sees the engine's draft for each item, and
 * recording a decision that differs from it requires an override reason.
 */
import { assessCase } from '../../engine/index.js';
import type { OverturnModel } from '../../engine/model/overturn-model.js';
import type { Assessor } from '../../workflow/cases/index.js';
import { modelFromEnvironment } from './model-file.js';

let model: OverturnModel | null | undefined;

/** Drafts with the model named by IMR_MODEL (read once), else the engine's default model. */
export const engineAssessor: Assessor | null = (file) => {
  if (model === undefined) model = modelFromEnvironment() ?? null;
  return assessCase(file, model ? { model } : {});
};
