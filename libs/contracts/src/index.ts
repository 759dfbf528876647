export * from './roles.js';
export * from './identity.js';
export * from './services.js';
export * from './task-queues.js';
export * from './search-attributes.js';
export * from './probe.js';
export * from './problems.js';
export * from './problem-workflow.js';
