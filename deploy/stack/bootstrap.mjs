// What must be in place before the stack can start: npm packages and a build.
// Uses nothing but Node, because it runs before `npm ci` on a fresh clone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { REPO_ROOT } from './paths.mjs';
import { UserError } from './user-error.mjs';
import { ensureProductionNode, PRODUCTION_NODE_VERSION } from './node-runtime.mjs';

function runOrFail(what, command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env });
  if (result.error) throw new UserError(`${what} could not run (${result.error.message}).`);
  if (result.status !== 0) throw new UserError(`${what} failed (exit ${result.status}); its output is above.`);
}

/**
 * Refuses a Node.js older than 20.19; returns a warning for one outside package.json's engines
 * (20.19+ for development, 24.11+ — production's Node 24 LTS), which nobody tests.
 */
export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new UserError(`Rectify needs Node.js 20.19 or newer (this is ${process.versions.node}): install Node.js 24 LTS.`);
  }
  const supported = (major === 20 && minor >= 19) || (major === 24 && minor >= 11);
  return supported ? undefined : `Node.js ${process.versions.node} is not one Rectify is tested on (20.19+ and 24.11+, see package.json engines); going on.`;
}

/** Runs `npm ci` when node_modules is missing or older than package-lock.json. */
export function ensureDependencies(log) {
  const lock = join(REPO_ROOT, 'package-lock.json');
  const installed = join(REPO_ROOT, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm packages (npm ci)…');
  runOrFail('npm ci', 'npm', ['ci', '--no-audit', '--no-fund']);
}

const npx = (args, env) => runOrFail(`nx ${args.join(' ')}`, process.execPath, [join(REPO_ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), ...args], env);

export const NX_ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_NX_CACHE: process.env.NX_SKIP_NX_CACHE ?? '' };

/** Builds every project (incremental: unchanged projects come from Nx's cache). */
export function build(log) {
  log('building…');
  npx(['run-many', '-t', 'build', '--outputStyle=static'], NX_ENV);
}

export function lint(log) {
  log('linting…');
  npx(['run-many', '-t', 'lint', '--outputStyle=static'], NX_ENV);
}

const nxTest = (args, env) => new Promise((resolveStatus) => {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'run-many', '-t', 'test', '--outputStyle=static', ...args], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...NX_ENV, ...env },
  });
  child.once('exit', (code) => resolveStatus(code ?? 1));
  child.once('error', () => resolveStatus(1));
});

/**
 * Runs every project's Jest tests, then the unit and service suites (every project but the
 * end-to-end one in test/) once more on production's Node 24 LTS when this Node is another major;
 * resolves to the exit status. Asynchronous on purpose: the launcher keeps supervising the stack
 * meanwhile (tests kill services and expect them back).
 */
export async function test(log, env) {
  log('testing…');
  const status = await nxTest([], env);
  if (process.versions.node.split('.')[0] === PRODUCTION_NODE_VERSION.split('.')[0]) return status;
  const bin = ensureProductionNode(log);
  log(`unit and service suites again on Node.js ${PRODUCTION_NODE_VERSION} (production's)…`);
  // Each project's test script runs `node …jest.js`: the `node` first on PATH is Node 24's.
  const onNode24 = await nxTest(['--exclude=@rectify/test'], { ...env, PATH: `${bin}${delimiter}${process.env.PATH}` });
  log(`unit and service suites on Node.js ${PRODUCTION_NODE_VERSION} ${onNode24 === 0 ? 'passed' : 'FAILED'}`);
  return status || onNode24;
}

/**
 * The suites that run a second time on the production topology (docs/operations.md): the workflow
 * timers and the notifications, the scale test (one of every process stopped mid-work) and the
 * short fault suite (kill -9 of every process, one Temporal service among them; PostgreSQL down 30 s).
 */
export const PRODUCTION_SUITES = [
  { name: 'workflows and notifications', config: 'jest.config.js', paths: ['dist/workflows/', 'dist/notifications/'] },
  { name: 'scale', config: 'jest.config.js', paths: ['dist/scale/'] },
  { name: 'short fault suite', config: 'jest.serial.config.js', paths: ['dist/reliability/faults.spec.js'] },
];

const jest = (config, paths, env) => new Promise((resolveStatus) => {
  const child = spawn(process.execPath, ['--experimental-vm-modules', join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', config, ...paths], {
    cwd: join(REPO_ROOT, 'test'),
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  child.once('exit', (code) => resolveStatus(code ?? 1));
  child.once('error', () => resolveStatus(1));
});

/**
 * Starts a fresh production-topology stack on `profile` and `portBase` (Temporal Server from
 * `serverBuild`, or built now), runs PRODUCTION_SUITES against it one after the other, stops it;
 * resolves to the exit status (1 also when the stack does not start). Each step's duration is
 * logged, for the CI budget.
 */
export async function testProductionTopology(log, { profile, serverBuild, portBase }) {
  const { startStack } = await import('./stack.mjs');
  const since = (t) => `${((Date.now() - t) / 1000).toFixed(0)} s`;
  let t = Date.now();
  log(`starting a fresh production-topology stack (profile ${profile})…`);
  let stack;
  try {
    stack = await startStack({ profile, fresh: true, log, topology: 'production', serverBuild, portBase });
  } catch (err) {
    log(`the production-topology stack did not start: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  log(`production-topology stack up in ${since(t)}`);
  stack.processes.onUnexpectedExit = (name, code, signal) => log(`${name} exited (${code ?? signal}); restarting it`);
  const stopOnSignal = async () => {
    await stack.stop();
    process.exit(130);
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  let status = 0;
  try {
    for (const suite of PRODUCTION_SUITES) {
      t = Date.now();
      log(`production topology: ${suite.name}…`);
      const result = await jest(suite.config, suite.paths, { RECTIFY_STACK_FILE: join(stack.stateDir, 'stack.json') });
      log(`production topology: ${suite.name} ${result === 0 ? 'passed' : 'FAILED'} in ${since(t)}`);
      status = status || result;
    }
  } finally {
    await stack.stop();
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
  }
  return status;
}
