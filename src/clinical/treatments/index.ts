/**
 * Treatments read from text: drug lexicon, medication and sig, procedures, and the normalised treatment.
 */
export { DRUGS } from './drug-lexicon.js';
export { dosesPerDay, findDrugs, parseMedication, strengthsMg } from './medication.js';
export { parseProcedure } from './procedure.js';
export { normalizeTreatment } from './treatment.js';
