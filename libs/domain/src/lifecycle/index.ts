export * from './stages.js';
export * from './actions.js';
