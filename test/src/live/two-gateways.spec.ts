import { afterAll, describe, expect, it } from '@jest/globals';
import { closeDb, LiveStream, login, stack, type LiveMessage } from '../harness/index.js';
import { register } from '../ledger/fixtures.js';
import { type Instance, killAll, type ServiceName, startSecondInstances } from '../scale/instances.js';

/**
 * Two gateway instances on the same database: each LISTENs and reads the logs itself and serves
 * its own clients; a cursor given by one resumes on the other (docs/web.md, "Live updates").
 */
const second: Partial<Record<ServiceName, Instance>> = {};
const streams: LiveStream[] = [];

afterAll(async () => {
  await Promise.all(streams.map((s) => s.close()));
  killAll(second);
  await closeDb();
});

async function open(username: string, gateway: string, lastEventId?: string): Promise<LiveStream> {
  const s = await LiveStream.open(await login(username), lastEventId, gateway);
  streams.push(s);
  expect(s.status).toBe(200);
  await s.next(`ready for ${username} on ${gateway}`, (m) => m.event === 'ready');
  return s;
}

const problemEvent = (ledgerNo: string) => (m: LiveMessage) => m.json?.['type'] === 'problem' && m.json['ledgerNo'] === ledgerNo;
const about = (ledgerNo: string) => (m: LiveMessage) => m.json?.['ledgerNo'] === ledgerNo;

describe('live events with two gateway instances', () => {
  it('reach the clients of each, by the same rule, and resume on either', async () => {
    // A second gateway (stack port + 46) routing to the stack's own services.
    const ports = { ...stack().ports, gateway: stack().ports['gateway']! + 46 } as Record<ServiceName, number>;
    await startSecondInstances(second, ['gateway'], ports);
    const first = stack().urls.gateway;
    const other = `http://127.0.0.1:${ports.gateway}`;

    const onFirst = await open('jiandu', first);
    const start = onFirst.messages.find((m) => m.event === 'ready')!.id!;
    const onSecond = await open('jiandu', other);
    const enterpriseOnSecond = await open('e002-audit', other);

    const problem = await register('e001-audit');
    await onFirst.next('the problem on the first gateway', problemEvent(problem.ledgerNo));
    await onSecond.next('the problem on the second gateway', problemEvent(problem.ledgerNo));
    await onSecond.next('its trail on the second gateway', (m) => m.json?.['type'] === 'trail' && m.json['ledgerNo'] === problem.ledgerNo);
    await onFirst.next('its trail on the first gateway', (m) => m.json?.['type'] === 'trail' && m.json['ledgerNo'] === problem.ledgerNo);
    const data = (s: LiveStream) => s.events.filter(about(problem.ledgerNo)).map((m) => m.data);
    expect(data(onSecond)).toEqual(data(onFirst));

    const sentinel = await register('e002-audit', { enterpriseCode: 'E002' });
    await enterpriseOnSecond.next('E002’s own problem on the second gateway', problemEvent(sentinel.ledgerNo));
    expect(enterpriseOnSecond.messages.filter(about(problem.ledgerNo))).toEqual([]);

    // The first gateway's cursor, resumed on the second: the same events again.
    const resumed = await open('jiandu', other, start);
    await resumed.next('the trail again', (m) => m.json?.['type'] === 'trail' && m.json['ledgerNo'] === problem.ledgerNo);
    expect(data(resumed)).toEqual(data(onFirst));
  });
});
