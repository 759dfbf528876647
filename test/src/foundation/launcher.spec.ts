import { describe, expect, it, afterAll } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { stack } from '../harness/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const launcher = join(root, 'deploy', 'bin', 'rectify.mjs');

function launch(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [launcher, ...args], {
    cwd: root,
    env: { ...process.env, RECTIFY_SKIP_BUILD: '1', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Listens on `port` of the loopback, or answers null when another program holds it. */
function listenOn(port: number): Promise<Server | null> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(null));
    server.listen(port, '127.0.0.1', () => done(server));
  });
}

/**
 * A port base whose every port the launcher checks (base … base + 80) is free just now. Never one in
 * the kernel's ephemeral range, where the client sockets of everything else running (other test
 * files, another stack) take ports at random; never a fixed one, which another stack may hold.
 */
async function freeBase(): Promise<number> {
  const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  const lowest = 10_100; // 10 000 would put the mailbox on 10 080, a port fetch refuses
  const slots = Math.floor(((ephemeralLow ?? 32_768) - 100 - lowest) / 100);
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = lowest + 100 * Math.floor(Math.random() * slots);
    const held: Server[] = [];
    let free = true;
    for (let port = base; port <= base + 80 && free; port++) {
      const server = await listenOn(port);
      if (server) held.push(server);
      else free = false;
    }
    await Promise.all(held.map((server) => new Promise<void>((r) => server.close(() => r()))));
    if (free) return base;
  }
  throw new Error('no free block of 81 ports found on the loopback');
}

/** A free port base (above) with its issues port (base + 1) held here: the taken port the launcher must name. */
async function baseWithIssuesPortTaken(): Promise<{ base: number; holder: Server }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = await freeBase();
    const holder = await listenOn(base + 1);
    if (holder) return { base, holder };
  }
  throw new Error('no free block of ports found on the loopback');
}

/** The launcher's last line on stderr, which is what a person reads. */
const lastLine = (output: string) => output.trim().split('\n').at(-1) ?? '';

describe('the launcher says what to do in one sentence', () => {
  const scratch: string[] = [];
  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  it('when the same stack is already running', () => {
    // the stack these tests run against (npm test's `test`, or RECTIFY_STACK_FILE's), started from this clone:
    // never a profile that is not running, which this would start for real
    const { profile, stateDir } = stack();
    expect(resolve(stateDir).startsWith(resolve(root, '.rectify'))).toBe(true);
    const { status, output } = launch(['start', '--profile', profile], {});
    expect(status).toBe(1);
    expect(lastLine(output)).toMatch(new RegExp(`^\\[rectify\\] Rectify \\(${profile}\\) is already running as process \\d+: .*stop it first`));
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('when a port it needs is taken', async () => {
    const { base, holder: server } = await baseWithIssuesPortTaken();
    try {
      const { status, output } = launch(['start', '--profile', 'port-check'], { RECTIFY_PORT_BASE: String(base) });
      expect(status).toBe(1);
      expect(lastLine(output)).toMatch(new RegExp(`Port ${base + 1} \\(issues\\) is already in use by another program: .*RECTIFY_PORT_BASE`));
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      server.close();
      rmSync(join(root, '.rectify', 'port-check'), { recursive: true, force: true });
    }
  });

  it('when a service is started without a variable it needs (it names the variable)', () => {
    const run = spawnSync(process.execPath, [join(root, 'services', 'issues', 'dist', 'main.js')], {
      env: { PATH: process.env['PATH'] ?? '', PORT: '7999', TEMPORAL_ADDRESS: '127.0.0.1:1', JWT_PUBLIC_KEYS: '{"keys":[]}', TEMPORAL_PAYLOAD_KEYS: 'k:short' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr.trim()).toBe(
      'rectify-issues: Invalid configuration: DATABASE_URL is required (PostgreSQL connection URL); JWT_PUBLIC_KEYS must be a JWK set {"keys":[…]} with at least one key; ' +
        'TEMPORAL_PAYLOAD_KEYS key "k" must be 32 bytes in base64 (e.g. `openssl rand -base64 32`), got 3 bytes; TEMPORAL_PAYLOAD_KEY_ID is required (id of the key in TEMPORAL_PAYLOAD_KEYS that encrypts new payloads)',
    );
  });

  it('when neither the Temporal CLI nor Go is there', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'rectify-empty-cache-'));
    scratch.push(cache);
    const path = [dirname(process.execPath), '/usr/bin', '/bin'].join(':');
    const hasGo = spawnSync('sh', ['-c', 'command -v go || command -v temporal'], { env: { PATH: path }, encoding: 'utf8' });
    expect(hasGo.stdout.trim()).toBe(''); // precondition: this PATH has neither
    const { status, output } = launch(['start', '--profile', 'no-go'], {
      PATH: path,
      RECTIFY_CACHE_DIR: cache,
      RECTIFY_PORT_BASE: String(await freeBase()),
      TEMPORAL_ADDRESS: '',
    });
    rmSync(join(root, '.rectify', 'no-go'), { recursive: true, force: true });
    expect(status).toBe(1);
    expect(lastLine(output)).toMatch(/The Temporal CLI v1\.5\.1 is not installed and Go is not available to build it: install Go/);
    expect(output).not.toMatch(/\n\s+at /);
  });
});

describe('embedded PostgreSQL in a clone its system user cannot reach', () => {
  const stackModule = async <T>(name: string): Promise<T> => (await import(pathToFileURL(join(root, 'deploy', 'stack', name)).href)) as T;
  type Paths = {
    canTraverse: (path: string, who: { uid: number; gid: number }) => boolean;
    outsideDir: (stateDir: string) => string;
  };

  it('knows whether a user may pass through every folder above a path', async () => {
    const { canTraverse } = await stackModule<Paths>('postgres-paths.mjs');
    const top = mkdtempSync(join(tmpdir(), 'rectify-traverse-'));
    try {
      mkdirSync(join(top, 'clone', '.rectify'), { recursive: true });
      const stranger = { uid: 54321, gid: 54321 };
      chmodSync(top, 0o755);
      expect(canTraverse(join(top, 'clone', '.rectify', 'dev'), stranger)).toBe(true);
      chmodSync(top, 0o700); // like /root
      expect(canTraverse(join(top, 'clone', '.rectify', 'dev'), stranger)).toBe(false);
      expect(canTraverse(join(top, 'clone', '.rectify', 'dev'), { uid: process.getuid!(), gid: process.getgid!() })).toBe(true);
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });

  it('starts PostgreSQL for a state folder under a 0700 folder (as root: data outside the clone, the clone left 0700)', async () => {
    const { outsideDir } = await stackModule<Paths>('postgres-paths.mjs');
    const { startPostgres } = await stackModule<{ startPostgres: (o: object) => Promise<{ url: string }> }>('postgres.mjs');
    const { ProcessGroup } = await stackModule<{ ProcessGroup: new (dir: string) => { stopAll: () => Promise<void> } }>('processes.mjs');
    const home = mkdtempSync(join(tmpdir(), 'rectify-home-'));
    chmodSync(home, 0o700);
    const stateDir = join(home, 'clone', '.rectify', 'pg-reach');
    mkdirSync(stateDir, { recursive: true });
    const processes = new ProcessGroup(stateDir);
    const port = await new Promise<number>((done) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => done(p));
      });
    });
    try {
      const { url } = await startPostgres({ dir: stateDir, port, processes });
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await client.end();
      expect(statSync(home).mode & 0o777).toBe(0o700);
      const root = process.getuid!() === 0;
      // as root PostgreSQL runs as "postgres", which cannot pass the 0700 folder: its data is outside
      expect(existsSync(join(outsideDir(stateDir), 'pg', 'PG_VERSION'))).toBe(root);
      expect(existsSync(join(stateDir, 'pg', 'PG_VERSION'))).toBe(!root);
    } finally {
      await processes.stopAll();
      rmSync(outsideDir(stateDir), { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('the launcher\'s token keys', () => {
  it('makes an Ed25519 pair per profile in 0600 files and gives the private key to the gateway alone', async () => {
    const { tokenKeys } = (await import(pathToFileURL(join(root, 'deploy', 'stack', 'token-keys.mjs')).href)) as {
      tokenKeys: (dir: string) => { privateKey: string; publicKeys: string; privateKeyFile: string; publicKeysFile: string };
    };
    const { serviceEnvironment, environmentOf } = (await import(pathToFileURL(join(root, 'deploy', 'stack', 'services.mjs')).href)) as {
      serviceEnvironment: (o: object) => Record<string, string>;
      environmentOf: (name: string, env: Record<string, string>) => Record<string, string>;
    };
    const dir = mkdtempSync(join(tmpdir(), 'rectify-keys-'));
    try {
      const keys = tokenKeys(dir);
      expect(statSync(keys.privateKeyFile).mode & 0o777).toBe(0o600);
      expect(statSync(keys.publicKeysFile).mode & 0o777).toBe(0o600);
      expect(JSON.parse(keys.privateKey)).toMatchObject({ kty: 'OKP', crv: 'Ed25519', d: expect.any(String) });
      const published = JSON.parse(keys.publicKeys) as { keys: Record<string, unknown>[] };
      expect(published.keys).toHaveLength(1);
      expect(published.keys[0]).not.toHaveProperty('d');
      expect(tokenKeys(dir).privateKey).toBe(keys.privateKey); // kept across starts
      const env = serviceEnvironment({ infra: {}, ports: { gateway: 1, temporalUi: 2, issues: 3, notifications: 4, 'joint-meeting': 5, assessment: 6 }, keys });
      for (const name of ['issues', 'notifications', 'joint-meeting', 'assessment', 'worker']) {
        expect([name, environmentOf(name, env)['JWT_PRIVATE_KEY']]).toEqual([name, undefined]);
        expect(environmentOf(name, env)['JWT_PUBLIC_KEYS']).toBe(keys.publicKeys);
      }
      expect(environmentOf('gateway', env)['JWT_PRIVATE_KEY']).toBe(keys.privateKey);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
