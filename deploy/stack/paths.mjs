// Where the launcher keeps things: state per profile inside the repo (git-ignored),
// the pinned Temporal CLI in a cache outside it.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** State of one profile (dev, test): database files, Temporal's SQLite file, logs, lock. */
export function stateDir(profile) {
  return join(REPO_ROOT, '.rectify', profile);
}

/** Cache shared by every clone on this machine: the Temporal CLI built from source. */
export function cacheDir() {
  return process.env.RECTIFY_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'rectify');
}
