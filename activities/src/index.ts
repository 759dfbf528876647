export * from './issues/probe.activities.js';
export * from './issues/problem.activities.js';
export * from './issues/problem-activity-types.js';
export * from './issues/trail.js';
export * from './notifications/notification-request.js';
export * from './notifications/notification.activities.js';
export * from './notifications/templates/index.js';
