import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { addDays, localDateOf } from '@rectify/domain';
import { api, closeDb, closeTemporal, db, eventually, login, stack, temporal } from '../harness/index.js';
import { register } from '../ledger/fixtures.js';
import { download, recordVisit, visitBody } from './fixtures.js';

const today = () => localDateOf(Date.now(), { utcOffsetMinutes: 480 });
const count = async (table: string) => Number((await db().query(`SELECT count(*) FROM issues.${table}`)).rows[0].count);

let open: { ledgerNo: string };
let secret: { ledgerNo: string };
let other: { ledgerNo: string };

beforeAll(async () => {
  open = await register('e001-audit', { enterpriseCode: 'E001' });
  secret = await register('e001-audit', { enterpriseCode: 'E001', confidentiality: 'confidential', title: '涉密问题：某军工配套项目资金挪用' });
  other = await register('e002-audit', { enterpriseCode: 'E002' });
});

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

describe('supervision visits (入户督办) over HTTP', () => {
  it('records a visit with its five topics, shows it in the problem detail, and keeps other enterprises out', async () => {
    const res = await api('POST', '/api/issues/supervision/records', { token: await login('dudao'), body: visitBody('E001', [open.ledgerNo], { reason: '年度第一次入户督办' }) });
    expect(res.status).toBe(201);
    expect(res.body.topics.map((t: { label: string }) => t.label)).toEqual(['组织领导', '整改方案', '决策事项', '整改进展', '整改成效']);
    expect(res.body.problems.map((p: { ledgerNo: string }) => p.ledgerNo)).toEqual([open.ledgerNo]);
    expect(res.body.events).toEqual([expect.objectContaining({ kind: 'recorded', actorRole: 'supervision_group', actorName: expect.any(String), reason: '年度第一次入户督办' })]);
    const id = res.body.id as string;

    const detail = await api('GET', `/api/issues/problems/${open.ledgerNo}`, { token: await login('jiandu') });
    expect(detail.body.supervisionRecords.map((r: { id: string }) => r.id)).toContain(id);
    expect((await api('GET', `/api/issues/problems/${open.ledgerNo}`, { token: await login('e001-business') })).body.supervisionRecords.map((r: { id: string }) => r.id)).toContain(id);

    expect((await api('GET', `/api/issues/supervision/records/${id}`, { token: await login('e001-audit') })).status).toBe(200);
    expect((await api('GET', `/api/issues/supervision/records/${id}`, { token: await login('e002-audit') })).status).toBe(404);
    expect((await api('GET', `/api/issues/supervision/records/${id}`, { token: await login('yunwei') })).status).toBe(403);
    const e002List = await api('GET', '/api/issues/supervision/records?pageSize=200', { token: await login('e002-leader') });
    expect(e002List.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect(e002List.body.items.every((r: { enterpriseCode: string }) => r.enterpriseCode === 'E002')).toBe(true);
    const byProblem = await api('GET', `/api/issues/supervision/records?ledgerNo=${open.ledgerNo}`, { token: await login('jiandu') });
    expect(byProblem.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
  });

  it('lets only the supervision group record visits', async () => {
    for (const who of ['e001-audit', 'e001-leader', 'jiandu', 'chushi', 'yunwei']) {
      const res = await api('POST', '/api/issues/supervision/records', { token: await login(who), body: visitBody('E001', [open.ledgerNo]) });
      expect([who, res.status]).toEqual([who, 403]);
    }
  });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const before = [await count('supervision_records'), await count('supervision_events')];
    const token = await login('dudao');
    const shape = await api('POST', '/api/issues/supervision/records', {
      token,
      body: { ...visitBody('E001', [open.ledgerNo]), team: [], topics: { organisation: '有', plan: '有', decisions: '有', progress: '有' }, findings: '', extra: 1 },
    });
    expect(shape.status).toBe(400);
    expect(shape.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['extra', 'findings', 'team', 'topics.results']);
    const future = await api('POST', '/api/issues/supervision/records', { token, body: visitBody('E001', [open.ledgerNo], { visitDate: addDays(today(), 3) }) });
    expect(future.status).toBe(400);
    expect(future.body.fields).toEqual([{ field: 'visitDate', reasons: [expect.stringContaining('不能晚于今天')] }]);
    const foreign = await api('POST', '/api/issues/supervision/records', { token, body: visitBody('E001', [open.ledgerNo, other.ledgerNo]) });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields).toEqual([{ field: 'ledgerNos', reasons: [expect.stringContaining(other.ledgerNo)] }]);
    const unknown = await api('POST', '/api/issues/supervision/records', { token, body: visitBody('E999', [open.ledgerNo]) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields[0].field).toBe('enterpriseCode');
    expect([await count('supervision_records'), await count('supervision_events')]).toEqual(before);
  });

  it('keeps a visit covering a 涉密 problem from those who may not read it', async () => {
    const visit = await recordVisit('E001', [open.ledgerNo, secret.ledgerNo]);
    expect(visit.confidential).toBe(true);
    for (const who of ['jiandu', 'dudao', 'jijian', 'e001-audit']) {
      expect([who, (await api('GET', `/api/issues/supervision/records/${visit.id}`, { token: await login(who) })).status]).toEqual([who, 200]);
    }
    for (const who of ['chushi', 'kaohe', 'gaige']) {
      const token = await login(who);
      expect([who, (await api('GET', `/api/issues/supervision/records/${visit.id}`, { token })).status]).toEqual([who, 404]);
      const list = await api('GET', '/api/issues/supervision/records?enterpriseCode=E001&pageSize=200', { token });
      expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(visit.id);
      expect(JSON.stringify(list.body)).not.toContain(secret.ledgerNo);
      // The non-confidential problem it also covered is readable, but its detail does not show the visit.
      const detail = await api('GET', `/api/issues/problems/${open.ledgerNo}`, { token });
      expect(detail.status).toBe(200);
      expect(detail.body.supervisionRecords.map((r: { id: string }) => r.id)).not.toContain(visit.id);
      expect(JSON.stringify(detail.body)).not.toContain('军工');
    }
  });

  it('attaches evidence files to a visit record, with checksum, type check and the same visibility', async () => {
    const visit = await recordVisit('E001', [open.ledgerNo]);
    const content = Buffer.from('%PDF-1.7\n督办现场照片说明\n');
    const upload = async (who: string, name: string, bytes: Buffer, type: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
      const res = await fetch(`${stack().urls.gateway}/api/issues/supervision/records/${visit.id}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${await login(who)}` }, body: form });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect((await upload('e001-audit', 'scene.pdf', content, 'application/pdf')).status).toBe(403);
    expect((await upload('dudao', 'scene.pdf', Buffer.from('MZ binary'), 'application/pdf')).status).toBe(400);
    const saved = await upload('dudao', 'scene.pdf', content, 'application/pdf');
    expect(saved.status).toBe(201);
    expect(saved.body['sha256']).toBe(createHash('sha256').update(content).digest('hex'));
    const fileId = saved.body['id'] as string;
    const got = await download('e001-leader', `/api/issues/supervision/records/${visit.id}/evidence/${fileId}`);
    expect(got.status).toBe(200);
    expect(got.body.equals(content)).toBe(true);
    expect((await download('e002-audit', `/api/issues/supervision/records/${visit.id}/evidence/${fileId}`)).status).toBe(404);
    // Not reachable as the problem's evidence: it belongs to the record.
    expect((await download('jiandu', `/api/issues/problems/${open.ledgerNo}/evidence/${fileId}`)).status).toBe(404);
    const detail = await api('GET', `/api/issues/supervision/records/${visit.id}`, { token: await login('jiandu') });
    expect(detail.body.evidence.map((e: { id: string }) => e.id)).toEqual([fileId]);
    expect(detail.body.events.map((e: { kind: string }) => e.kind)).toEqual(['recorded', 'evidence_added']);
  });
});

describe('written explanations (书面说明) over HTTP', () => {
  it('runs a round: request, reply by its date, answer, guidance — each by its own role, other enterprises kept out', async () => {
    const officer = await login('jiandu');
    expect((await api('POST', '/api/issues/supervision/explanations', { token: await login('e001-audit'), body: { enterpriseCode: 'E001', topic: '进度', details: '说明' } })).status).toBe(403);
    const bad = await api('POST', '/api/issues/supervision/explanations', { token: officer, body: { enterpriseCode: 'E001', topic: '', details: '请说明', ledgerNos: [other.ledgerNo] } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['topic']);

    const asked = await api('POST', '/api/issues/supervision/explanations', {
      token: officer,
      body: { enterpriseCode: 'E001', topic: '整改进度滞后', details: '请书面说明整改进度滞后的情况并分析原因', ledgerNos: [open.ledgerNo], reason: '月度督办发现进度滞后' },
    });
    expect(asked.status).toBe(201);
    const id = asked.body.id as string;
    expect(asked.body).toMatchObject({ status: 'requested', statusLabel: '待说明', replyBy: addDays(today(), 15), workflowId: `explanation-${id}` });
    expect(asked.body.problems.map((p: { ledgerNo: string }) => p.ledgerNo)).toEqual([open.ledgerNo]);
    const view = await eventually('the workflow view', async () => (await api('GET', `/api/issues/supervision/explanations/${id}`, { token: officer })).body.workflow);
    expect(view).toMatchObject({ status: 'requested', replyBy: addDays(today(), 15) });
    expect(view.upcomingReminders.map((r: { offsetDays: number }) => r.offsetDays)).toEqual([7, 1]);

    // E002 cannot see it, nor answer it; E001 is told of it.
    expect((await api('GET', `/api/issues/supervision/explanations/${id}`, { token: await login('e002-audit') })).status).toBe(404);
    expect((await api('POST', `/api/issues/supervision/explanations/${id}/answer`, { token: await login('e002-audit'), body: { content: '说明', causes: '原因' } })).status).toBe(404);
    expect((await api('GET', '/api/issues/supervision/explanations?pageSize=200', { token: await login('e002-audit') })).body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    const told = await eventually('the request notice', async () => {
      const res = await api<{ items: { type: string; link: string | null }[] }>('GET', '/api/notifications/inbox?pageSize=50', { token: await login('e001-audit') });
      return (res.body.items ?? []).find((i) => i.type === 'explanation_requested' && (i.link ?? '').endsWith(id));
    });
    expect(told).toBeDefined();

    // Guidance waits for the answer; the answer must name situation and causes.
    expect((await api('POST', `/api/issues/supervision/explanations/${id}/guidance`, { token: officer, body: { guidance: '尽快整改' } })).status).toBe(409);
    const missing = await api('POST', `/api/issues/supervision/explanations/${id}/answer`, { token: await login('e001-audit'), body: { content: '已推进' } });
    expect(missing.status).toBe(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual(['causes']);
    const answered = await api('POST', `/api/issues/supervision/explanations/${id}/answer`, { token: await login('e001-audit'), body: { content: '已成立专班推进整改', causes: '历史遗留问题涉及产权清理，周期较长' } });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', answer: { causes: '历史遗留问题涉及产权清理，周期较长', late: false } });
    expect((await api('POST', `/api/issues/supervision/explanations/${id}/answer`, { token: await login('e001-leader'), body: { content: '再次', causes: '再次' } })).status).toBe(409);
    const done = await (await temporal()).workflow.getHandle(`explanation-${id}`).result();
    expect(done).toMatchObject({ status: 'answered', answeredLate: false });

    expect((await api('POST', `/api/issues/supervision/explanations/${id}/guidance`, { token: await login('e001-audit'), body: { guidance: '自我指导' } })).status).toBe(403);
    const guided = await api('POST', `/api/issues/supervision/explanations/${id}/guidance`, { token: officer, body: { guidance: '建议分阶段推进产权清理，按月报送进展' } });
    expect(guided.status).toBe(200);
    expect(guided.body.guidance).toMatchObject({ guidance: '建议分阶段推进产权清理，按月报送进展' });
    expect((await api('POST', `/api/issues/supervision/explanations/${id}/guidance`, { token: officer, body: { guidance: '再次' } })).status).toBe(409);
    const events = guided.body.events as { kind: string; actorRole: string; reason: string | null }[];
    expect(events.map((e) => [e.kind, e.actorRole])).toEqual([['requested', 'supervision_officer'], ['answered', 'enterprise_audit'], ['guidance', 'supervision_officer']]);
    expect(events[0]!.reason).toBe('月度督办发现进度滞后');
    // The enterprise sees the guidance it was given.
    expect((await api('GET', `/api/issues/supervision/explanations/${id}`, { token: await login('e001-business') })).body.guidance.guidance).toBe('建议分阶段推进产权清理，按月报送进展');
  });

  it('accepts an explanation the enterprise sends unasked, for its own enterprise only', async () => {
    const sent = await api('POST', '/api/issues/supervision/explanations/unsolicited', {
      token: await login('e002-audit'),
      body: { topic: '部分问题整改困难', content: '涉及诉讼，需等待判决', causes: '司法程序未结束', ledgerNos: [other.ledgerNo] },
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ kind: 'unsolicited', status: 'answered', enterpriseCode: 'E002', workflowId: null });
    const id = sent.body.id as string;
    expect((await api('GET', `/api/issues/supervision/explanations/${id}`, { token: await login('jiandu') })).status).toBe(200);
    expect((await api('GET', `/api/issues/supervision/explanations/${id}`, { token: await login('e001-audit') })).status).toBe(404);
    expect((await api('GET', `/api/issues/supervision/explanations/${id}`, { token: await login('chushi') })).status).toBe(403);
    // Another enterprise's problem cannot be named.
    const foreign = await api('POST', '/api/issues/supervision/explanations/unsolicited', { token: await login('e002-audit'), body: { topic: '说明', content: '说明', causes: '原因', ledgerNos: [open.ledgerNo] } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields[0].field).toBe('ledgerNos');
    expect((await api('POST', '/api/issues/supervision/explanations/unsolicited', { token: await login('jiandu'), body: { topic: '说明', content: '说明', causes: '原因' } })).status).toBe(403);
  });
});
