import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { eventually, stack } from '../harness/index.js';

/** The pid the launcher recorded for `name` (.rectify/<profile>/children.json), if it runs. */
export function pidOf(name: string): number | undefined {
  const children = JSON.parse(readFileSync(join(stack().stateDir, 'children.json'), 'utf8')) as { name: string; pid: number }[];
  return children.find((c) => c.name === name)?.pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The process a fault of the plan's `temporal` kills: the dev server, or on the production topology
 * one of Temporal Server's service processes, picked by the run's seed (so a failing run replays).
 */
export function temporalProcessFor(seed: number): string {
  const services = stack().infra.temporalProcesses;
  return services?.length ? services[seed % services.length]! : 'temporal';
}

/** kill -9 of a process of the stack (its whole process group), then waits for the launcher to restart it. */
export async function killAndAwaitRestart(name: string): Promise<{ before: number; after: number }> {
  const before = pidOf(name);
  if (!before) throw new Error(`the stack runs no process named ${name}`);
  process.kill(-before, 'SIGKILL');
  const after = await eventually(`the launcher to restart ${name}`, async () => {
    const pid = pidOf(name);
    return pid !== undefined && pid !== before && alive(pid) ? pid : undefined;
  }, 30_000, 100);
  return { before, after };
}

const holdFile = (name: string) => join(stack().stateDir, 'hold', name);

/**
 * kill -9 of a process of the stack, kept down for `ms` by its hold file (the launcher waits while
 * it exists before restarting the process), then let go; waits until it runs again. `during` runs
 * while it is down.
 */
export async function holdDownFor(name: string, ms: number, log: (m: string) => void = () => {}, during?: () => Promise<void>): Promise<void> {
  const before = pidOf(name);
  if (!before) throw new Error(`the stack runs no process named ${name}`);
  mkdirSync(join(stack().stateDir, 'hold'), { recursive: true });
  writeFileSync(holdFile(name), `held by the fault suite at ${new Date().toISOString()}\n`);
  try {
    process.kill(-before, 'SIGKILL');
    await eventually(`${name} to stop`, async () => !alive(before), 30_000, 100);
    log(`${name} killed (pid ${before}); holding it down for ${ms} ms`);
    // `during` runs while the process is down; it must end within the hold
    await Promise.all([new Promise((r) => setTimeout(r, ms)), during?.()]);
  } finally {
    rmSync(holdFile(name), { force: true });
  }
  await eventually(`the launcher to restart ${name}`, async () => {
    const pid = pidOf(name);
    return pid !== undefined && pid !== before && alive(pid) ? pid : undefined;
  }, 60_000, 200);
}

/**
 * Stops PostgreSQL (fast shutdown) and keeps it down for `ms` by a hold file the launcher honours
 * before it restarts a crashed process (deploy/stack/processes.mjs), then lets it start again and
 * waits until it answers. The caller must not hold pooled connections across the outage.
 */
export async function stopPostgresFor(ms: number, log: (m: string) => void = () => {}, during?: () => Promise<void>): Promise<void> {
  const pid = pidOf('postgres');
  if (!pid) throw new Error('the stack runs no embedded PostgreSQL (DATABASE_URL points elsewhere?)');
  mkdirSync(join(stack().stateDir, 'hold'), { recursive: true });
  writeFileSync(holdFile('postgres'), `held by the fault suite at ${new Date().toISOString()}\n`);
  try {
    process.kill(pid, 'SIGINT');
    await eventually('PostgreSQL to stop', async () => !alive(pid), 30_000, 100);
    log(`PostgreSQL stopped (pid ${pid}); holding it down for ${ms} ms`);
    // `during` runs while PostgreSQL is down; it must end within the hold
    await Promise.all([new Promise((r) => setTimeout(r, ms)), during?.()]);
  } finally {
    rmSync(holdFile('postgres'), { force: true });
  }
  await eventually('PostgreSQL to answer again', async () => {
    const client = new pg.Client({ connectionString: stack().infra.databaseUrl });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }, 60_000, 250);
  log('PostgreSQL answers again');
}

/** Each Rectify process's answer to a probe path on its own port (0 when it does not answer). */
export async function probeAll(path: string): Promise<Record<string, number>> {
  const s = stack();
  const answers: Record<string, number> = {};
  for (const name of ['gateway', 'issues', 'notifications', 'joint-meeting', 'assessment', 'worker']) {
    answers[name] = await fetch(`http://127.0.0.1:${s.ports[name]}${path}`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.status, () => 0);
  }
  return answers;
}

/** Waits until every Rectify process answers /health on its own port. */
export async function awaitHealthy(timeoutMs = 120_000): Promise<void> {
  const s = stack();
  for (const name of ['gateway', 'issues', 'notifications', 'joint-meeting', 'assessment', 'worker']) {
    await eventually(`${name} to be healthy`, async () => {
      const res = await fetch(`http://127.0.0.1:${s.ports[name]}/health`, { signal: AbortSignal.timeout(3000) });
      return res.ok;
    }, timeoutMs, 250);
  }
}
