#!/usr/bin/env node
// Validates the production manifests offline:
//   k8s      every manifest in deploy/k8s (and its examples) and deploy/temporal/*-job.yaml with
//            kubeconform, strict, against the Kubernetes JSON schemas (k8s-schemas.mjs)
//   compose  deploy/compose/compose.yaml as `docker compose config` loads it (compose-go)
// Usage: node deploy/tools/validate.mjs [k8s|compose]...   (both when none is named)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../stack/paths.mjs';
import { ensureGoTool } from './go-tool.mjs';
import { ensureKubernetesSchemas, KUBERNETES_VERSION } from './k8s-schemas.mjs';

export const KUBECONFORM_VERSION = 'v0.7.0';
const yamlIn = (dir) => readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));

export function manifestFiles() {
  return [
    ...yamlIn(join(REPO_ROOT, 'deploy/k8s')),
    ...yamlIn(join(REPO_ROOT, 'deploy/k8s/examples')),
    ...yamlIn(join(REPO_ROOT, 'deploy/temporal')).filter((f) => f.endsWith('-job.yaml')),
  ];
}

/** Runs kubeconform over `files`; returns its exit status and output. */
export function validateManifests(files = manifestFiles(), log = () => {}) {
  const kubeconform = ensureGoTool({
    name: 'kubeconform', install: `github.com/yannh/kubeconform/cmd/kubeconform@${KUBECONFORM_VERSION}`, versionMark: `mod github.com/yannh/kubeconform ${KUBECONFORM_VERSION}`, log,
  });
  const schemas = ensureKubernetesSchemas(log);
  const result = spawnSync(kubeconform, [
    '-strict', '-summary', '-output', 'text', '-kubernetes-version', KUBERNETES_VERSION,
    '-schema-location', `${schemas}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
    ...files,
  ], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Loads the compose file as `docker compose config` does; returns its status and output. */
export function validateCompose(file = join(REPO_ROOT, 'deploy/compose/compose.yaml'), env = {}, log = () => {}) {
  const composeConfig = ensureGoTool({
    name: 'rectify-compose-config', dir: join(REPO_ROOT, 'deploy/tools/compose-config'), versionFlag: '-version', versionMark: 'rectify-compose-config 1', log,
  });
  const result = spawnSync(composeConfig, [file], { encoding: 'utf8', env: { PATH: process.env.PATH, POSTGRES_PASSWORD: 'validate-only', JWT_PUBLIC_KEYS: '{"keys":[]}', JWT_PRIVATE_KEY: '{}', TEMPORAL_PAYLOAD_KEYS: `validate-only:${Buffer.alloc(32).toString('base64')}`, TEMPORAL_PAYLOAD_KEY_ID: 'validate-only', ...env } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const what = process.argv.slice(2).length ? process.argv.slice(2) : ['k8s', 'compose'];
  const log = (m) => process.stderr.write(`[validate] ${m}\n`);
  let failed = false;
  if (what.includes('k8s')) {
    const { status, output } = validateManifests(manifestFiles(), log);
    process.stdout.write(output);
    failed ||= status !== 0;
  }
  if (what.includes('compose')) {
    const { status, output } = validateCompose(undefined, {}, log);
    process.stdout.write(status === 0 ? 'compose.yaml: valid\n' : output);
    failed ||= status !== 0;
  }
  process.exit(failed ? 1 : 0);
}
