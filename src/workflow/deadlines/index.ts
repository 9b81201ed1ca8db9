/**
 * The statutory deadlines of a case and the calendar and clock they are computed with.
 */
export { type Clock, fixedClock, systemClock, today } from './clock.js';
export { type DeadlineWithStatus } from './deadlines.js';
