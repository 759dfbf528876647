// CPU time of the stack's processes, read from /proc: how much each one spends on a measured burst
// (user + system, all threads; PostgreSQL counts its postmaster and every backend under it, the
// backends that have ended included).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux for every architecture Rectify runs on). */
const TICKS_PER_SECOND = 100;

function statOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is the state (stat's 3rd field): ppid is the 4th, utime and stime the 14th and 15th,
    // cutime and cstime (children that ended and were waited for) the 16th and 17th.
    const ticks = (i) => Number(fields[i]);
    return { ppid: ticks(1), ownMs: ((ticks(11) + ticks(12)) * 1000) / TICKS_PER_SECOND, endedChildrenMs: ((ticks(13) + ticks(14)) * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined; // the process ended between the listing and the read
  }
}

/** The stack's processes by name (.rectify/<profile>/children.json). */
function stackProcesses(stack) {
  return JSON.parse(readFileSync(path.join(stack.raw.stateDir, 'children.json'), 'utf8'));
}

/**
 * CPU milliseconds each stack process has used so far (`bench client` is this process), keyed by
 * the launcher's names. A process's children count with it (PostgreSQL's backends).
 */
export function cpuSnapshot(stack) {
  const processes = stackProcesses(stack);
  const byPid = new Map(processes.map((p) => [p.pid, p.name]));
  const snapshot = Object.fromEntries(processes.map((p) => [p.name, 0]));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = statOf(pid);
    if (!stat) continue;
    // A stack process with what its ended children used; a live child of one (a backend) on its own.
    if (byPid.has(pid)) snapshot[byPid.get(pid)] += stat.ownMs + stat.endedChildrenMs;
    else if (byPid.has(stat.ppid)) snapshot[byPid.get(stat.ppid)] += stat.ownMs;
  }
  const own = process.cpuUsage();
  snapshot['bench client'] = (own.user + own.system) / 1000;
  return snapshot;
}

/** CPU ms per operation between two snapshots, by process. */
export function cpuPerOperation(before, after, operations) {
  return Object.fromEntries(Object.keys(after).map((name) => [name, (after[name] - (before[name] ?? 0)) / operations]));
}

/** Adds per-operation figures into a running total (several bursts of the same kind). */
export function addCpu(total, perOp, operations) {
  for (const [name, ms] of Object.entries(perOp)) total.ms[name] = (total.ms[name] ?? 0) + ms * operations;
  total.operations += operations;
  return total;
}

/**
 * Starts measuring a burst: samples the stack's idle use for `idleSampleMs`, then takes the burst's
 * first snapshot. Answers `finish(operations)`: CPU ms per operation by process since that snapshot,
 * less what the idle use would have come to over the same time (`perOp`), with the burst's wall time
 * (`wallMs`) and the cores the whole stack used over it on average, idle use included (`cores`).
 */
export async function startCpuBurst(stack, idleSampleMs) {
  const idleBefore = cpuSnapshot(stack);
  const idleSince = performance.now();
  await new Promise((r) => setTimeout(r, idleSampleMs));
  const idlePerMs = cpuPerOperation(idleBefore, cpuSnapshot(stack), performance.now() - idleSince);
  const before = cpuSnapshot(stack);
  const since = performance.now();
  return (operations) => {
    const after = cpuSnapshot(stack);
    const wallMs = performance.now() - since;
    const perOp = cpuPerOperation(before, after, operations);
    const cores = Object.values(perOp).reduce((s, ms) => s + ms, 0) * operations / wallMs;
    for (const name of Object.keys(perOp)) perOp[name] -= ((idlePerMs[name] ?? 0) * wallMs) / operations;
    return { perOp, wallMs, cores };
  };
}
