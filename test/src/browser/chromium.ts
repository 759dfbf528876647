import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/**
 * The browser the console's tests drive: Debian's `chromium` package (Playwright's own browser
 * download cannot work here). Found on PATH (or at CHROMIUM_PATH); when missing, installed once with
 * apt-get (as root), so `npm test` on a fresh Debian machine needs nothing done by hand. A font
 * with Chinese glyphs (fonts-wqy-zenhei) is installed the same way when none is present.
 */
const CANDIDATES = ['chromium', 'chromium-browser'];

function onPath(name: string): string | null {
  const r = spawnSync('sh', ['-c', 'command -v "$0"', name], { encoding: 'utf8' });
  const path = r.status === 0 ? r.stdout.trim() : '';
  return path.length > 0 ? path : null;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(): string | null {
  const explicit = process.env['CHROMIUM_PATH'];
  if (explicit) return executable(explicit) ? explicit : null;
  for (const name of CANDIDATES) {
    const found = onPath(name);
    if (found) return found;
  }
  return null;
}

let installed: string | undefined;

function aptInstall(packages: string[]): void {
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update'], { stdio: 'ignore', env, timeout: 600_000 });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'ignore', env, timeout: 900_000 });
  } catch {
    /* the caller reports what is still missing */
  }
}

/** Whether a font with Chinese glyphs is installed (else the screenshots show boxes). */
function hasChineseFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

/** The Chromium executable, installing Debian's package with apt-get when none is found. */
export function ensureChromium(): string {
  if (installed) return installed;
  let path = findChromium();
  if (!path && !process.env['CHROMIUM_PATH']) {
    aptInstall(['chromium', 'fonts-wqy-zenhei']);
    path = findChromium();
  }
  if (!path) {
    throw new Error('No Chromium for the browser tests: it is not on PATH (or CHROMIUM_PATH) and `apt-get install -y chromium` failed — install Debian\'s chromium package as root, or set CHROMIUM_PATH.');
  }
  // Chinese glyphs for readable screenshots; the tests do not depend on them.
  if (!hasChineseFont()) aptInstall(['fonts-wqy-zenhei']);
  installed = path;
  return path;
}
