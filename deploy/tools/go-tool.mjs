// Builds a pinned Go tool once into the cache outside the repo (~/.cache/rectify/bin, like the
// Temporal CLI) and returns its path; a cached binary whose version line matches is reused.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cacheDir } from '../stack/paths.mjs';

/** The binary's `versionFlag` output, or without one the module lines of `go version -m`. */
function versionOf(binary, flag) {
  const result = flag
    ? spawnSync(binary, [flag], { encoding: 'utf8', timeout: 20_000 })
    : spawnSync('go', ['version', '-m', binary], { encoding: 'utf8', timeout: 20_000 });
  return result.status === 0 ? `${result.stdout}${result.stderr}`.replace(/\s+/g, ' ').trim() : undefined;
}

/**
 * `install` is a `go install` target (module@version) or { dir } of a Go module in this repo to
 * `go build`. Throws with the Go output when the build fails.
 */
export function ensureGoTool({ name, install, dir, versionFlag, versionMark, log = () => {} }) {
  const binDir = join(cacheDir(), 'bin');
  const binary = join(binDir, name);
  if (existsSync(binary) && versionOf(binary, versionFlag)?.includes(versionMark)) return binary;
  if (spawnSync('go', ['version']).status !== 0) throw new Error(`${name} is not built yet and Go is not installed to build it (Go 1.24 or newer).`);
  mkdirSync(binDir, { recursive: true });
  const started = Date.now();
  log(`building ${name} into ${binDir} (once)…`);
  const env = { ...process.env, GOBIN: binDir, CGO_ENABLED: '0' };
  const build = dir
    ? spawnSync('go', ['build', '-o', binary, '.'], { cwd: dir, env, encoding: 'utf8' })
    : spawnSync('go', ['install', install], { env, encoding: 'utf8' });
  if (build.status !== 0 || !versionOf(binary, versionFlag)?.includes(versionMark)) {
    throw new Error(`building ${name} failed:\n${build.stdout ?? ''}${build.stderr ?? ''}`);
  }
  log(`built ${name} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return binary;
}
