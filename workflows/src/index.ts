export { probeWorkflow } from './probe.workflow.js';
export { problemWorkflow } from './problem/problem.workflow.js';
export * from './problem/problem.messages.js';
export { SA, initialSearchAttributes, problemSearchAttributes } from './problem/search-attributes.js';
export { weeklyDigestWorkflow } from './digest.workflow.js';
