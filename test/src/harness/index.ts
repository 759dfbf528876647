export * from './stack.js';
export * from './api.js';
