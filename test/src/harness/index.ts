export * from './stack.js';
export * from './api.js';
export * from './db.js';
export * from './temporal.js';
export * from './wait.js';
export * from './problems.js';
export * from './payloads.js';
export * from './live.js';
