// One running stack per profile: a pid file, checked for a live process before starting.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './user-error.mjs';

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Throws the one-sentence answer when a launcher of this profile is already running. */
export function assertNotRunning(dir, profile) {
  let pid = NaN;
  try {
    pid = Number(readFileSync(join(dir, 'stack.pid'), 'utf8').trim());
  } catch {
    return; // no lock yet
  }
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
    throw new UserError(
      `Rectify (${profile}) is already running as process ${pid}: use that one, or stop it first (Ctrl-C in its terminal, or kill ${pid}).`,
    );
  }
}

export function acquireLock(dir, profile) {
  assertNotRunning(dir, profile);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'stack.pid');
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}
