// The pinned Temporal CLI: a `temporal` on PATH of the pinned build, else the one cached outside
// the repo, else built once with `go install` into that cache.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cacheDir } from './paths.mjs';
import { UserError } from './user-error.mjs';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
/** `temporal --version` of the pinned build prints "0.0.0-DEV (Server 1.29.1, UI 2.42.1)". */
export const TEMPORAL_SERVER_MARK = 'Server 1.29.1';

function isPinned(binary) {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return result.status === 0 && result.stdout.includes(TEMPORAL_SERVER_MARK);
}

function hasGo() {
  return spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
}

export function ensureTemporalCli(log) {
  const explicit = process.env.RECTIFY_TEMPORAL_CLI;
  if (explicit) {
    if (!isPinned(explicit)) throw new UserError(`RECTIFY_TEMPORAL_CLI (${explicit}) is not the pinned Temporal CLI ${TEMPORAL_CLI_VERSION} (${TEMPORAL_SERVER_MARK}).`);
    return explicit;
  }
  if (isPinned('temporal')) return 'temporal';
  const binDir = join(cacheDir(), 'bin');
  const cached = join(binDir, 'temporal');
  if (existsSync(cached) && isPinned(cached)) return cached;
  if (!hasGo()) {
    throw new UserError(
      `The Temporal CLI ${TEMPORAL_CLI_VERSION} is not installed and Go is not available to build it: install Go 1.22 or newer and run this again, put the pinned temporal binary on PATH (or in RECTIFY_TEMPORAL_CLI), or set TEMPORAL_ADDRESS to a running Temporal server.`,
    );
  }
  mkdirSync(binDir, { recursive: true });
  log(`building the pinned Temporal CLI ${TEMPORAL_CLI_VERSION} into ${binDir} (once; about 5 minutes on two cores)…`);
  const build = spawnSync('go', ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: binDir, CGO_ENABLED: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0 || !isPinned(cached)) {
    throw new UserError(`Building the Temporal CLI with "go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}" failed (see the Go output above): check that the Go module proxy is reachable, or put the pinned temporal binary on PATH.`);
  }
  return cached;
}
