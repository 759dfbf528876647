import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import * as workflows from '@rectify/workflows';
import { payloadCodecFrom } from '@rectify/platform';

/**
 * Replays the committed histories (histories/*.json) through today's workflow bundles — without
 * and with the tracing interceptors, since a worker runs either — in a child process (the
 * replayer's protobuf classes do not survive Jest's module sandbox). A change to workflow code that
 * would break a running workflow fails here; such a change needs `patched()`.
 */
const dir = fileURLToPath(new URL('../histories/', import.meta.url));
const replayer = fileURLToPath(new URL('./replay.js', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

/** The replayer's result lines (the SDK's own log lines may be interleaved on stdout). */
const resultsOf = (stdout: string) =>
  stdout.split('\n').filter((line) => line.startsWith('{"file"')).map((line) => JSON.parse(line) as { file: string; bundle: string; ok: boolean; error: string | null });
const BUNDLES = ['workflow-bundle.js', 'workflow-bundle-traced.js'];
/** The same expectation for each bundle, in the replayer's order. */
const perBundle = <T extends object>(result: T) => BUNDLES.map((bundle) => ({ ...result, bundle }));
/** Replaying twice as many histories takes a while on a loaded machine. */
const REPLAY_TIMEOUT_MS = 300_000;

describe('workflow replay over recorded histories', () => {
  it('has a history of every workflow type', () => {
    const types = new Set(
      files.map((f) => {
        const history = JSON.parse(readFileSync(`${dir}${f}`, 'utf8')) as { events: { workflowExecutionStartedEventAttributes?: { workflowType: { name: string } } }[] };
        return history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType.name;
      }),
    );
    // Every workflow the bundle exports has at least one recorded history.
    const exported = Object.entries(workflows).filter(([name, value]) => typeof value === 'function' && name.endsWith('Workflow')).map(([name]) => name);
    expect(exported.length).toBeGreaterThanOrEqual(3);
    expect([...types].sort()).toEqual(exported.sort());
  });

  it('replays every history without a determinism error', () => {
    const run = spawnSync(process.execPath, [replayer, dir], { encoding: 'utf8', timeout: REPLAY_TIMEOUT_MS });
    const results = resultsOf(run.stdout);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    for (const bundle of BUNDLES) expect(results.filter((r) => r.bundle === bundle).map((r) => r.file).sort()).toEqual(files);
    expect(run.status).toBe(0);
  });

  it('fails a history the workflow code no longer produces', () => {
    // A recorded history with one activity turned into another: replay must see the divergence.
    const tampered = JSON.parse(readFileSync(`${dir}probe.json`, 'utf8')) as { events: { activityTaskScheduledEventAttributes?: { activityType: { name: string } } }[] };
    const scheduled = tampered.events.find((e) => e.activityTaskScheduledEventAttributes);
    scheduled!.activityTaskScheduledEventAttributes!.activityType.name = 'somethingElse';
    const scratch = fileURLToPath(new URL('../.replay-scratch/', import.meta.url));
    spawnSync('mkdir', ['-p', scratch]);
    spawnSync('sh', ['-c', `cat > ${scratch}probe.json`], { input: JSON.stringify(tampered) });
    const run = spawnSync(process.execPath, [replayer, scratch], { encoding: 'utf8', timeout: REPLAY_TIMEOUT_MS });
    spawnSync('rm', ['-rf', scratch]);
    expect(run.status).toBe(1);
    expect(resultsOf(run.stdout)).toEqual(perBundle({ file: 'probe.json', ok: false }).map((r) => expect.objectContaining(r)));
  });

  it('replays a history whose payloads are encrypted, with the keys, and fails without them', async () => {
    // A recorded history sealed the way the worker now seals it (a fresh key, never stored).
    const keys = { TEMPORAL_PAYLOAD_KEYS: `replay-test:${randomBytes(32).toString('base64')}`, TEMPORAL_PAYLOAD_KEY_ID: 'replay-test' };
    const codec = payloadCodecFrom(keys);
    const history = JSON.parse(readFileSync(`${dir}problem-lifecycle-closed.json`, 'utf8')) as unknown;
    let sealed = 0;
    const seal = async (node: unknown, key = ''): Promise<unknown> => {
      if (Array.isArray(node)) return Promise.all(node.map((n) => seal(n)));
      if (!node || typeof node !== 'object' || key === 'searchAttributes' || key === 'header') return node;
      const record = node as Record<string, unknown>;
      const metadata = record['metadata'] as Record<string, string> | undefined;
      if (metadata && typeof metadata === 'object' && 'encoding' in metadata) {
        const payload = {
          metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
          data: new Uint8Array(Buffer.from(String(record['data'] ?? ''), 'base64')),
        };
        const [out] = await codec.encode([payload]);
        sealed += 1;
        return {
          metadata: Object.fromEntries(Object.entries(out!.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
          data: Buffer.from(out!.data!).toString('base64'),
        };
      }
      const entries = await Promise.all(Object.entries(record).map(async ([k, v]) => [k, await seal(v, k)] as const));
      return Object.fromEntries(entries);
    };
    const encrypted = JSON.stringify(await seal(history));
    expect(sealed).toBeGreaterThan(5);
    expect(encrypted).not.toContain('json/plain');
    const scratch = fileURLToPath(new URL('../.replay-scratch/encrypted/', import.meta.url));
    spawnSync('mkdir', ['-p', scratch]);
    spawnSync('sh', ['-c', `cat > ${scratch}problem-lifecycle-closed.json`], { input: encrypted });
    try {
      const withKeys = spawnSync(process.execPath, [replayer, scratch], { encoding: 'utf8', timeout: REPLAY_TIMEOUT_MS, env: { ...process.env, ...keys } });
      expect(resultsOf(withKeys.stdout)).toEqual(perBundle({ file: 'problem-lifecycle-closed.json', ok: true, error: null }).map((r) => ({ file: r.file, bundle: r.bundle, ok: r.ok, error: r.error })));
      expect(withKeys.status).toBe(0);
      const { TEMPORAL_PAYLOAD_KEYS: _k, TEMPORAL_PAYLOAD_KEY_ID: _i, ...withoutKeys } = process.env;
      const blind = spawnSync(process.execPath, [replayer, scratch], { encoding: 'utf8', timeout: REPLAY_TIMEOUT_MS, env: withoutKeys });
      expect(resultsOf(blind.stdout)).toEqual(perBundle({ file: 'problem-lifecycle-closed.json', ok: false }).map((r) => expect.objectContaining(r)));
      expect(blind.status).toBe(1);
    } finally {
      spawnSync('rm', ['-rf', scratch]);
    }
  });
});
