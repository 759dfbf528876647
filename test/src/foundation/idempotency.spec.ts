import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { api, closeDb, db, login } from '../harness/index.js';

/**
 * Every state-changing route takes an Idempotency-Key (issue: every action counted once): the
 * generic layer of libs/platform, shown on the joint-meeting office's notices.
 */
afterAll(async () => {
  await closeDb();
});

async function publish(as: string, body: unknown, key?: string) {
  return api('POST', '/api/joint-meeting/notices', { token: await login(as), body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });
}

const noticesTitled = async (title: string) => ((await db().query('SELECT count(*)::int AS n FROM joint_meeting.notices WHERE title = $1', [title])).rows[0] as { n: number }).n;

describe('Idempotency-Key on every state-changing route', () => {
  it('publishes once and answers a repeated request as the first time', async () => {
    const title = `关于整改进度的通报 ${randomUUID().slice(0, 8)}`;
    const body = { title, content: '部分企业整改进度滞后。' };
    const key = randomUUID();
    const first = await publish('lianxi', body, key);
    expect(first.status).toBe(201);
    const again = await publish('lianxi', body, key);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await noticesTitled(title)).toBe(1);

    // The key with another body: refused, naming the header, nothing published.
    const other = await publish('lianxi', { ...body, content: '另一份通报' }, key);
    expect(other.status).toBe(422);
    expect(JSON.stringify(other.body.message)).toContain('Idempotency-Key');
    expect(await noticesTitled(title)).toBe(1);

  });

  it('lets one of several requests sent at once with the same key through', async () => {
    const title = `并发通报 ${randomUUID().slice(0, 8)}`;
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3, 4].map(() => publish('lianxi', { title, content: '同时提交' }, key)));
    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id)).size).toBe(1);
    expect(await noticesTitled(title)).toBe(1);
  });

  it('answers a refused request sent again with the same refusal', async () => {
    const key = randomUUID();
    const refused = await publish('lianxi', { content: '没有标题' }, key);
    expect(refused.status).toBe(400);
    const again = await publish('lianxi', { content: '没有标题' }, key);
    expect(again.status).toBe(400);
    expect(again.body.message).toEqual(refused.body.message);
  });

  it('refuses a malformed key before doing anything', async () => {
    const title = `格式错误 ${randomUUID().slice(0, 8)}`;
    const res = await publish('lianxi', { title, content: '内容' }, 'x'.repeat(200));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('Idempotency-Key');
    expect(await noticesTitled(title)).toBe(0);
  });
});
