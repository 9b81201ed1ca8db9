/**
 * Training rows from decided letters: each letter's case file (decision,
 * rationale and the reviewer's citations hidden) is drafted by the rules,
 * and each item's features are paired with the reviewer's decision.
 */
import { basename } from 'node:path';
import type { Determination } from '../../domain/index.js';
import { assessCase, ENGINE_VERSION } from '../assess.js';
import { caseFileFromDetermination } from '../from-letter.js';
import { itemFeatures } from './apply.js';
import { fitOverturnModel, type OverturnModel, type TrainingRow } from './overturn-model.js';

/** A decided letter and where it came from. */
export interface DecidedLetter {
  source: string;
  determination: Determination;
}

/** The letter's key: its case number, else its file name. Items of one letter share it, so no fold splits a letter. */
export function letterKey(l: DecidedLetter): string {
  return l.determination.caseNumber ?? basename(l.source);
}

/** The training rows of one decided letter: one per item, from the rules' blind draft. */
export function letterRows(l: DecidedLetter): TrainingRow[] {
  const file = caseFileFromDetermination(l.determination);
  const draft = assessCase(file, { model: null });
  const rows: TrainingRow[] = [];
  l.determination.items.forEach((it, i) => {
    const item = draft.items[i];
    if (item) rows.push({ x: itemFeatures(item, file), y: it.decision === 'overturned' ? 1 : 0, group: letterKey(l) });
  });
  return rows;
}

/** One training row per decided item of each letter. */
export function trainingRows(letters: Iterable<DecidedLetter>): TrainingRow[] {
  const rows: TrainingRow[] = [];
  for (const l of letters) rows.push(...letterRows(l));
  return rows;
}

/** Fits the overturn model on training rows; `source` says where their letters came from, recorded in the model. */
export function trainOnRows(rows: readonly TrainingRow[], source: string, date = new Date()): OverturnModel {
  return fitOverturnModel(rows, { date: date.toISOString(), source, engineVersion: ENGINE_VERSION });
}

/** Fits the overturn model on decided letters. */
export function trainModel(letters: Iterable<DecidedLetter>, source: string, date = new Date()): OverturnModel {
  return trainOnRows(trainingRows(letters), source, date);
}
