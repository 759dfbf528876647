#!/usr/bin/env node
// The one launcher behind `npm start` and `npm test`.
//   start  install what is missing, build, start the embedded stack and every service; Ctrl-C stops all.
//   test   lint, then every test on a fresh dev-server stack (profile "test"); then, on a fresh
//          production-topology stack (profile "production-test", port base
//          RECTIFY_PRODUCTION_PORT_BASE or 8000), the production-topology suites; stops everything after.
//   start --topology production   the production topology (docs/operations.md): the real Temporal
//          server on PostgreSQL, two of every process; profile "production" unless --profile names one.
//   test-production   only the production-topology suites, on a fresh stack of profile
//          "production-test" (or --profile; port base RECTIFY_PRODUCTION_PORT_BASE, RECTIFY_PORT_BASE or 8000).
import { checkNode, ensureDependencies, build, lint, test, testProductionTopology } from '../stack/bootstrap.mjs';
import { UserError } from '../stack/user-error.mjs';
import { buildTemporalServer } from '../stack/temporal-server.mjs';
import { productionTestPortBase } from '../stack/ports.mjs';

const command = process.argv[2] ?? 'start';
const argAfter = (flag) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const topology = argAfter('--topology') ?? 'dev';
/** `start --profile NAME` runs a second, separate stack (own ports via RECTIFY_PORT_BASE, own state). */
const profile = argAfter('--profile') ?? (command === 'test-production' ? 'production-test' : topology === 'production' ? 'production' : 'dev');
const started = Date.now();
const log = (message) => process.stdout.write(`[rectify] ${message}\n`);
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

async function startCommand() {
  const { startStack } = await import('../stack/stack.mjs');
  const stack = await startStack({ profile, log, topology });
  stack.processes.onUnexpectedExit = (name, code, signal) =>
    log(`${name} exited unexpectedly (${code ?? signal}); restarting it — see ${stack.processes.logFile(name)}`);
  log(`Rectify is up in ${seconds()} s:`);
  log(`  gateway (API)   ${stack.urls.gateway}/api`);
  log(`  API docs        ${stack.urls.apiDocs}`);
  for (const s of ['issues', 'notifications', 'joint-meeting', 'assessment']) log(`  ${s.padEnd(15)} ${stack.urls.gateway}/api/${s}/docs`);
  if (stack.urls.temporalUi) log(`  Temporal UI     ${stack.urls.temporalUi}`);
  if (topology === 'production') log(`  Temporal        ${stack.infra.temporalAddress} (Temporal Server, namespace ${stack.infra.temporalNamespace}; no UI: see docs/operations.md)`);
  if (stack.instances) log(`  second instances ${Object.values(stack.instances).map(([, second]) => `${second.name} :${second.port}`).join(', ')}`);
  if (stack.urls.mailbox) log(`  mailbox         ${stack.urls.mailbox}`);
  log(`  metrics         ${Object.values(stack.urls.metrics).join(' ')}`);
  log(`  logs            ${stack.logDir}`);
  if (stack.infra.tracesFile) log(`  traces          ${stack.infra.tracesFile}`);
  log('demo users: jiandu, fenguan, e001-audit, … (see README), password rectify-demo. Ctrl-C stops everything.');
  await new Promise((resolveStop) => {
    const onSignal = async (signal) => {
      log(`${signal}: stopping…`);
      await stack.stop();
      log('stopped.');
      resolveStop();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

/**
 * `npm test`. `serverBuild` is the Temporal Server build the production stage needs, started at
 * launch so that it overlaps lint, build and the dev-server suites.
 */
async function testCommand(serverBuild) {
  lint(log);
  const { startStack } = await import('../stack/stack.mjs');
  log('starting a fresh test stack…');
  const stack = await startStack({ profile: 'test', fresh: true, log });
  log(`test stack up in ${seconds()} s`);
  stack.processes.onUnexpectedExit = (name, code, signal) => log(`${name} exited (${code ?? signal}); restarting it`);
  let status = 1;
  const stopOnSignal = async () => {
    await stack.stop();
    process.exit(130);
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    status = await test(log, { RECTIFY_STACK_FILE: `${stack.stateDir}/stack.json` });
  } finally {
    await stack.stop();
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
  }
  log(`dev-server stack's tests ${status === 0 ? 'passed' : 'FAILED'} in ${seconds()} s`);
  const stageStarted = Date.now();
  const production = await testProductionTopology(log, { profile: 'production-test', serverBuild, portBase: productionTestPortBase({ alone: false }) });
  log(`production-topology stage ${production === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - stageStarted) / 1000).toFixed(1)} s`);
  status = status || production;
  log(`tests ${status === 0 ? 'passed' : 'FAILED'} in ${seconds()} s`);
  return status;
}

async function testProductionCommand() {
  const status = await testProductionTopology(log, { profile, portBase: productionTestPortBase({ alone: true }) });
  log(`production-topology suites ${status === 0 ? 'passed' : 'FAILED'} in ${seconds()} s`);
  return status;
}

try {
  const nodeWarning = checkNode();
  if (nodeWarning) log(nodeWarning);
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(profile ?? '')) throw new UserError('--profile takes a name of lower-case letters, digits and hyphens.');
  const { assertNotRunning } = await import('../stack/lock.mjs');
  const { stateDir } = await import('../stack/paths.mjs');
  for (const p of command === 'test' ? ['test', 'production-test'] : [profile]) assertNotRunning(stateDir(p), p);
  if (!['dev', 'production'].includes(topology)) throw new UserError('--topology takes "dev" (the Temporal dev server, the default) or "production" (Temporal Server on PostgreSQL, two of every process).');
  // npm test's production stage needs Temporal Server: its build (minutes, once per machine) runs
  // at a low priority beside the npm install, the build, lint and the dev-server suites.
  const serverBuild = command === 'test' ? buildTemporalServer(log, { background: true }) : undefined;
  serverBuild?.catch(() => undefined); // awaited by the production stage, which reports a failure
  ensureDependencies(log);
  if (process.env.RECTIFY_SKIP_BUILD !== '1') build(log);
  if (command === 'start') await startCommand();
  else if (command === 'test') process.exitCode = await testCommand(serverBuild);
  else if (command === 'test-production') process.exitCode = await testProductionCommand();
  else throw new UserError(`Unknown command "${command}": use "npm start", "npm test" or "npm run test:production".`);
} catch (err) {
  if (err instanceof UserError) {
    process.stderr.write(`[rectify] ${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`[rectify] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
