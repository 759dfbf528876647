import { accessSync, constants } from 'node:fs';
import { aptInstall, hasChineseFont, onPath } from '../harness/debian-packages.js';

/**
 * The browser the console's tests drive: Debian's `chromium` package (Playwright's own browser
 * download cannot work here). Found on PATH (or at CHROMIUM_PATH); when missing, installed once with
 * apt-get (as root), so `npm test` on a fresh Debian machine needs nothing done by hand. A font
 * with Chinese glyphs (fonts-wqy-zenhei) is installed the same way when none is present.
 */
const CANDIDATES = ['chromium', 'chromium-browser'];

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
