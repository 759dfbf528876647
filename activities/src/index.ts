export * from './issues/probe.activities.js';
