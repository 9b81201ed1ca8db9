export * from './guideline-citation.js';
export * from './treatment.js';
export * from './determination.js';
export * from './errors.js';
export * from './case-file.js';
export * from './assessment.js';
