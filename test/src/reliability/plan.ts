/**
 * How big a fault run is. The short form runs in CI (`npm test`); the long form on demand with
 * RECTIFY_RELIABILITY=long (see docs/reliability.md). RECTIFY_RELIABILITY_SEED replays a run's
 * random kill moments.
 */
export interface FaultPlan {
  form: 'short' | 'long';
  /** Problems registered before the faults start. */
  problems: number;
  /** Deadlines are spread over this many policy days (= wall seconds) after the first week. */
  deadlineSpreadDays: number;
  /** Each of these processes is killed with SIGKILL this many times, at random moments. */
  killsPerProcess: number;
  /** PostgreSQL is stopped this long (ms) while timers keep falling due. */
  postgresOutageMs: number;
  seed: number;
}

export const KILLED_PROCESSES = ['worker', 'issues', 'notifications', 'joint-meeting', 'assessment', 'gateway', 'temporal'] as const;
export type KilledProcess = (typeof KILLED_PROCESSES)[number];

export function faultPlan(env: NodeJS.ProcessEnv = process.env): FaultPlan {
  const long = env['RECTIFY_RELIABILITY'] === 'long';
  const seed = env['RECTIFY_RELIABILITY_SEED'] ? Number(env['RECTIFY_RELIABILITY_SEED']) : Date.now() % 1_000_000;
  return long
    ? { form: 'long', problems: 500, deadlineSpreadDays: 90, killsPerProcess: 3, postgresOutageMs: 30_000, seed }
    : { form: 'short', problems: 150, deadlineSpreadDays: 40, killsPerProcess: 1, postgresOutageMs: 30_000, seed };
}

/** A small seeded generator (mulberry32), so that a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ScheduledFault {
  atMs: number;
  kind: 'kill' | 'postgres';
  process: KilledProcess | 'postgres';
}

/**
 * Random moments within `windowMs` for every kill of the plan, plus one PostgreSQL outage whose
 * start falls in the first half of the window; sorted by time.
 */
export function faultSchedule(plan: FaultPlan, windowMs: number): ScheduledFault[] {
  const random = seededRandom(plan.seed);
  const faults: ScheduledFault[] = [];
  for (const process of KILLED_PROCESSES) {
    for (let i = 0; i < plan.killsPerProcess; i++) faults.push({ atMs: Math.round(random() * windowMs), kind: 'kill', process });
  }
  if (plan.postgresOutageMs > 0) faults.push({ atMs: Math.round((0.1 + random() * 0.4) * windowMs), kind: 'postgres', process: 'postgres' });
  return faults.sort((a, b) => a.atMs - b.atMs);
}
