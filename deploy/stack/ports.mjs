// Every port the embedded stack uses, derived from one base so that profiles do not collide.
import { createServer } from 'node:net';
import { UserError } from './user-error.mjs';

const DEFAULT_BASE = { dev: 7600, test: 7700, production: 7900, 'production-test': 8000 };

/**
 * The port base of the production-topology suites' stack (profile production-test):
 * RECTIFY_PRODUCTION_PORT_BASE, else — for `npm run test:production` alone, not for the stage of
 * `npm test`, whose dev-server stack RECTIFY_PORT_BASE moves — RECTIFY_PORT_BASE, else 8000.
 */
export function productionTestPortBase({ alone }) {
  const variable = process.env.RECTIFY_PRODUCTION_PORT_BASE !== undefined ? 'RECTIFY_PRODUCTION_PORT_BASE' : alone && process.env.RECTIFY_PORT_BASE !== undefined ? 'RECTIFY_PORT_BASE' : undefined;
  return variable ? { base: process.env[variable], variable } : { base: String(DEFAULT_BASE['production-test']), variable: 'RECTIFY_PRODUCTION_PORT_BASE' };
}

/** The ports of `profile`, from RECTIFY_PORT_BASE or the profile's default, or from `portBase` ({ base, variable }) when given. */
export function portsFor(profile, portBase) {
  const variable = portBase?.variable ?? 'RECTIFY_PORT_BASE';
  const value = portBase ? portBase.base : process.env.RECTIFY_PORT_BASE;
  const base = Number(value ?? DEFAULT_BASE[profile] ?? 7800);
  if (!Number.isInteger(base) || base < 1024 || base > 65000) {
    throw new UserError(`${variable} must be a whole number between 1024 and 65000, got "${value}".`);
  }
  const ports = {
    gateway: base,
    issues: base + 1,
    notifications: base + 2,
    'joint-meeting': base + 3,
    assessment: base + 4,
    worker: base + 5,
    postgres: base + 10,
    smtp: base + 25,
    temporal: base + 33,
    temporalUi: base + 34,
    temporalHttp: base + 35,
    temporalMetrics: base + 36,
    traces: base + 38,
    mailbox: base + 80,
  };
  // Node's fetch (the tests', the launcher's health checks) refuses the WHATWG "bad ports".
  const blocked = [...Object.values(ports), ...Array.from({ length: 40 }, (_, i) => base + 40 + i)].filter((p) => FETCH_BAD_PORTS.has(p));
  if (blocked.length) throw new UserError(`${variable}=${base} puts a port of the stack on ${blocked.join(', ')}, which fetch refuses to connect to: choose another base.`);
  return ports;
}

/** The ports above 1024 that fetch refuses (fetch.spec.whatwg.org, "bad port"). */
const FETCH_BAD_PORTS = new Set([1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

/** Rectify's own processes, in the order their metrics ports are allocated. */
export const OWN_PROCESSES = ['gateway', 'issues', 'notifications', 'joint-meeting', 'assessment', 'worker'];

/**
 * Each process's Prometheus endpoint (/metrics, base + 50 …) and the loopback port of its Temporal
 * SDK exporter (base + 60 …), which the endpoint merges in. (Base + 40 … is taken by the second
 * instances: the scale test's on the dev server, the launcher's own in the production topology,
 * whose Temporal services take base + 11 … 20, see temporal-server.mjs.)
 */
export function metricsPortsFor(ports) {
  return Object.fromEntries(OWN_PROCESSES.map((name, i) => [name, { metrics: ports.gateway + 50 + i, temporalSdk: ports.gateway + 60 + i }]));
}

/**
 * The production topology's second instance of every process: its port (base + 40 …), its
 * metrics endpoint (base + 66 …) and SDK exporter (base + 72 …).
 */
export function secondInstancePortsFor(ports) {
  return Object.fromEntries(OWN_PROCESSES.map((name, i) => [name, { port: ports.gateway + 40 + i, metrics: ports.gateway + 66 + i, temporalSdk: ports.gateway + 72 + i }]));
}

function isFree(port) {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.once('listening', () => server.close(() => resolveFree(true)));
    server.listen(port, '127.0.0.1');
  });
}

/** Refuses to start when a port the stack needs is held by another program. */
export async function assertPortsFree(named, variable = 'RECTIFY_PORT_BASE') {
  for (const [name, port] of Object.entries(named)) {
    if (!(await isFree(port))) {
      throw new UserError(
        `Port ${port} (${name}) is already in use by another program: stop that program, or run with ${variable} set to another base (for example ${variable}=9600 ${variable === 'RECTIFY_PORT_BASE' ? 'npm start' : 'npm test'}).`,
      );
    }
  }
}
