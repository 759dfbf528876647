import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, payloadKeyEnv, stack, tokenKeyEnvironment } from '../harness/index.js';

const REPO = resolve(fileURLToPath(import.meta.url), '../../../..');
export const SERVICES = ['gateway', 'issues', 'notifications', 'joint-meeting', 'assessment', 'worker'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface Instance {
  name: ServiceName;
  port: number;
  /** The process this test started (absent for the launcher's own second instance). */
  child?: ChildProcess;
  /** The Temporal worker identity its workers use by default: `<pid>@<hostname>`. */
  identity: string;
  /** Sends `signal` to it; an instance of the launcher's is kept down until `releaseAll`. */
  kill(signal: NodeJS.Signals): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface Exit { name: string; pid: number; code: number | null; signal: NodeJS.Signals | null }

/** The pid the launcher recorded for process `name` (children.json), if it runs. */
function launcherPid(name: string): number | undefined {
  const children = JSON.parse(readFileSync(join(stack().stateDir, 'children.json'), 'utf8')) as { name: string; pid: number }[];
  return children.find((c) => c.name === name)?.pid;
}

/** How the launcher saw process `pid` end (exits.jsonl), once it has. */
function launcherExit(pid: number): Exit | undefined {
  const file = join(stack().stateDir, 'exits.jsonl');
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Exit).find((e) => e.pid === pid);
}

const holdFile = (name: string) => join(stack().stateDir, 'hold', name);

/**
 * The stack's own second instance of every process, when it runs two (the production topology,
 * stack.json `instances`); undefined on the dev server, where the test starts its own.
 */
export async function stackSecondInstances(started: Partial<Record<ServiceName, Instance>>): Promise<Record<ServiceName, Instance> | undefined> {
  const instances = stack().instances;
  if (!instances) return undefined;
  for (const name of SERVICES) {
    const { name: processName, port } = instances[name]![1]!;
    const pid = await eventually(`the launcher's ${processName}`, async () => launcherPid(processName), 60_000);
    await eventually(`${processName} (/health on ${port})`, async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 120_000);
    let killed = () => {};
    const wasKilled = new Promise<void>((r) => (killed = r));
    started[name] = {
      name,
      port,
      identity: `${pid}@${hostname()}`,
      kill(signal) {
        mkdirSync(join(stack().stateDir, 'hold'), { recursive: true });
        writeFileSync(holdFile(processName), `held by the scale test at ${new Date().toISOString()}\n`);
        process.kill(-pid, signal);
        killed();
      },
      exited: wasKilled
        .then(() => eventually(`${processName} (pid ${pid}) to exit`, async () => launcherExit(pid), 120_000, 200))
        .then(({ code, signal }) => ({ code, signal })),
    };
  }
  return started as Record<ServiceName, Instance>;
}

/** Lets the launcher restart the second instances this test held down, and waits until they answer. */
export async function releaseAll(instances: Partial<Record<ServiceName, Instance>>): Promise<void> {
  const described = stack().instances;
  if (!described) return;
  const held = Object.values(instances).filter((i): i is Instance => i !== undefined && !i.child).map((i) => described[i.name]![1]!);
  for (const { name } of held) rmSync(holdFile(name), { force: true });
  await Promise.all(held.map(({ name, port }) => eventually(`${name} back (/health on ${port})`, async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 240_000, 500)));
}

/** Ports of the second instances: the running stack's base + 40 … + 45. */
export const secondPorts = (): Record<ServiceName, number> => {
  const base = stack().ports['gateway']! + 40;
  return Object.fromEntries(SERVICES.map((name, i) => [name, base + i])) as Record<ServiceName, number>;
};

/** The environment the launcher gives its services (deploy/stack/services.mjs), aimed at the second instances. */
function environment(ports: Record<ServiceName, number>): NodeJS.ProcessEnv {
  const s = stack();
  const url = (name: ServiceName) => `http://127.0.0.1:${ports[name]}`;
  return {
    PATH: process.env['PATH'],
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    DATABASE_URL: s.infra.databaseUrl,
    TEMPORAL_ADDRESS: s.infra.temporalAddress,
    TEMPORAL_NAMESPACE: s.infra.temporalNamespace,
    SMTP_URL: s.infra.smtpUrl,
    JWT_PUBLIC_KEYS: tokenKeyEnvironment().JWT_PUBLIC_KEYS,
    ...payloadKeyEnv(),
    PUBLIC_URL: s.urls.gateway,
    ISSUES_URL: url('issues'),
    NOTIFICATIONS_URL: url('notifications'),
    JOINT_MEETING_URL: url('joint-meeting'),
    ASSESSMENT_URL: url('assessment'),
    EVIDENCE_DIR: join(s.stateDir, 'evidence'),
    MIGRATIONS_RUN: 'auto', // nothing is pending: the advisory lock is taken and released
  };
}

/**
 * Starts a second instance of every service and of the worker (or of `names` only, talking to the
 * services at `ports`), and waits until each is healthy.
 */
export async function startSecondInstances(
  started: Partial<Record<ServiceName, Instance>>,
  names: readonly ServiceName[] = SERVICES,
  ports: Record<ServiceName, number> = secondPorts(),
): Promise<Record<ServiceName, Instance>> {
  const env = environment(ports);
  for (const name of names) {
    const log = openSync(join(stack().logDir, `scale-${name}-2.log`), 'w');
    const child = spawn(process.execPath, ['--enable-source-maps', join(REPO, 'services', name, 'dist', 'main.js')], {
      cwd: REPO, env: { ...env, ...(name === 'gateway' ? { JWT_PRIVATE_KEY: tokenKeyEnvironment().JWT_PRIVATE_KEY } : {}), PORT: String(ports[name]) }, stdio: ['ignore', log, log],
    });
    closeSync(log); // the child has its own copy
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
    started[name] = { name, port: ports[name], child, identity: `${child.pid}@${hostname()}`, kill: (signal) => child.kill(signal), exited };
  }
  await Promise.all(names.map((name) => eventually(`second ${name} (/health on ${ports[name]})`, async () => {
    if (started[name]!.child!.exitCode !== null) throw new Error(`exited ${started[name]!.child!.exitCode}; see scale-${name}-2.log`);
    return (await fetch(`http://127.0.0.1:${ports[name]}/health`)).ok;
  }, 120_000)));
  return started as Record<ServiceName, Instance>;
}

/** Kills whatever this test started that still runs (after a failure too). */
export function killAll(instances: Partial<Record<ServiceName, Instance>>): void {
  for (const instance of Object.values(instances)) {
    if (instance?.child && instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGKILL');
  }
}
