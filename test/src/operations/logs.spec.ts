import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { defaultPayloadConverter } from '@temporalio/common';
import { problemWorkflowId } from '@rectify/contracts';
import { closeDb, closeTemporal, DEMO_PASSWORD, eventually, login, rawTemporal, stack } from '../harness/index.js';
import { registration } from '../ledger/fixtures.js';

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

type Line = Record<string, unknown>;
const PROCESSES = ['gateway', 'issues', 'notifications', 'joint-meeting', 'assessment', 'worker'];

/** The lines the running process wrote: its log from the last start on (the launcher appends). */
function linesOf(name: string): string[] {
  const all = readFileSync(join(stack().logDir, `${name}.log`), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const start = all.findLastIndex((l) => l.includes('Starting Nest application') || l.includes('polling task queue rectify-workflows'));
  return all.slice(Math.max(0, start));
}
const json = (name: string): Line[] => linesOf(name).map((l) => JSON.parse(l) as Line);

describe('one log format, with request ids from the gateway to the activities', () => {
  it('writes every line of every process as JSON with level, time, service and message', () => {
    for (const name of PROCESSES) {
      const lines = linesOf(name);
      expect(lines.length).toBeGreaterThan(0);
      const plain = lines.filter((l) => {
        try {
          const r = JSON.parse(l) as Line;
          return !(typeof r['level'] === 'string' && typeof r['time'] === 'string' && r['service'] === name && 'message' in r);
        } catch {
          return true;
        }
      });
      expect({ name, plain: plain.slice(0, 3) }).toEqual({ name, plain: [] });
    }
    // the Temporal SDK's own lines are among them
    expect(json('worker').some((l) => String(l['context']).startsWith('temporal'))).toBe(true);
  });

  it('answers with the request id, logs it at the gateway and the service, and passes it through the workflow to its activities', async () => {
    const requestId = `test-${randomUUID()}`;
    const res = await fetch(`${stack().urls.gateway}/api/issues/problems`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await login('e001-audit')}`, 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify(registration()),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    const ledgerNo = ((await res.json()) as { problem: { ledgerNo: string } }).problem.ledgerNo;

    const gateway = await eventually('the gateway access line', async () => json('gateway').find((l) => l['requestId'] === requestId && l['event'] === 'http'), 20_000);
    expect(gateway).toMatchObject({ method: 'POST', route: '/api/issues', status: 201 });
    const issues = await eventually('the service access line', async () => json('issues').find((l) => l['requestId'] === requestId && l['event'] === 'http'), 20_000);
    expect(issues).toMatchObject({ method: 'POST', route: '/problems', status: 201 });

    // a stage action under another id: its update, and the activity it leads to, carry that one
    const actionId = `test-${randomUUID()}`;
    const acted = await fetch(`${stack().urls.gateway}/api/issues/problems/${ledgerNo}/responsibility`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await login('e001-audit')}`, 'content-type': 'application/json', 'x-request-id': actionId },
      body: JSON.stringify({ responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['王五'] } }),
    });
    expect(acted.status).toBe(200);

    const history = await eventually('the problem workflow to run an activity', async () => {
      const h = await (await rawTemporal()).workflow.getHandle(problemWorkflowId(ledgerNo)).fetchHistory();
      return (h.events ?? []).some((e) => e.activityTaskScheduledEventAttributes) && h;
    }, 60_000);
    const idIn = (fields: Record<string, { data?: Uint8Array | null; metadata?: Record<string, Uint8Array> | null }> | null | undefined) => {
      const p = fields?.['rectify-request-id'];
      return p ? (defaultPayloadConverter.fromPayload(p as never) as string) : undefined;
    };
    const started = history.events!.find((e) => e.workflowExecutionStartedEventAttributes)!.workflowExecutionStartedEventAttributes!;
    expect(idIn(started.header?.fields as never)).toBe(requestId);
    const update = history.events!.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes)!.workflowExecutionUpdateAcceptedEventAttributes!;
    expect(idIn(update.acceptedRequest?.input?.header?.fields as never)).toBe(actionId);
    const scheduled = history.events!.filter((e) => e.activityTaskScheduledEventAttributes).map((e) => idIn(e.activityTaskScheduledEventAttributes!.header?.fields as never));
    expect(scheduled.length).toBeGreaterThan(0);
    expect(new Set(scheduled)).toEqual(new Set([actionId]));

    // a client's id that is not a short token is replaced, and the answer says by what
    const odd = await fetch(`${stack().urls.gateway}/api/issues/about`, { headers: { 'x-request-id': 'not ok' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes one event per login attempt, with no password and no unknown username', async () => {
    const stranger = `nobody-${randomUUID().slice(0, 8)}`;
    const wrong = `wrong-${randomUUID()}`;
    const attempt = (username: string, password: string) =>
      fetch(`${stack().urls.gateway}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    expect((await attempt('gaige', DEMO_PASSWORD)).status).toBe(200);
    expect((await attempt('chanquan', wrong)).status).toBe(401);
    expect((await attempt(stranger, wrong)).status).toBe(401);
    const events = await eventually('three login events', async () => {
      const found = json('gateway').filter((l) => l['event'] === 'login');
      const mine = [
        found.findLast((l) => l['outcome'] === 'success' && l['username'] === 'gaige'),
        found.findLast((l) => l['outcome'] === 'failure' && l['username'] === 'chanquan'),
        found.findLast((l) => l['outcome'] === 'failure' && l['reason'] === 'unknown-user'),
      ];
      return mine.every(Boolean) && (mine as Line[]);
    }, 20_000);
    expect(events[0]).toMatchObject({ level: 'log', role: 'member_unit_officer', address: expect.any(String), sessionId: expect.any(String) });
    expect(events[1]).toMatchObject({ level: 'warn', reason: 'wrong-password' });
    expect(events[2]).toMatchObject({ username: null });
    const log = readFileSync(join(stack().logDir, 'gateway.log'), 'utf8');
    expect(log).not.toContain(wrong);
    expect(log).not.toContain(stranger);
    expect(log).not.toContain(DEMO_PASSWORD);
  });
});
