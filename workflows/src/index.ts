export { probeWorkflow } from './probe.workflow.js';
