import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { TASK_QUEUES } from '@rectify/contracts';
import { captureProcessWarnings, ConfigError, installTemporalRuntime, loadConfig, metricsSettings, setLogService, startMetricsServer, startTracing, stopTracing, temporalDataConverter, temporalTls, workflowSpanSinks, writeLog } from '@rectify/platform';
import { WORKER_CONFIG } from './config.js';

/**
 * The Temporal worker for Rectify's workflows (queue rectify-workflows). It runs only workflow
 * code, from the prebuilt bundle; activities run in the services that own their data. Every
 * payload passes the encryption codec (TEMPORAL_PAYLOAD_KEYS, docs/security.md).
 */
setLogService('worker');
captureProcessWarnings();
const log = (level: string, message: string) => writeLog(level, 'worker', message);

let config;
try {
  config = loadConfig(WORKER_CONFIG);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`rectify-worker: ${err.message}\n`);
    process.exit(78);
  }
  throw err;
}

// Before the connection: the SDK's own lines in the same JSON format, and its metrics (workflow
// task latencies, sticky cache, slots) on loopback, merged into this process's /metrics.
const metrics = metricsSettings(config);
installTemporalRuntime({ metrics });
// The workflows' spans (workflows/src/tracing.interceptors.ts) come out of the sandbox through the
// exporter sink, registered either way: they are exported when tracing is on, dropped otherwise.
const traced = await startTracing('worker');
if (traced) log('log', 'tracing: spans go to OTEL_EXPORTER_OTLP_ENDPOINT');
const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS, tls: temporalTls() });
const worker = await Worker.create({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: TASK_QUEUES.workflows,
  // With tracing on, the bundle with the workflows' OpenTelemetry interceptors (build-workflow-bundle.ts).
  workflowBundle: { codePath: fileURLToPath(new URL(traced ? './workflow-bundle-traced.js' : './workflow-bundle.js', import.meta.url)) },
  // Codecs run outside the workflow sandbox: the prebuilt bundle needs nothing of them.
  dataConverter: temporalDataConverter(config),
  sinks: workflowSpanSinks(),
  maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
  maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
  // A burst (a thousand reminders due in one second) queues more tasks than the worker runs in the
  // SDK's default 10 s; each task timed out there costs Temporal one more write and lands behind the
  // shared queue's two pollers (docs/operations.md, "Sizing").
  stickyQueueScheduleToStartTimeout: `${config.WORKER_STICKY_QUEUE_TIMEOUT_SECONDS}s`,
  shutdownGraceTime: '20s',
});

// /health (/health/ready): polling. /health/live: the process answers — a worker that fails ends
// the process (below), so there is nothing else a restart would cure.
const health = createServer((req, res) => {
  if (req.url === '/health/live') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', info: { process: { status: 'up', uptimeSeconds: Math.round(process.uptime()) } } }));
    return;
  }
  if (req.url !== '/health' && req.url !== '/health/ready') {
    res.writeHead(404).end();
    return;
  }
  const state = worker.getState();
  const ok = state === 'RUNNING';
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: ok ? 'ok' : 'error', info: { worker: { status: ok ? 'up' : 'down', state, taskQueue: TASK_QUEUES.workflows } } }));
});
health.listen(config.PORT, config.HOST);
const metricsServer = await startMetricsServer(metrics, (message) => log('error', message));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log('log', `received ${signal}: finishing current workflow tasks, then stopping`);
    worker.shutdown();
  });
}

log('log', `polling task queue ${TASK_QUEUES.workflows}; health on http://${config.HOST}:${config.PORT}/health${metricsServer ? `; metrics on http://${metrics.host}:${metrics.port}/metrics` : ''}`);
try {
  await worker.run();
} finally {
  health.close();
  metricsServer?.close();
  await connection.close();
  await stopTracing();
  log('log', 'worker stopped');
}
