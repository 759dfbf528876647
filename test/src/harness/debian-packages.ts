import { execFileSync, spawnSync } from 'node:child_process';

/**
 * Debian packages the tests drive (Chromium, LibreOffice, poppler): found on PATH, or installed once
 * with apt-get (as root) so `npm test` on a fresh Debian machine needs nothing done by hand.
 */

/** The path of a command on PATH, or null. */
export function onPath(name: string): string | null {
  const r = spawnSync('sh', ['-c', 'command -v "$0"', name], { encoding: 'utf8' });
  const path = r.status === 0 ? r.stdout.trim() : '';
  return path.length > 0 ? path : null;
}

/** `apt-get install` the packages (no recommends); failures are left to the caller, which reports what is still missing. */
export function aptInstall(packages: string[]): void {
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update'], { stdio: 'ignore', env, timeout: 600_000 });
    execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...packages], { stdio: 'ignore', env, timeout: 900_000 });
  } catch {
    /* the caller reports what is still missing */
  }
}

/** Whether a font with Chinese glyphs is installed. */
export function hasChineseFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}
