// Rectify's own processes: the worker, the four backend services and the gateway.
import { join } from 'node:path';
import { REPO_ROOT } from './paths.mjs';
import { httpOk, waitFor } from './wait.mjs';

export const BACKENDS = ['issues', 'notifications', 'joint-meeting', 'assessment'];

/** The environment each service reads (see docs/configuration.md). */
export function serviceEnvironment({ infra, ports, secret, extra = {} }) {
  return {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    HOST: '127.0.0.1',
    DATABASE_URL: infra.databaseUrl,
    TEMPORAL_ADDRESS: infra.temporalAddress,
    TEMPORAL_NAMESPACE: infra.temporalNamespace,
    SMTP_URL: infra.smtpUrl,
    JWT_SECRET: secret,
    PUBLIC_URL: `http://127.0.0.1:${ports.gateway}`,
    // The gateway's console links each problem's workflow into the Temporal UI the stack started.
    TEMPORAL_UI_URL: process.env.TEMPORAL_UI_URL ?? `http://127.0.0.1:${ports.temporalUi}`,
    ...Object.fromEntries(BACKENDS.map((s) => [`${s.toUpperCase().replace(/-/g, '_')}_URL`, `http://127.0.0.1:${ports[s]}`])),
    ...extra,
  };
}

export function startService({ name, ports, env, processes }) {
  const entry = processes.start(name, process.execPath, ['--enable-source-maps', join(REPO_ROOT, 'services', name, 'dist', 'main.js')], {
    cwd: REPO_ROOT,
    env: { ...env, PORT: String(ports[name]) },
    restart: true,
  });
  return entry;
}

export async function waitHealthy({ name, ports, entry, processes, timeoutMs = 120_000 }) {
  await waitFor(`${name} (/health)`, () => httpOk(`http://127.0.0.1:${ports[name]}/health`), {
    timeoutMs,
    isDead: () => entry.exited && `exit ${entry.exited.code ?? entry.exited.signal}; see ${processes.logFile(name)}`,
  });
}

/** Starts the worker, then the backends and the gateway, and waits until each is healthy. */
export async function startServices({ ports, env, processes }) {
  const names = ['worker', ...BACKENDS, 'gateway'];
  const entries = Object.fromEntries(names.map((name) => [name, startService({ name, ports, env, processes })]));
  await Promise.all(names.map((name) => waitHealthy({ name, ports, entry: entries[name], processes })));
  return entries;
}
