import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { temporalDataConverter } from '@rectify/platform';

/**
 * Replays recorded workflow histories through the current workflow bundles (without and with the
 * tracing interceptors: a worker may run either, see build-workflow-bundle.ts) and prints one JSON
 * line per history and bundle ({ file, bundle, ok, error }). Exit code 1 when any history no longer
 * replays.
 *   node services/worker/dist/replay.js [folder of *.json histories]
 * Record a history with `temporal workflow show -w <workflow id> -o json > file.json`.
 * Histories recorded since payloads are encrypted need the keys that sealed them: with
 * TEMPORAL_PAYLOAD_KEYS and TEMPORAL_PAYLOAD_KEY_ID set, the replayer decodes through the same codec
 * as the worker; payloads recorded before encryption replay either way.
 */
const dir = resolve(process.argv[2] ?? fileURLToPath(new URL('../histories/', import.meta.url)));
const bundles = ['workflow-bundle.js', 'workflow-bundle-traced.js'];
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const histories = files.map((file) => ({ workflowId: file.replace(/\.json$/, ''), history: JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown }));

let failed = 0;
const dataConverter = process.env['TEMPORAL_PAYLOAD_KEYS'] ? temporalDataConverter() : undefined;
for (const bundle of bundles) {
  const codePath = fileURLToPath(new URL(`./${bundle}`, import.meta.url));
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath }, ...(dataConverter ? { dataConverter } : {}) }, histories as never)) {
    if (result.error) failed += 1;
    process.stdout.write(`${JSON.stringify({ file: `${result.workflowId}.json`, bundle, ok: !result.error, error: result.error ? String(result.error) : null })}\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
