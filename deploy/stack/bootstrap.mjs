// What must be in place before the stack can start: npm packages and a build.
// Uses nothing but Node, because it runs before `npm ci` on a fresh clone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.mjs';
import { UserError } from './user-error.mjs';

function runOrFail(what, command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env });
  if (result.error) throw new UserError(`${what} could not run (${result.error.message}).`);
  if (result.status !== 0) throw new UserError(`${what} failed (exit ${result.status}); its output is above.`);
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new UserError(`Rectify needs Node.js 20.19 or newer (this is ${process.versions.node}): install a current Node.js 20 LTS or later.`);
  }
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

/**
 * Runs every project's Jest tests; resolves to the exit status. Asynchronous on purpose: the
 * launcher keeps supervising the stack meanwhile (tests kill services and expect them back).
 */
export function test(log, env) {
  log('testing…');
  return new Promise((resolveStatus) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'run-many', '-t', 'test', '--outputStyle=static'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: { ...NX_ENV, ...env },
    });
    child.once('exit', (code) => resolveStatus(code ?? 1));
    child.once('error', () => resolveStatus(1));
  });
}
