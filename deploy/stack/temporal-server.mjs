// The production topology's Temporal: the real server of the release the Helm values pin, one
// process per service (frontend, history, matching, worker) as the chart runs them, on PostgreSQL
// persistence and SQL visibility with the chart's shard count, its schema set up and Rectify's
// namespace registered by the same scripts production runs (deploy/temporal/*.sh).
// The server and its sql tool are built once with `go install` into a cache outside the repo
// (keyed by version), like the pinned CLI.
import { spawn, spawnSync } from 'node:child_process';
import { setPriority } from 'node:os';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { cacheDir, REPO_ROOT } from './paths.mjs';
import { TEMPORAL_SERVER_MARK } from './temporal-cli.mjs';
import { UserError } from './user-error.mjs';
import { run, waitFor } from './wait.mjs';

/** The server release of the pinned CLI, of deploy/temporal/values.yaml and of deploy/compose. */
export const TEMPORAL_SERVER_VERSION = `v${TEMPORAL_SERVER_MARK.replace('Server ', '')}`;
const MODULE = 'go.temporal.io/server';
export const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'];

/** The cache folder of one server release: `server`, `sql` (+ `temporal-sql-tool`), `schema/postgresql/v12`. */
export function serverDir(version = TEMPORAL_SERVER_VERSION) {
  return join(cacheDir(), 'temporal-server', version);
}

function isBuilt(dir) {
  if (!existsSync(join(dir, 'schema', 'postgresql', 'v12', 'temporal', 'versioned'))) return false;
  const result = spawnSync(join(dir, 'server'), ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return result.status === 0 && result.stdout.includes(TEMPORAL_SERVER_VERSION.slice(1)) && existsSync(join(dir, 'temporal-sql-tool'));
}

/**
 * The cached build of the server and its sql tool, or a build of both with `go install` (about 2–5
 * minutes cold on two cores) through the Go module proxy. Asynchronous, so that the caller can do
 * other work meanwhile (`npm test` starts it before the main suites and awaits it after them);
 * `background` lowers its CPU priority (nice 19, inherited by the compilers go starts) so that the
 * work beside it — timing-sensitive suites among it — keeps the CPU.
 */
export function buildTemporalServer(log, { background = false } = {}) {
  const dir = serverDir();
  if (isBuilt(dir)) return Promise.resolve(dir);
  if (spawnSync('go', ['version']).status !== 0) {
    return Promise.reject(new UserError(`The production topology needs Temporal Server ${TEMPORAL_SERVER_VERSION}, built once with Go: install Go 1.24 or newer and run this again.`));
  }
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  log(`building Temporal Server ${TEMPORAL_SERVER_VERSION} and its sql tool into ${dir} (once; about 2–5 minutes on two cores)…`);
  const started = Date.now();
  // go's output goes to a file, not a pipe: `npm test` blocks its event loop in lint and build
  // meanwhile, and a full pipe would stall the build.
  const logFile = join(partial, 'go-install.log');
  const out = openSync(logFile, 'w');
  const output = () => readFileSync(logFile, 'utf8').slice(-2000);
  return new Promise((resolveBuild, rejectBuild) => {
    const child = spawn('go', ['install', `${MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`, `${MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`], {
      env: { ...process.env, GOBIN: partial, CGO_ENABLED: '0' },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    if (background && child.pid) {
      try {
        setPriority(child.pid, 19);
      } catch {
        // not allowed here: the build runs at the normal priority
      }
    }
    child.once('error', (err) => rejectBuild(new UserError(`go install could not run (${err.message}).`)));
    child.once('exit', (code) => {
      if (code !== 0) {
        const tail = output();
        rmSync(partial, { recursive: true, force: true });
        rejectBuild(new UserError(`Building Temporal Server with "go install ${MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}" failed (exit ${code}): check that the Go module proxy is reachable.\n${tail}`));
        return;
      }
      try {
        // The schema files of the same release, from the module the build just downloaded.
        const modCache = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).stdout.trim();
        cpSync(join(modCache, `${MODULE}@${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12'), join(partial, 'schema', 'postgresql', 'v12'), { recursive: true });
        symlinkSync('sql', join(partial, 'temporal-sql-tool')); // the name the admin-tools image and the scripts use
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dirname(dir), { recursive: true });
        renameSync(partial, dir);
      } catch (err) {
        if (!isBuilt(dir)) {
          rejectBuild(err);
          return;
        }
        rmSync(partial, { recursive: true, force: true }); // another clone finished the same build first
      }
      log(`Temporal Server ${TEMPORAL_SERVER_VERSION} built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      resolveBuild(dir);
    });
  });
}

/**
 * The settings of deploy/temporal/values.yaml the local cluster takes over: the shard count, the
 * SQL plugin, the connection pools of persistence and visibility, and each service's replicaCount.
 */
export function helmValues(file = join(REPO_ROOT, 'deploy', 'temporal', 'values.yaml')) {
  const text = readFileSync(file, 'utf8');
  const block = (name) => {
    const match = new RegExp(`\\n {6}${name}:\\n((?: {8}.*\\n)+)`).exec(text);
    if (!match) throw new Error(`deploy/temporal/values.yaml has no persistence.${name} block`);
    const field = (key) => new RegExp(`^ +${key}: "?([^"\\n]+)"?`, 'm').exec(match[1])?.[1];
    return { driver: field('driver'), plugin: /sql:\n +driver: "([^"]+)"/.exec(match[1])?.[1], database: field('database'), maxConns: Number(field('maxConns')), maxIdleConns: Number(field('maxIdleConns')), maxConnLifetime: field('maxConnLifetime') };
  };
  const shards = Number(/numHistoryShards: (\d+)/.exec(text)?.[1]);
  if (!Number.isInteger(shards) || shards < 1) throw new Error('deploy/temporal/values.yaml names no numHistoryShards');
  const replicas = Object.fromEntries(TEMPORAL_SERVICES.map((service) => [service, Number(new RegExp(`\\n  ${service}:\\n    replicaCount: (\\d+)`).exec(text)?.[1] ?? /\n  replicaCount: (\d+)/.exec(text)?.[1] ?? 1)]));
  return { numHistoryShards: shards, default: block('default'), visibility: block('visibility'), replicas };
}

/** Ports of the four services (the frontend keeps the stack's Temporal port): see deploy/stack/ports.mjs. */
export function temporalServicePorts(ports) {
  const base = ports.gateway;
  return {
    frontend: { grpc: ports.temporal, membership: base + 11, metrics: ports.temporalMetrics, http: ports.temporalHttp },
    history: { grpc: base + 12, membership: base + 13, metrics: base + 14 },
    matching: { grpc: base + 15, membership: base + 16, metrics: base + 17 },
    worker: { grpc: base + 18, membership: base + 19, metrics: base + 20 },
  };
}

/**
 * The server configuration of one service: the chart's persistence on the embedded PostgreSQL.
 * The one process of a service stands for the chart's `replicaCount` pods of it and carries their
 * work (the history process owns all 512 shards, which the chart's two history pods share), so it
 * gets their connection pools together: `maxConns` and `maxIdleConns` × replicaCount — the same
 * connections per shard as in production. With the pod's 20 alone, the history process's pool was
 * the bottleneck of the catch-up after PostgreSQL's outage (docs/operations.md, "Sizing").
 */
export function serverConfig({ service, ports, postgres, values = helmValues() }) {
  const all = temporalServicePorts(ports);
  const pods = values.replicas?.[service] ?? 1;
  const store = (s) => [
    `      sql:`,
    `        pluginName: "${s.plugin}"`,
    `        databaseName: "${s.database}"`,
    `        connectAddr: "127.0.0.1:${postgres.port}"`,
    `        connectProtocol: "tcp"`,
    `        user: "${postgres.user}"`,
    `        password: "${postgres.password}"`,
    `        maxConns: ${s.maxConns * pods}`,
    `        maxIdleConns: ${s.maxIdleConns * pods}`,
    `        maxConnLifetime: "${s.maxConnLifetime}"`,
  ];
  const rpc = (name) => [
    `  ${name}:`,
    `    rpc:`,
    `      grpcPort: ${all[name].grpc}`,
    `      membershipPort: ${all[name].membership}`,
    `      bindOnLocalHost: true`,
    ...(all[name].http ? [`      httpPort: ${all[name].http}`] : []),
  ];
  return [
    `# Written by deploy/stack/temporal-server.mjs for the ${service} service; do not edit.`,
    'log:',
    '  stdout: true',
    '  level: warn',
    'persistence:',
    '  defaultStore: default',
    '  visibilityStore: visibility',
    `  numHistoryShards: ${values.numHistoryShards}`,
    '  datastores:',
    '    default:',
    ...store(values.default),
    '    visibility:',
    ...store(values.visibility),
    'global:',
    '  membership:',
    '    maxJoinDuration: 30s',
    '    broadcastAddress: "127.0.0.1"',
    '  metrics:',
    '    prometheus:',
    '      framework: "tally"',
    '      timerType: "histogram"',
    `      listenAddress: "127.0.0.1:${all[service].metrics}"`,
    'services:',
    ...TEMPORAL_SERVICES.flatMap(rpc),
    'clusterMetadata:',
    '  enableGlobalNamespace: false',
    '  failoverVersionIncrement: 10',
    '  masterClusterName: "active"',
    '  currentClusterName: "active"',
    '  clusterInformation:',
    '    active:',
    '      enabled: true',
    '      initialFailoverVersion: 1',
    '      rpcName: "frontend"',
    `      rpcAddress: "127.0.0.1:${all.frontend.grpc}"`,
    'dcRedirectionPolicy:',
    '  policy: "noop"',
    '',
  ].join('\n');
}

/** deploy/temporal/setup-schema.sh with the release's sql tool and schema files, on the embedded PostgreSQL. */
export async function setupTemporalSchema({ server, postgres, log }) {
  log(`setting up Temporal's databases with temporal-sql-tool ${TEMPORAL_SERVER_VERSION} (deploy/temporal/setup-schema.sh)…`);
  await run('sh', [join(REPO_ROOT, 'deploy', 'temporal', 'setup-schema.sh')], {
    timeoutMs: 300_000,
    env: {
      ...process.env,
      PATH: `${server}${delimiter}${process.env.PATH}`,
      SQL_PLUGIN: helmValues().default.plugin,
      SQL_HOST: '127.0.0.1',
      SQL_PORT: String(postgres.port),
      SQL_USER: postgres.user,
      SQL_PASSWORD: postgres.password,
      TEMPORAL_SCHEMA_DIR: join(server, 'schema', 'postgresql', 'v12'),
    },
  }).catch((err) => {
    throw new Error(`deploy/temporal/setup-schema.sh failed: ${String(err.stderr || err.stdout || err.message).slice(-2000)}`);
  });
}

function listening(port) {
  return new Promise((resolveListening) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => socket.end(() => resolveListening(true)));
    socket.once('error', () => resolveListening(false));
  });
}

/**
 * Starts the four services, each its own process (restarted after a crash), and waits for the
 * frontend. History starts first and alone until it serves: on a fresh database every service
 * writes the cluster metadata at start, and all at once they collide (one exits on the duplicate
 * key; on Kubernetes its pod restarts) — one after the other they do not.
 */
export async function startTemporalServices({ server, cli, dir, ports, postgres, processes }) {
  const configDir = join(dir, 'temporal-config');
  mkdirSync(configDir, { recursive: true });
  const values = helmValues();
  const servicePorts = temporalServicePorts(ports);
  const logs = TEMPORAL_SERVICES.map((s) => processes.logFile(`temporal-${s}`)).join(', ');
  const start = (service) => {
    writeFileSync(join(configDir, `${service}.yaml`), serverConfig({ service, ports, postgres, values }), { mode: 0o600 });
    processes.start(`temporal-${service}`, join(server, 'server'), ['--root', dir, '--config', 'temporal-config', '--env', service, '--allow-no-auth', 'start', '--service', service], { restart: true });
  };
  const [first, ...rest] = ['history', ...TEMPORAL_SERVICES.filter((s) => s !== 'history')];
  start(first);
  // A crash is not fatal here: the process is restarted; only a timeout is (its log tells why).
  await waitFor(`Temporal Server (${first}; see ${processes.logFile(`temporal-${first}`)})`, () => listening(servicePorts[first].grpc), { timeoutMs: 180_000 });
  for (const service of rest) start(service);
  const address = `127.0.0.1:${ports.temporal}`;
  await waitFor(`Temporal Server (frontend; see ${logs})`, async () => {
    const { stdout } = await run(cli, ['operator', 'cluster', 'health', '--address', address], { timeoutMs: 5000 });
    return stdout.includes('SERVING');
  }, { timeoutMs: 180_000 });
  return { address, processNames: TEMPORAL_SERVICES.map((s) => `temporal-${s}`) };
}

/** deploy/temporal/register-namespace.sh, as the Kubernetes Job runs it, with the pinned CLI. */
export async function registerNamespace({ cli, address, namespace, searchAttributes, log }) {
  log(`registering the namespace ${namespace} and Rectify's search attributes (deploy/temporal/register-namespace.sh)…`);
  const cliDir = cli.includes('/') ? dirname(cli) : undefined;
  await run('sh', [join(REPO_ROOT, 'deploy', 'temporal', 'register-namespace.sh')], {
    timeoutMs: 300_000,
    env: {
      ...process.env,
      PATH: cliDir ? `${cliDir}${delimiter}${process.env.PATH}` : process.env.PATH,
      TEMPORAL_ADDRESS: address,
      RECTIFY_NAMESPACE: namespace,
      RETENTION: '30d',
      SEARCH_ATTRIBUTES: Object.entries(searchAttributes).map(([n, t]) => `${n}=${t}`).join(' '),
    },
  }).catch((err) => {
    throw new Error(`deploy/temporal/register-namespace.sh failed: ${String(err.stderr || err.stdout || err.message).slice(-2000)}`);
  });
}
