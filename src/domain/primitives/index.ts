/**
 * Small values every layer shares: calendar dates, validation issues, names people type, printable text, a seeded random source.
 */
export * from './dates.js';
export * from './issues.js';
export * from './label.js';
export * from './printable.js';
export * from './seeded-random.js';
