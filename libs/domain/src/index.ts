export * from './amounts.js';
export * from './policy.js';
export * from './calendar.js';
export * from './policy-clock.js';
export * from './deadlines.js';
export * from './criteria.js';
export * from './triggers.js';
export * from './lifecycle/index.js';
