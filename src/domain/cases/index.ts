/**
 * The IMR case: its state and documents, the case file a reviewer decides from, the engine's assessment, the audit entry, the reviewer.
 */
export * from './assessment.js';
export * from './audit.js';
export * from './case.js';
export * from './case-file.js';
export * from './reviewer.js';
