// Polling helpers used while the stack comes up.
import { execFile } from 'node:child_process';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves when `probe()` returns truthy; rejects with `what` after `timeoutMs`. */
export async function waitFor(what, probe, { timeoutMs = 90_000, intervalMs = 250, isDead = () => null } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    const dead = isDead();
    if (dead) throw new Error(`${what} exited before it was ready (${dead})`);
    try {
      if (await probe()) return;
    } catch (err) {
      lastError = err;
    }
    await sleep(intervalMs);
  }
  throw new Error(`${what} was not ready after ${timeoutMs / 1000}s${lastError ? ` (${lastError.message})` : ''}`);
}

export async function httpOk(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
  return res.ok;
}

export function run(command, args, options = {}) {
  return new Promise((resolveRun, rejectRun) => {
    execFile(command, args, { timeout: options.timeoutMs ?? 30_000, env: options.env ?? process.env, uid: options.uid, gid: options.gid }, (err, stdout, stderr) => {
      if (err) rejectRun(Object.assign(err, { stdout, stderr }));
      else resolveRun({ stdout, stderr });
    });
  });
}
