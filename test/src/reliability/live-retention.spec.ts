import { afterAll, describe, expect, it } from '@jest/globals';
import { pruneLiveEvents } from '@rectify/platform';
import { closeDb, db, LiveStream, LiveStreams, login, type LiveMessage } from '../harness/index.js';
import { register } from '../ledger/fixtures.js';

/**
 * The live-event logs are pruned (LIVE_EVENTS_RETENTION_HOURS, docs/web.md "Live updates"): a
 * stream that resumes from a position whose later events are gone is told to reload (`resync`)
 * instead of silently missing them; one whose later events are all kept resumes as before.
 * Serial: it ages rows of the shared log, which a resuming stream of another suite would notice.
 */
const streams = new LiveStreams();
const open = (username: string, lastEventId?: string) => streams.ready(username, lastEventId);
const readyId = (s: LiveStream) => s.messages.find((m) => m.event === 'ready')!.id!;
const about = (ledgerNo: string) => (m: LiveMessage) => m.json?.['ledgerNo'] === ledgerNo;

afterAll(async () => {
  await streams.closeAll();
  await closeDb();
});

/** Ages a problem's rows of issues.live_events by `days`, as if written that long ago. */
async function age(ledgerNo: string, days: number): Promise<number> {
  const { rowCount } = await db().query(`UPDATE issues.live_events SET at = at - make_interval(days => $2) WHERE data->>'ledgerNo' = $1`, [ledgerNo, days]);
  return rowCount ?? 0;
}

describe('live-event retention', () => {
  it('prunes only what is older than the retention, and a stream behind it is told to reload', async () => {
    const before = await open('jiandu');
    const start = readyId(before);
    await before.close();

    const gone = await register('e001-audit');
    const kept = await register('e001-audit');
    expect(await age(gone.ledgerNo, 400)).toBeGreaterThanOrEqual(2); // the problem and its registration trail event

    // A year's retention deletes the aged rows only.
    expect(await pruneLiveEvents(db(), 'issues', 365 * 24)).toBeGreaterThanOrEqual(2);
    const left = await db().query(`SELECT data->>'ledgerNo' AS ledger_no FROM issues.live_events WHERE data->>'ledgerNo' = ANY($1)`, [[gone.ledgerNo, kept.ledgerNo]]);
    expect(left.rows.map((r) => r.ledger_no)).not.toContain(gone.ledgerNo);
    expect(left.rows.map((r) => r.ledger_no)).toContain(kept.ledgerNo);
    const mark = await db().query(`SELECT tx::text, id::text FROM issues.live_events_pruned`);
    expect(mark.rows).toHaveLength(1);
    expect(BigInt(mark.rows[0].id)).toBeGreaterThan(0n);
    // Pruning again finds nothing more to delete.
    expect(await pruneLiveEvents(db(), 'issues', 365 * 24)).toBe(0);

    // Resuming from before the pruned rows: `resync` (with a cursor) before `ready`, and none of the pruned events.
    const behind = await LiveStream.open(await login('jiandu'), start);
    streams.keep(behind);
    expect(behind.status).toBe(200);
    await behind.next('ready after the resync', (m) => m.event === 'ready');
    const names = behind.messages.map((m) => m.event);
    expect(names.indexOf('resync')).toBeGreaterThanOrEqual(0);
    expect(names.indexOf('resync')).toBeLessThan(names.indexOf('ready'));
    const resync = behind.messages.find((m) => m.event === 'resync')!;
    expect(resync.id).toBe(readyId(behind));
    expect(resync.data).toContain('重新载入');
    expect(behind.messages.filter(about(gone.ledgerNo))).toEqual([]);

    // From the cursor it was given, it goes on live, with no further resync.
    const after = await register('e001-audit');
    await behind.next('a later problem', (m) => about(after.ledgerNo)(m) && m.json?.['type'] === 'problem');
    const again = await open('jiandu', readyId(behind));
    expect(again.messages.filter((m) => m.event === 'resync')).toEqual([]);
    await again.next('the later problem again', (m) => about(after.ledgerNo)(m) && m.json?.['type'] === 'problem');
  });

  it('resumes without a resync when everything after the position is kept', async () => {
    const first = await open('e001-audit');
    const from = readyId(first);
    await first.close();
    const problem = await register('e001-audit');
    const resumed = await open('e001-audit', from);
    await resumed.next('the problem registered while away', (m) => about(problem.ledgerNo)(m) && m.json?.['type'] === 'problem');
    expect(resumed.messages.filter((m) => m.event === 'resync')).toEqual([]);
  });
});
