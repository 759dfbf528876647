// Rectify's own processes: the worker, the four backend services and the gateway.
import { join } from 'node:path';
import { REPO_ROOT } from './paths.mjs';
import { httpOk, waitFor } from './wait.mjs';
import { metricsPortsFor, secondInstancePortsFor } from './ports.mjs';

export const BACKENDS = ['issues', 'notifications', 'joint-meeting', 'assessment'];

/**
 * The environment each service reads (see docs/configuration.md). JWT_PRIVATE_KEY is added for
 * the gateway only, in startService: every other process gets the public keys alone.
 */
export function serviceEnvironment({ infra, ports, keys, extra = {} }) {
  const { JWT_PRIVATE_KEY: _private, JWT_SECRET: _retired, ...inherited } = process.env;
  return {
    ...inherited,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    HOST: '127.0.0.1',
    DATABASE_URL: infra.databaseUrl,
    TEMPORAL_ADDRESS: infra.temporalAddress,
    TEMPORAL_NAMESPACE: infra.temporalNamespace,
    SMTP_URL: infra.smtpUrl,
    JWT_PUBLIC_KEYS: keys.publicKeys,
    PUBLIC_URL: `http://127.0.0.1:${ports.gateway}`,
    // The gateway's console links each problem's workflow into the Temporal UI the stack started.
    TEMPORAL_UI_URL: process.env.TEMPORAL_UI_URL ?? `http://127.0.0.1:${ports.temporalUi}`,
    ...Object.fromEntries(BACKENDS.map((s) => [`${s.toUpperCase().replace(/-/g, '_')}_URL`, `http://127.0.0.1:${ports[s]}`])),
    ...extra,
    [GATEWAY_ONLY]: keys.privateKey,
  };
}

/** Where serviceEnvironment keeps the private key until startService hands it to the gateway. */
const GATEWAY_ONLY = Symbol('JWT_PRIVATE_KEY for the gateway');

/** The environment of one process: the gateway's alone holds JWT_PRIVATE_KEY. */
export function environmentOf(name, env) {
  const { [GATEWAY_ONLY]: privateKey, ...common } = env;
  return name === 'gateway' ? { ...common, JWT_PRIVATE_KEY: privateKey ?? env.JWT_PRIVATE_KEY } : common;
}

/** The metrics endpoint of one process and its Temporal SDK exporter's port (docs/operations.md, "Metrics"). */
function metricsEnvironment(name, ports) {
  const own = metricsPortsFor(ports)[name];
  return own ? { METRICS_PORT: String(own.metrics), TEMPORAL_METRICS_PORT: String(own.temporalSdk) } : {};
}

/**
 * Node flags of a process beyond --enable-source-maps: the worker's V8 heap limit, as in its
 * Kubernetes pod and its compose container (NODE_OPTIONS there). Without a limit Node sizes each V8
 * heap from the machine's memory (4 GiB here) and V8 lets a heap grow to about four times its live
 * size between two full collections, so the worker's memory after a burst of workflow tasks showed
 * more of when it was read than of the workflows it caches (docs/operations.md, "Sizing").
 */
export const NODE_FLAGS = { worker: ['--max-old-space-size=512'] };

/**
 * Starts one process of `name`; `second` starts the production topology's second instance
 * (`<name>-2`, ports of secondInstancePortsFor, its gateway routing to the second backends).
 */
export function startService({ name, ports, env, processes, second = false }) {
  const own = second ? secondInstancePortsFor(ports) : undefined;
  const port = own ? own[name].port : ports[name];
  const metrics = own ? { METRICS_PORT: String(own[name].metrics), TEMPORAL_METRICS_PORT: String(own[name].temporalSdk) } : metricsEnvironment(name, ports);
  const routes = own ? Object.fromEntries(BACKENDS.map((s) => [`${s.toUpperCase().replace(/-/g, '_')}_URL`, `http://127.0.0.1:${own[s].port}`])) : {};
  const entry = processes.start(second ? `${name}-2` : name, process.execPath, ['--enable-source-maps', ...(NODE_FLAGS[name] ?? []), join(REPO_ROOT, 'services', name, 'dist', 'main.js')], {
    cwd: REPO_ROOT,
    env: { ...environmentOf(name, env), ...routes, PORT: String(port), ...metrics },
    restart: true,
  });
  entry.port = port;
  return entry;
}

export async function waitHealthy({ name, entry, processes, timeoutMs = 120_000 }) {
  await waitFor(`${entry.name} (/health on ${entry.port})`, () => httpOk(`http://127.0.0.1:${entry.port}/health`), {
    timeoutMs,
    isDead: () => entry.exited && `exit ${entry.exited.code ?? entry.exited.signal}; see ${processes.logFile(entry.name ?? name)}`,
  });
}

/**
 * Starts the worker, then the backends and the gateway, and waits until each is healthy; with
 * `instances: 2` (the production topology) a second of each as well.
 */
export async function startServices({ ports, env, processes, instances = 1 }) {
  const names = ['worker', ...BACKENDS, 'gateway'];
  const entries = names.flatMap((name) => Array.from({ length: instances }, (_, i) => ({ name, entry: startService({ name, ports, env, processes, second: i === 1 }) })));
  await Promise.all(entries.map(({ name, entry }) => waitHealthy({ name, entry, processes, timeoutMs: 120_000 * instances })));
  return entries;
}
