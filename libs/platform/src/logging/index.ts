export * from './request-context.js';
export * from './log-line.js';
export * from './json-logger.js';
export * from './temporal-logger.js';
export * from './request-id.js';
