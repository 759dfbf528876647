import { describe, expect, it, afterAll } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** The launcher's last line on stderr, which is what a person reads. */
const lastLine = (output: string) => output.trim().split('\n').at(-1) ?? '';

describe('the launcher says what to do in one sentence', () => {
  const scratch: string[] = [];
  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  it('when the same stack is already running', () => {
    const { status, output } = launch(['start', '--profile', 'test'], {});
    expect(status).toBe(1);
    expect(lastLine(output)).toMatch(/^\[rectify\] Rectify \(test\) is already running as process \d+: .*stop it first/);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('when a port it needs is taken', async () => {
    const base = 7950;
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(base + 1, '127.0.0.1', () => r()));
    try {
      const { status, output } = launch(['start', '--profile', 'port-check'], { RECTIFY_PORT_BASE: String(base) });
      expect(status).toBe(1);
      expect(lastLine(output)).toMatch(/Port 7951 \(issues\) is already in use by another program: .*RECTIFY_PORT_BASE/);
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      server.close();
      rmSync(join(root, '.rectify', 'port-check'), { recursive: true, force: true });
    }
  });

  it('when a service is started without a variable it needs (it names the variable)', () => {
    const run = spawnSync(process.execPath, [join(root, 'services', 'issues', 'dist', 'main.js')], {
      env: { PATH: process.env['PATH'] ?? '', PORT: '7999', TEMPORAL_ADDRESS: '127.0.0.1:1', JWT_PUBLIC_KEYS: '{"keys":[]}' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr.trim()).toBe(
      'rectify-issues: Invalid configuration: DATABASE_URL is required (PostgreSQL connection URL); JWT_PUBLIC_KEYS must be a JWK set {"keys":[…]} with at least one key',
    );
  });

  it('when neither the Temporal CLI nor Go is there', () => {
    const cache = mkdtempSync(join(tmpdir(), 'rectify-empty-cache-'));
    scratch.push(cache);
    const path = [dirname(process.execPath), '/usr/bin', '/bin'].join(':');
    const hasGo = spawnSync('sh', ['-c', 'command -v go || command -v temporal'], { env: { PATH: path }, encoding: 'utf8' });
    expect(hasGo.stdout.trim()).toBe(''); // precondition: this PATH has neither
    const { status, output } = launch(['start', '--profile', 'no-go'], {
      PATH: path,
      RECTIFY_CACHE_DIR: cache,
      RECTIFY_PORT_BASE: '7980',
      TEMPORAL_ADDRESS: '',
    });
    rmSync(join(root, '.rectify', 'no-go'), { recursive: true, force: true });
    expect(status).toBe(1);
    expect(lastLine(output)).toMatch(/The Temporal CLI v1\.5\.1 is not installed and Go is not available to build it: install Go/);
    expect(output).not.toMatch(/\n\s+at /);
  });
});
