import { afterAll, describe, expect, it } from '@jest/globals';
import { api, closeDb, db, login } from '../harness/index.js';
import { act, register, registration } from './fixtures.js';

const count = async (docNumber: string) =>
  Number((await db().query('SELECT count(*) FROM issues.problems WHERE doc_number = $1', [docNumber])).rows[0].count);


afterAll(async () => {
  await closeDb();
});

describe('ledger: registration, scope and confidentiality over HTTP', () => {
  it('registers idempotently: the same document and item give the existing problem', async () => {
    const body = registration();
    const token = await login('e001-audit');
    const first = await api('POST', '/api/issues/problems', { token, body });
    const again = await api('POST', '/api/issues/problems', { token, body });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect(again.body.problem.ledgerNo).toBe(first.body.problem.ledgerNo);
    expect(await count(body.document.number)).toBe(1);
    expect(first.body.problem.deadline).toBe('2027-04-15'); // issue date + 6 months by default
  });

  it.each([
    ['a missing title', { title: undefined }, 'title'],
    ['an amount with three decimals', { amount: '12.345' }, 'amount'],
    ['a negative amount', { amount: '-5' }, 'amount'],
    ['a date that does not exist', { document: { type: 'decision', number: 'X〔2026〕1号', issuer: '市审计局', issueDate: '2026-02-30' } }, 'document.issueDate'],
    ['an unknown source', { source: 'rumour' }, 'source'],
    ['an extra field', { colour: 'red' }, 'colour'],
    ['control characters', { title: 'a\u0007b' }, 'title'],
    ['a huge description', { description: 'x'.repeat(5001) }, 'description'],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_what, overrides, field) => {
    const body = registration(overrides);
    const res = await api('POST', '/api/issues/problems', { token: await login('e001-audit'), body });
    expect(res.status).toBe(400);
    expect((res.body.fields as { field: string }[]).map((f) => f.field)).toContain(field);
    expect(await count(body.document.number)).toBe(0);
  });

  it('refuses a deadline beyond six months unless a special reason is recorded', async () => {
    const token = await login('jiandu');
    const body = registration({ deadline: '2027-04-16' });
    const refused = await api('POST', '/api/issues/problems', { token, body });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/^deadline/);
    expect(await count(body.document.number)).toBe(0);
    const allowed = await api('POST', '/api/issues/problems', { token, body: { ...body, specialReason: '涉及司法程序，需待判决' } });
    expect(allowed.status).toBe(201);
  });

  it('refuses an unknown enterprise, and an enterprise user registering for another enterprise', async () => {
    const unknown = await api('POST', '/api/issues/problems', { token: await login('jiandu'), body: registration({ enterpriseCode: 'E999' }) });
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toMatch(/^enterpriseCode/);
    const other = await api('POST', '/api/issues/problems', { token: await login('e002-audit'), body: registration({ enterpriseCode: 'E001' }) });
    expect(other.status).toBe(403);
  });

  it('answers another enterprise’s problem with 404 for reading and for acting, and leaves it out of lists', async () => {
    const problem = await register('e001-audit');
    const outsider = await login('e002-audit');
    expect((await api('GET', `/api/issues/problems/${problem.ledgerNo}`, { token: outsider })).status).toBe(404);
    const acting = await act('e002-audit', problem.ledgerNo, 'responsibility', { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['王五'] } });
    expect(acting.status).toBe(404);
    const list = await api('GET', `/api/issues/problems?q=${encodeURIComponent(problem.ledgerNo)}`, { token: outsider });
    expect(list.body.total).toBe(0);
    const own = await api('GET', `/api/issues/problems?q=${encodeURIComponent(problem.ledgerNo)}`, { token: await login('e001-business') });
    expect(own.body.items.map((p: { ledgerNo: string }) => p.ledgerNo)).toEqual([problem.ledgerNo]);
  });

  it('shows a confidential problem only to the roles of SPEC §9 and the enterprise’s own people', async () => {
    const problem = await register('e001-audit', { confidentiality: 'confidential' });
    const sees = async (who: string) => (await api('GET', `/api/issues/problems/${problem.ledgerNo}`, { token: await login(who) })).status;
    for (const who of ['jiandu', 'fenguan', 'dangwei', 'jijian', 'e001-audit', 'e001-business', 'e001-leader']) expect([who, await sees(who)]).toEqual([who, 200]);
    for (const who of ['chushi', 'kaohe', 'ganbu', 'gaige', 'e002-audit', 'yunwei']) expect([who, await sees(who)]).toEqual([who, 404]);
    const list = await api('GET', `/api/issues/problems?confidentiality=confidential&pageSize=200`, { token: await login('chushi') });
    expect(list.body.total).toBe(0);
    const open = await register('e001-audit');
    expect(await (async () => (await api('GET', `/api/issues/problems/${open.ledgerNo}`, { token: await login('chushi') })).status)()).toBe(200);
  });

  it('filters, sorts and pages the ledger', async () => {
    const token = await login('jiandu');
    const tagged = await register('e001-audit', { tags: ['inflated_performance'], title: '虚增收入问题' });
    const byTag = await api('GET', '/api/issues/problems?tag=inflated_performance&stage=assign&sort=deadline&order=asc&pageSize=200', { token });
    expect(byTag.status).toBe(200);
    expect(byTag.body.items.map((p: { ledgerNo: string }) => p.ledgerNo)).toContain(tagged.ledgerNo);
    expect(byTag.body.items.every((p: { tags: string[]; stage: string }) => p.tags.includes('inflated_performance') && p.stage === 'assign')).toBe(true);
    const paged = await api('GET', '/api/issues/problems?page=1&pageSize=2', { token });
    expect(paged.body.items).toHaveLength(2);
    expect(paged.body.total).toBeGreaterThanOrEqual(3);
    const bad = await api('GET', '/api/issues/problems?pageSize=500&overdue=maybe&deadlineFrom=2026-13-01', { token });
    expect(bad.status).toBe(400);
    expect((bad.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['deadlineFrom', 'overdue', 'pageSize']);
  });

  it('detects an edited trail row', async () => {
    const problem = await register('e001-audit');
    const token = await login('jiandu');
    await act('e001-audit', problem.ledgerNo, 'responsibility', { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['王五'] } });
    expect((await api('GET', `/api/issues/audit/verify?ledgerNo=${problem.ledgerNo}`, { token })).body.intact).toBe(true);
    // Ordinary updates are refused by the table itself …
    await expect(db().query(`UPDATE issues.problem_events SET reason = 'x' WHERE problem_id = $1`, [problem.id])).rejects.toThrow(/append-only/);
    // … so tamper as a superuser would, behind the trigger's back.
    const original = (await db().query('SELECT actor_name FROM issues.problem_events WHERE problem_id = $1 AND seq = 1', [problem.id])).rows[0].actor_name as string;
    const client = await db().connect();
    try {
      await client.query('SET session_replication_role = replica');
      await client.query(`UPDATE issues.problem_events SET actor_name = '他人' WHERE problem_id = $1 AND seq = 1`, [problem.id]);
      const verdict = await api('GET', `/api/issues/audit/verify?ledgerNo=${problem.ledgerNo}`, { token });
      expect(verdict.body.intact).toBe(false);
      expect(verdict.body.breaks[0]).toMatchObject({ seq: 1 });
    } finally {
      // Put the row back so the whole ledger verifies again for the tests after this one.
      await client.query('UPDATE issues.problem_events SET actor_name = $2 WHERE problem_id = $1 AND seq = 1', [problem.id, original]);
      await client.query('SET session_replication_role = origin');
      client.release();
    }
  });
});
