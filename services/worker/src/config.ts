import { METRICS_CONFIG, TEMPORAL_PAYLOAD_CONFIG, TRACING_CONFIG, type ConfigSpec } from '@rectify/platform';

export const WORKER_CONFIG = {
  PORT: { kind: 'port', description: 'HTTP port of the worker health endpoint' },
  HOST: { kind: 'string', default: '127.0.0.1', description: 'address the health endpoint binds to' },
  TEMPORAL_ADDRESS: { kind: 'string', description: 'Temporal frontend host:port' },
  TEMPORAL_NAMESPACE: { kind: 'string', default: 'default', description: 'Temporal namespace' },
  ...TEMPORAL_PAYLOAD_CONFIG,
  ...METRICS_CONFIG,
  ...TRACING_CONFIG,
  WORKER_MAX_CACHED_WORKFLOWS: { kind: 'int', default: '500', description: 'workflows kept in the sticky cache, the bound on the worker memory (about 0.5 MiB each); an evicted one is replayed from its history at its next event' },
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: { kind: 'int', default: '40', description: 'workflow tasks run at once' },
  WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: {
    kind: 'int',
    default: '30',
    description: "seconds a cached workflow's task may wait on this worker's own (sticky) queue before Temporal moves it to the shared queue",
    check: (raw) => (Number(raw) >= 1 ? [] : [`WORKER_STICKY_QUEUE_TIMEOUT_SECONDS must be at least 1 second, got "${raw}"`]),
  },
} as const satisfies ConfigSpec;
