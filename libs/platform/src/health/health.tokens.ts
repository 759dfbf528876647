/** Injection token of a service's ActivityWorker, reported by /health when present. */
export const ACTIVITY_WORKER = Symbol('ACTIVITY_WORKER');
