import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { api, db, login } from '../harness/index.js';
import { act, approval, register } from './fixtures.js';

/**
 * A retried stage action is applied once (issue: every action counted once): the same
 * Idempotency-Key gives the same answer and one trail event; without a key, the rule that bounds the
 * corrected amount holds under concurrent requests.
 */
async function inRectification(amount = '100.00'): Promise<string> {
  const { ledgerNo: n } = await register('e001-audit', { amount });
  await act('e001-audit', n, 'responsibility', { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['王五'] } });
  await act('e001-business', n, 'plan', { measures: '清退补贴', milestones: [], targetDate: '2027-02-28' });
  await act('e001-leader', n, 'plan/approvals', approval('party_committee'));
  const ready = await act('e001-leader', n, 'plan/approvals', approval('board'));
  expect(ready.body.stage).toBe('rectify');
  return n;
}

async function progress(ledgerNo: string, body: unknown, key?: string) {
  return api('POST', `/api/issues/problems/${ledgerNo}/progress`, { token: await login('e001-business'), body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });
}

async function progressEvents(ledgerNo: string): Promise<number> {
  const rows = (await db().query(
    `SELECT count(*)::int AS n FROM issues.problem_events e JOIN issues.problems p ON p.id = e.problem_id WHERE p.ledger_no = $1 AND e.action = 'reportProgress'`,
    [ledgerNo],
  )).rows as { n: number }[];
  return rows[0]!.n;
}

const corrected = async (ledgerNo: string) => (await api('GET', `/api/issues/problems/${ledgerNo}`, { token: await login('jiandu') })).body.correctedAmount as string;

describe('stage actions happen once', () => {
  it('answers a request sent again with the same Idempotency-Key the same way, with one event', async () => {
    const n = await inRectification();
    const key = randomUUID();
    const body = { progress: '已清退全部补贴', correctedAmount: '100.00' };
    const first = await progress(n, body, key);
    expect(first.status).toBe(200);
    const again = await progress(n, body, key);
    expect(again.status).toBe(200);
    expect(again.body.correctedAmount).toBe('100.00');
    expect(await progressEvents(n)).toBe(1);

    // The same key at the same moment, twice more: still one event.
    const both = await Promise.all([progress(n, body, key), progress(n, body, key)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(await progressEvents(n)).toBe(1);
    expect(await corrected(n)).toBe('100.00');

    // The key with another body is refused, naming the header; nothing changes.
    const other = await progress(n, { progress: '另一次报送' }, key);
    expect(other.status).toBe(422);
    expect(JSON.stringify(other.body.message)).toContain('Idempotency-Key');
    expect(await progressEvents(n)).toBe(1);

    // A malformed key is refused before anything is stored.
    const bad = await progress(n, body, 'has space');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('Idempotency-Key');
  });

  it('keeps the corrected amount within the problem amount when reports arrive at the same moment', async () => {
    const n = await inRectification('100.00');
    const answers = await Promise.all([
      progress(n, { progress: '第一批清退', correctedAmount: '60.00' }),
      progress(n, { progress: '第二批清退', correctedAmount: '60.00' }),
      progress(n, { progress: '第三批清退', correctedAmount: '60.00' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 422, 422]);
    expect(await corrected(n)).toBe('60.00');
    expect(await progressEvents(n)).toBe(1);
  });
});
