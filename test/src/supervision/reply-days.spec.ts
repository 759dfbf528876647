import { afterAll, describe, expect, it } from '@jest/globals';
import { addDays, localDateOf } from '@rectify/domain';
import { api, closeDb, closeTemporal, login } from '../harness/index.js';

const today = () => localDateOf(Date.now(), { utcOffsetMinutes: 480 });
const ask = async (extra: Record<string, unknown>) =>
  api('POST', '/api/issues/supervision/explanations', { token: await login('jiandu'), body: { enterpriseCode: 'E001', topic: '整改进度滞后', details: '请书面说明原因', ...extra } });

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

describe('the reply period of a written explanation', () => {
  it('is the policy default (15 days) unless the request gives its own, within 1 to 60 days', async () => {
    expect((await ask({})).body.replyBy).toBe(addDays(today(), 15));
    const thirty = await ask({ replyDays: 30 });
    expect(thirty.status).toBe(201);
    expect(thirty.body.replyBy).toBe(addDays(today(), 30));
    const tooLong = await ask({ replyDays: 61 });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.message).toMatch(/^replyDays：/);
    for (const bad of [0, 1.5, '20']) {
      const res = await ask({ replyDays: bad });
      expect(res.status).toBe(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['replyDays']);
    }
  });
});
