// Where embedded PostgreSQL keeps its data and runs its binaries from. As root, PostgreSQL runs as
// the system user "postgres", which must reach its data directory and its binaries: every folder
// above them must let it pass (x for it as owner, group or other). A clone under /root (0700) does
// not, and initdb fails with EACCES. Then the data and a copy of the binaries live in a folder of
// this clone and profile under /var/tmp instead, owned by root and readable by all (the data
// directory itself stays 0700 and the postgres user's). The clone's own modes are left alone.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';
import { UserError } from './user-error.mjs';

/** Whether the user (uid, gid) may pass through every folder from the root down to `path`. */
export function canTraverse(path, { uid, gid }) {
  let dir = resolve(path);
  const { root } = parse(dir);
  const chain = [];
  while (true) {
    chain.push(dir);
    if (dir === root) break;
    dir = dirname(dir);
  }
  for (const d of chain) {
    if (!existsSync(d)) continue; // made later, by root, with 0755
    const st = statSync(d);
    const bit = st.uid === uid ? 0o100 : st.gid === gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return false;
  }
  return true;
}

/** The folder outside the clone for one profile's state: /var/tmp/rectify-<hash of the state folder>. */
export function outsideDir(stateDir, base = process.env.RECTIFY_PG_OUTSIDE_DIR ?? '/var/tmp') {
  const hash = createHash('sha256').update(resolve(stateDir)).digest('hex').slice(0, 16);
  return join(base, `rectify-${hash}`);
}

/** Makes (or checks) a folder root owns that nobody else may change: /var/tmp is writable by all. */
function ownedFolder(dir) {
  mkdirSync(dirname(dir), { recursive: true });
  try {
    mkdirSync(dir, { mode: 0o755 });
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
  }
  const st = lstatSync(dir);
  if (!st.isDirectory() || st.uid !== process.getuid() || (st.mode & 0o022) !== 0) {
    throw new UserError(`${dir} exists but is not a folder of this user that others cannot write to: remove it and start again.`);
  }
}

/**
 * Where to put the data directory and which initdb/postgres to run for the state folder `stateDir`.
 * `owner` is the postgres user's { uid, gid } when running as root, or {} otherwise.
 */
export function postgresPaths({ stateDir, owner, binaries }) {
  const inside = { dataDir: join(stateDir, 'pg'), ...binaries, outside: null };
  if (owner.uid === undefined) return inside;
  const reachable = canTraverse(stateDir, owner) && canTraverse(binaries.initdb, owner);
  if (reachable) return inside;
  const outside = outsideDir(stateDir);
  ownedFolder(outside);
  // The binaries: the platform package's native folder (bin, lib, share), copied once per version.
  const nativeDir = dirname(dirname(binaries.initdb));
  const version = JSON.parse(readFileSync(join(dirname(nativeDir), 'package.json'), 'utf8')).version;
  const copy = join(outside, `postgres-${version}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    const partial = `${copy}.partial`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    renameSync(partial, copy);
  }
  return { dataDir: join(outside, 'pg'), initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres'), outside };
}
