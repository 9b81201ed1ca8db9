/**
 * The model shipped with the engine, fitted on the bundled letters by
 * `npm run train:default` (scripts/train-default-model.ts); its file records
 * its version and training set. `assessCase` uses it unless told otherwise.
 */
import json from './default-model.json' with { type: 'json' };
import { parseModel, type OverturnModel } from './overturn-model.js';

let cached: OverturnModel | undefined;

/** The shipped model, validated on first use. */
export function defaultModel(): OverturnModel {
  return (cached ??= parseModel(json, 'src/engine/model/default-model.json'));
}
