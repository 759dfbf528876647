import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { addDays, DEFAULT_POLICY, localDateOf } from '@rectify/domain';
import { api, closeDb, closeTemporal, db, eventually, login, stack } from '../harness/index.js';
import { register } from '../ledger/fixtures.js';
import { approve, draft, OFFICE, submit, UNITS } from './fixtures.js';

const JM = '/api/joint-meeting';
const today = () => localDateOf(Date.now(), DEFAULT_POLICY);
const as = async (who: string) => ({ token: await login(who) });
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

async function upload(who: string, name: string, bytes: Buffer, type = 'application/pdf') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await fetch(`${stack().urls.gateway}${JM}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${await login(who)}` }, body: form });
  return { status: res.status, body: (await res.json()) as { id: string; sha256: string; message?: string } };
}

async function download(who: string, id: string) {
  const res = await fetch(`${stack().urls.gateway}${JM}/attachments/${id}`, { headers: { authorization: `Bearer ${await login(who)}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

const count = async (table: string) => Number(((await db().query(`SELECT count(*) AS n FROM joint_meeting.${table}`)).rows[0] as { n: string }).n);

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

describe('joint meeting over HTTP: office, unit officer, division leader, other unit', () => {
  let pushNo: string;
  let attachmentId: string;
  let ledgerNo: string;

  beforeAll(async () => {
    ledgerNo = (await register('e001-audit')).ledgerNo;
  });

  it('lists the member units with their division leaders and contacts, and the office', async () => {
    const members = await api('GET', `${JM}/members`, await as(UNITS.reform.officer));
    expect(members.status).toBe(200);
    const reform = members.body.find((m: { code: string }) => m.code === UNITS.reform.code);
    expect(reform).toMatchObject({ name: '企业改革处', kind: 'division' });
    expect(reform.leaders.map((p: { displayName: string }) => p.displayName)).toEqual(['周处长（企业改革处）']);
    expect(reform.contacts.map((p: { displayName: string }) => p.displayName)).toEqual(['孙联络（企业改革处）']);
    const office = await api('GET', `${JM}/office`, await as(OFFICE));
    expect(office.body).toMatchObject({ seatedIn: '监督处' });
    expect(office.body.directors.map((p: { displayName: string }) => p.displayName)).toContain('张委员（分管监督）');
    expect((await api('GET', `${JM}/members`, await as('e001-audit'))).status).toBe(403);
    expect((await api('PUT', `${JM}/members/U-REFORM`, { ...(await as(UNITS.reform.officer)), body: { name: 'x', kind: 'division' } })).status).toBe(403);
  });

  it('refuses a bad push naming every field, and changes nothing', async () => {
    const before = await count('pushes');
    const res = await api('POST', `${JM}/pushes`, { ...(await as(OFFICE)), body: { subject: '', content: '内容', units: ['U-NOPE'], replyBy: today(), ledgerNos: ['E001-2020-99999'] } });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['subject']);
    const second = await api('POST', `${JM}/pushes`, { ...(await as(OFFICE)), body: { subject: '主题', content: '内容', units: ['U-NOPE'], replyBy: today(), ledgerNos: ['E001-2020-99999'] } });
    expect(second.status).toBe(400);
    expect(second.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['ledgerNos', 'replyBy', 'units']);
    expect(second.body.message.join('\n')).toContain('U-NOPE 不是联席会议的成员单位');
    expect(await count('pushes')).toBe(before);
    expect((await api('POST', `${JM}/pushes`, { ...(await as(UNITS.reform.officer)), body: { subject: '主题', content: '内容', units: [UNITS.reform.code], replyBy: addDays(today(), 5) } })).status).toBe(403);
  });

  it('the office pushes a matter with an attachment and a linked problem to two units', async () => {
    const uploaded = await upload(OFFICE, '情况说明.pdf', PDF);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    attachmentId = uploaded.body.id;
    expect((await upload(OFFICE, '伪装.pdf', Buffer.from('not a pdf'))).status).toBe(400);

    const res = await api('POST', `${JM}/pushes`, {
      ...(await as(OFFICE)),
      body: { subject: '协调解决历史遗留产权登记问题', content: '请协助研究解决办法。', units: [UNITS.reform.code, UNITS.discipline.code], replyBy: addDays(today(), 10), ledgerNos: [ledgerNo], attachmentIds: [attachmentId] },
    });
    expect(res.status).toBe(201);
    pushNo = res.body.pushNo;
    expect(pushNo).toMatch(/^JM-\d{4}-\d{4}$/);
    expect(res.body.targets.map((t: { unitCode: string; status: string }) => [t.unitCode, t.status])).toEqual([[UNITS.reform.code, 'pending'], [UNITS.discipline.code, 'pending']]);
    expect(res.body.problems).toEqual([expect.objectContaining({ ledgerNo, title: expect.any(String) })]);
    expect(res.body.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['情况说明.pdf']);
    // The same attachment cannot be used twice.
    const again = await api('POST', `${JM}/pushes`, { ...(await as(OFFICE)), body: { subject: '主题', content: '内容', units: [UNITS.reform.code], replyBy: addDays(today(), 5), attachmentIds: [attachmentId] } });
    expect(again.status).toBe(400);
    expect(again.body.fields[0].field).toBe('attachmentIds');
  });

  it('a unit sees only the pushes addressed to it; another unit can neither see nor answer', async () => {
    const mine = await api('GET', `${JM}/pushes?pageSize=200`, await as(UNITS.reform.officer));
    expect(mine.body.items.map((p: { pushNo: string }) => p.pushNo)).toContain(pushNo);
    const row = mine.body.items.find((p: { pushNo: string }) => p.pushNo === pushNo);
    expect(row.targets.map((t: { unitCode: string }) => t.unitCode)).toEqual([UNITS.reform.code]);
    expect((await download(UNITS.reform.officer, attachmentId)).bytes.equals(PDF)).toBe(true);

    const other = await api('GET', `${JM}/pushes?pageSize=200`, await as(UNITS.property.officer));
    expect(other.body.items.map((p: { pushNo: string }) => p.pushNo)).not.toContain(pushNo);
    expect((await api('GET', `${JM}/pushes/${pushNo}`, await as(UNITS.property.officer))).status).toBe(404);
    expect((await draft(UNITS.property.officer, pushNo, '越权反馈')).status).toBe(404);
    expect((await approve(UNITS.property.leader, pushNo)).status).toBe(404);
    expect((await download(UNITS.property.officer, attachmentId)).status).toBe(404);
    expect((await api('GET', `${JM}/pushes/${pushNo}`, await as('e001-audit'))).status).toBe(403);
    expect((await api('GET', `${JM}/pushes/JM-1999-0001`, await as(OFFICE))).status).toBe(404);
  });

  it('an unapproved response is invisible to the office; an approved one reaches it', async () => {
    const file = await upload(UNITS.reform.officer, '办理情况.txt', Buffer.from('已协调市产权交易中心办理登记。', 'utf8'), 'text/plain');
    expect(file.status).toBe(201);
    const bad = await api('PUT', `${JM}/pushes/${pushNo}/response`, { ...(await as(UNITS.reform.officer)), body: { opinion: '', attachmentIds: ['nope'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['attachmentIds', 'opinion', 'resolution']);

    expect((await draft(UNITS.reform.officer, pushNo, '同意协助：由我处牵头协调', '已协调办理登记', [file.body.id])).status).toBe(200);
    expect((await approve(UNITS.reform.leader, pushNo)).status).toBe(409); // nothing submitted yet
    expect((await api('PUT', `${JM}/pushes/${pushNo}/response`, { ...(await as(UNITS.reform.leader)), body: { opinion: 'x', resolution: 'y' } })).status).toBe(403);
    let office = await api('GET', `${JM}/pushes/${pushNo}`, await as(OFFICE));
    expect(office.body.responses).toEqual([]);
    expect(office.body.targets[0]).toMatchObject({ unitCode: UNITS.reform.code, status: 'drafting' });
    expect((await download(OFFICE, file.body.id)).status).toBe(404);

    expect((await submit(UNITS.reform.officer, pushNo)).status).toBe(200);
    office = await api('GET', `${JM}/pushes/${pushNo}`, await as(OFFICE));
    expect(office.body.responses).toEqual([]);
    expect(office.body.targets[0]).toMatchObject({ status: 'awaiting_approval', displayLabel: '待分管领导审核' });
    expect(JSON.stringify(office.body)).not.toContain('由我处牵头协调');

    const own = await api('GET', `${JM}/pushes/${pushNo}/response`, await as(UNITS.reform.leader));
    expect(own.body.versions.map((v: { status: string; opinion: string }) => [v.status, v.opinion])).toEqual([['submitted', '同意协助：由我处牵头协调']]);
    expect((await approve(UNITS.reform.leader, pushNo, '同意报送')).status).toBe(200);

    office = await api('GET', `${JM}/pushes/${pushNo}`, await as(OFFICE));
    expect(office.body.responses).toEqual([expect.objectContaining({ unitCode: UNITS.reform.code, version: 1, opinion: '同意协助：由我处牵头协调', resolution: '已协调办理登记', decidedBy: '周处长（企业改革处）' })]);
    expect(office.body.targets[0]).toMatchObject({ status: 'answered', answeredAt: expect.any(String) });
    expect(office.body.counts).toMatchObject({ units: 2, answered: 1, pending: 1 });
    expect((await download(OFFICE, file.body.id)).status).toBe(200);
    expect(office.body.status).toBe('open');
  });

  it('an edit after approval needs a new approval; until then the office keeps the approved version', async () => {
    expect((await draft(UNITS.reform.officer, pushNo, '修订：另行补充产权材料')).status).toBe(200);
    let office = await api('GET', `${JM}/pushes/${pushNo}`, await as(OFFICE));
    expect(office.body.responses.map((r: { version: number; opinion: string }) => [r.version, r.opinion])).toEqual([[1, '同意协助：由我处牵头协调']]);
    expect(office.body.targets[0]).toMatchObject({ status: 'answered', revising: 'drafting' });
    expect((await submit(UNITS.reform.officer, pushNo)).status).toBe(200);
    expect((await approve(UNITS.reform.leader, pushNo)).status).toBe(200);
    office = await api('GET', `${JM}/pushes/${pushNo}`, await as(OFFICE));
    expect(office.body.responses.map((r: { version: number; opinion: string }) => [r.version, r.opinion])).toEqual([[2, '修订：另行补充产权材料']]);
    const kinds = office.body.events.map((e: { kind: string; actorRole: string | null }) => e.kind);
    expect(kinds.filter((k: string) => k === 'response_approve')).toHaveLength(2);
    expect(office.body.events.find((e: { kind: string }) => e.kind === 'response_approve')).toMatchObject({ actorRole: 'member_unit_leader', actorName: '周处长（企业改革处）' });
  });

  it('the push closes when the last unit answers', async () => {
    const u = UNITS.discipline;
    expect((await draft(u.officer, pushNo, '纪检组意见')).status).toBe(200);
    expect((await submit(u.officer, pushNo)).status).toBe(200);
    const res = await approve(u.leader, pushNo);
    expect(res.status).toBe(200);
    const closed = await eventually('the push to close', async () => {
      const p = await api('GET', `${JM}/pushes/${pushNo}`, await as(OFFICE));
      return p.body.status === 'closed' ? p.body : undefined;
    });
    expect(closed.counts).toMatchObject({ units: 2, answered: 2 });
    expect((await draft(UNITS.reform.officer, pushNo, '再改')).status).toBe(409);
  });

  it('notices go to every member with read receipts', async () => {
    const bad = await api('POST', `${JM}/notices`, { ...(await as(OFFICE)), body: { title: '', content: '内容' } });
    expect(bad.status).toBe(400);
    const published = await api('POST', `${JM}/notices`, { ...(await as(OFFICE)), body: { title: '关于整改进度滞后问题的通报', content: '以下问题整改进度滞后。', ledgerNos: [ledgerNo] } });
    expect(published.status).toBe(201);
    const id = published.body.id;
    expect((await api('POST', `${JM}/notices`, { ...(await as(UNITS.reform.officer)), body: { title: 't', content: 'c' } })).status).toBe(403);
    const list = await api('GET', `${JM}/notices?pageSize=200`, await as(UNITS.property.officer));
    expect(list.body.items.find((n: { id: string }) => n.id === id)).toMatchObject({ readByMe: false });
    const read = await api('POST', `${JM}/notices/${id}/read`, await as(UNITS.reform.officer));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ readByMe: true, problems: [expect.objectContaining({ ledgerNo })] });
    await api('POST', `${JM}/notices/${id}/read`, await as(UNITS.reform.officer)); // twice is one receipt
    const receipts = await api('GET', `${JM}/notices/${id}/receipts`, await as(OFFICE));
    const byUnit = Object.fromEntries(receipts.body.units.map((u: { unitCode: string; read: boolean; readers: unknown[] }) => [u.unitCode, [u.read, u.readers.length]]));
    expect(byUnit).toMatchObject({ [UNITS.reform.code]: [true, 1], [UNITS.property.code]: [false, 0], [UNITS.discipline.code]: [false, 0] });
    expect(receipts.body.unread).toEqual(expect.arrayContaining(['产权管理处', '驻委纪检组']));
    expect((await api('GET', `${JM}/notices/${id}/receipts`, await as(UNITS.reform.officer))).status).toBe(403);
  });

  it('a meeting decision becomes a push, once', async () => {
    const meeting = await api('POST', `${JM}/meetings`, {
      ...(await as(OFFICE)),
      body: { heldOn: today(), title: '2026年第四次监督联席会议', attendees: ['监督处', '企业改革处', '产权管理处'], agenda: '研究产权登记问题', minutes: '会议议定两项事项。', decisions: ['请产权管理处研究解决办法', '请企业改革处跟踪'] },
    });
    expect(meeting.status).toBe(201);
    const body = { subject: '请产权管理处研究解决办法', content: '根据会议议定事项推送。', units: [UNITS.property.code], replyBy: addDays(today(), 7), meetingId: meeting.body.id, decisionIndex: 0 };
    const push = await api('POST', `${JM}/pushes`, { ...(await as(OFFICE)), body });
    expect(push.status).toBe(201);
    expect(push.body.meetingId).toBe(meeting.body.id);
    const again = await api('POST', `${JM}/pushes`, { ...(await as(OFFICE)), body });
    expect(again.status).toBe(400);
    expect(again.body.fields[0].field).toBe('decisionIndex');
    const listed = await api('GET', `${JM}/meetings`, await as(OFFICE));
    expect(listed.status).toBe(200);
    expect(listed.body.map((m: { id: string }) => m.id)).toContain(meeting.body.id);
    const detail = await api('GET', `${JM}/meetings/${meeting.body.id}`, await as(OFFICE));
    expect(detail.body.decisions.map((d: { pushNo: string | null }) => d.pushNo)).toEqual([push.body.pushNo, null]);
  });

  it('records clue transfers with outside bodies and writes a special report to the party committee as docx', async () => {
    const bad = await api('POST', `${JM}/coordination`, { ...(await as(OFFICE)), body: { direction: 'sideways', counterpart: 'nobody', transferredOn: '2026-13-01', subject: '线索', content: '内容' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['counterpart', 'direction', 'transferredOn']);
    const out = await api('POST', `${JM}/coordination`, { ...(await as(OFFICE)), body: { direction: 'out', counterpart: 'discipline_commission', transferredOn: today(), subject: '某企业违规决策问题线索', content: '移交市纪委监委处置', ledgerNos: [ledgerNo] } });
    expect(out.status).toBe(201);
    expect(out.body).toMatchObject({ directionLabel: '移出', counterpartLabel: '市纪委监委' });
    await api('POST', `${JM}/coordination`, { ...(await as(OFFICE)), body: { direction: 'in', counterpart: 'audit_bureau', transferredOn: today(), subject: '审计发现的资产处置问题', content: '市审计局移交' } });
    const ins = await api('GET', `${JM}/coordination?direction=in`, await as('jijian'));
    expect(ins.status).toBe(200);
    expect(ins.body.every((e: { direction: string }) => e.direction === 'in')).toBe(true);

    const report = await api('POST', `${JM}/reports`, { ...(await as(OFFICE)), body: { title: '关于监督联席会议工作情况的专报', periodFrom: addDays(today(), -1), periodTo: today(), summary: '本期联席会议运转正常。\n各成员单位积极配合。' } });
    expect(report.status).toBe(201);
    expect(report.body.facts.pushes.map((p: { pushNo: string }) => p.pushNo)).toContain(pushNo);
    const doc = await fetch(`${stack().urls.gateway}${JM}/reports/${report.body.id}/document`, { headers: { authorization: `Bearer ${await login('dangwei')}` } });
    expect(doc.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await doc.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of ['监督联席会议专报', '委党委：', '关于监督联席会议工作情况的专报', '各成员单位积极配合。', '二、书面推送办理情况', pushNo, '协调解决历史遗留产权登记问题', '市纪委监委', '某企业违规决策问题线索', '2026年第四次监督联席会议']) {
      expect(text).toContain(s);
    }
    expect((await api('GET', `${JM}/reports`, await as(UNITS.reform.officer))).status).toBe(403);
  });
});
