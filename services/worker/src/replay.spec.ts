import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as workflows from '@rectify/workflows';

/**
 * Replays the committed histories (histories/*.json) through today's workflow bundle, in a child
 * process (the replayer's protobuf classes do not survive Jest's module sandbox). A change to
 * workflow code that would break a running workflow fails here; such a change needs `patched()`.
 */
const dir = fileURLToPath(new URL('../histories/', import.meta.url));
const replayer = fileURLToPath(new URL('./replay.js', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

/** The replayer's result lines (the SDK's own log lines may be interleaved on stdout). */
const resultsOf = (stdout: string) =>
  stdout.split('\n').filter((line) => line.startsWith('{"file"')).map((line) => JSON.parse(line) as { file: string; ok: boolean; error: string | null });

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
    const run = spawnSync(process.execPath, [replayer, dir], { encoding: 'utf8', timeout: 120_000 });
    const results = resultsOf(run.stdout);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.map((r) => r.file).sort()).toEqual(files);
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
    const run = spawnSync(process.execPath, [replayer, scratch], { encoding: 'utf8', timeout: 120_000 });
    spawnSync('rm', ['-rf', scratch]);
    expect(run.status).toBe(1);
    expect(resultsOf(run.stdout)).toEqual([expect.objectContaining({ file: 'probe.json', ok: false })]);
  });
});
