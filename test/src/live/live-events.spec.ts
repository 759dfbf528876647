import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { api, closeDb, db, LiveStream, LiveStreams, login, mintToken, type LiveMessage } from '../harness/index.js';
import { register } from '../ledger/fixtures.js';
import { draft, OFFICE, UNITS } from '../joint-meeting/fixtures.js';

/**
 * The gateway's live stream (GET /api/events, docs/web.md "Live updates"): each subscriber gets
 * only what the visibility rule lets it see, no event carries text, and Last-Event-ID resumes
 * without loss.
 */
const streams = new LiveStreams();
const open = (username: string, lastEventId?: string) => streams.ready(username, lastEventId);

afterAll(async () => {
  await streams.closeAll();
  await closeDb();
});

const about = (ledgerNo: string) => (m: LiveMessage) => m.json?.['ledgerNo'] === ledgerNo;
const problemEvent = (ledgerNo: string) => (m: LiveMessage) => m.json?.['type'] === 'problem' && m.json['ledgerNo'] === ledgerNo;
/** The keys an event may carry: ids and new values, never text. */
const ALLOWED_KEYS = new Set(['type', 'at', 'ledgerNo', 'stage', 'outcome', 'overdue', 'deadline', 'seq', 'kind', 'action', 'caseId', 'trigger', 'status', 'eventCount', 'itemId', 'read', 'pushNo', 'unitCode']);

describe('live events through the gateway', () => {
  it('reach each subscriber only as the visibility rule allows, and carry no text', async () => {
    const marker = `实时机密${randomUUID().slice(0, 8)}`;
    const [own, other, officer, division, lead] = [await open('e001-audit'), await open('e002-audit'), await open('jiandu'), await open('chushi'), await open('fenguan')];

    const plain = await register('e001-audit', { title: `普通问题${marker}`, description: `说明${marker}` });
    // 涉密, with a deadline past the hard limit: the supervision lead is told (an inbox item of his own).
    const secret = await register('e001-audit', {
      title: `涉密问题${marker}`, description: `涉密说明${marker}`, confidentiality: 'confidential',
      deadline: '2027-06-30', specialReason: `特殊原因${marker}`,
    });
    // A later change E002 may see: once it arrives, every earlier event has been sent to it too (one ordered stream).
    const sentinel = await register('e002-audit', { enterpriseCode: 'E002', title: `哨兵${marker}` });

    for (const ledgerNo of [plain.ledgerNo, secret.ledgerNo]) {
      await own.next(`problem ${ledgerNo} to its enterprise`, problemEvent(ledgerNo));
      await officer.next(`problem ${ledgerNo} to the Supervision Division`, problemEvent(ledgerNo));
    }
    const registered = await own.next('the registration trail event', (m) => m.json?.['type'] === 'trail' && m.json['ledgerNo'] === plain.ledgerNo);
    expect(registered.json).toMatchObject({ seq: 0, kind: 'action', action: 'register' });
    expect((await own.next('the new problem', problemEvent(plain.ledgerNo))).json).toMatchObject({ stage: 'assign', overdue: false, outcome: null });

    await other.next('E002’s own problem', problemEvent(sentinel.ledgerNo));
    await division.next('E002’s problem to another division', problemEvent(sentinel.ledgerNo));
    await officer.next('E002’s problem to the Supervision Division', problemEvent(sentinel.ledgerNo));
    await division.next('E001’s plain problem to another division', problemEvent(plain.ledgerNo));
    // E002 never hears of E001's problems; another division never of a 涉密 one.
    expect(other.messages.filter((m) => about(plain.ledgerNo)(m) || about(secret.ledgerNo)(m))).toEqual([]);
    expect(division.messages.filter(about(secret.ledgerNo))).toEqual([]);
    expect(own.messages.filter(about(sentinel.ledgerNo))).toEqual([]);

    // The lead's notice reaches his inbox, and only his stream hears of it.
    const item = await lead.next('the 延期申请 inbox item', (m) => m.json?.['type'] === 'inbox');
    const inbox = await api('GET', '/api/notifications/inbox', { token: await login('fenguan') });
    expect(inbox.body.items.map((i: { id: string | number }) => String(i.id))).toContain(item.json?.['itemId']);
    for (const s of [own, other, officer, division]) expect(s.messages.filter((m) => m.json?.['itemId'] === item.json?.['itemId'])).toEqual([]);

    // No event says more than ids and values: the marker (in titles, descriptions, the special reason) is in none.
    for (const s of [own, other, officer, division, lead]) {
      for (const m of s.events) {
        expect(m.data).not.toContain(marker);
        for (const key of Object.keys(m.json ?? {})) expect(ALLOWED_KEYS).toContain(key);
      }
    }
  });

  it('resumes from Last-Event-ID without loss or repetition', async () => {
    const first = await open('jiandu');
    const start = first.messages.find((m) => m.event === 'ready')!.id!;
    await first.close();

    // Changes while no stream is open.
    const a = await register('e001-audit');
    const b = await register('e001-audit', { confidentiality: 'confidential' });
    const assigned = await api('POST', `/api/issues/problems/${a.ledgerNo}/responsibility`, {
      token: await login('e001-audit'),
      body: { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['王五'] } },
    });
    expect(assigned.status).toBe(200);

    // Every row the log holds about them (the issues schema's live_events), in the log's order.
    const resumed = await open('jiandu', start);
    await resumed.next('the plan stage of A', (m) => problemEvent(a.ledgerNo)(m) && m.json?.['stage'] === 'plan');
    await resumed.next('the responsibility trail event of A', (m) => m.json?.['type'] === 'trail' && m.json['ledgerNo'] === a.ledgerNo && m.json['seq'] === 1);
    const ourLedgers = [a.ledgerNo, b.ledgerNo];
    const logged = (await db().query<{ kind: string; data: Record<string, unknown> }>(
      `SELECT kind, data FROM issues.live_events WHERE data->>'ledgerNo' = ANY($1) ORDER BY tx, id`, [ourLedgers],
    )).rows.map((r) => ({ type: r.kind, ...r.data }));
    const received = resumed.events
      .filter((m) => ourLedgers.includes(String(m.json?.['ledgerNo'])))
      .map((m) => Object.fromEntries(Object.entries(m.json!).filter(([k]) => k !== 'at')));
    expect(logged.length).toBeGreaterThanOrEqual(5); // two registrations (problem + trail), the stage move and its trail
    expect(received).toEqual(logged);

    // From the middle: exactly what followed that message.
    const mine = resumed.events.filter((m) => about(a.ledgerNo)(m) || about(b.ledgerNo)(m));
    const middle = mine[1]!;
    const again = await open('jiandu', middle.id!);
    const tail = mine.slice(2).map((m) => m.data);
    await again.next('the last of them again', (m) => m.data === tail[tail.length - 1]);
    expect(again.events.filter((m) => about(a.ledgerNo)(m) || about(b.ledgerNo)(m)).map((m) => m.data)).toEqual(tail);
    // The enterprise resuming from the same cursor: the same rule, applied to what it missed.
    const otherEnterprise = await open('e002-audit', start);
    const sentinel = await register('e002-audit', { enterpriseCode: 'E002' });
    await otherEnterprise.next('E002’s own problem after the catch-up', problemEvent(sentinel.ledgerNo));
    expect(otherEnterprise.messages.filter((m) => about(a.ledgerNo)(m) || about(b.ledgerNo)(m))).toEqual([]);
  });

  it('tells the joint-meeting office and the unit concerned of a push’s status, and no other unit', async () => {
    const [office, unit, otherUnit] = [await open(OFFICE), await open(UNITS.reform.officer), await open(UNITS.property.officer)];
    const replyBy = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const created = await api('POST', '/api/joint-meeting/pushes', {
      token: await login(OFFICE),
      body: { subject: `实时推送${randomUUID().slice(0, 6)}`, content: '请协助解决', units: [UNITS.reform.code, UNITS.discipline.code], replyBy },
    });
    expect(created.status).toBe(201);
    const pushNo = created.body.pushNo as string;
    const status = (s: string, code: string) => (m: LiveMessage) => m.json?.['type'] === 'push' && m.json['pushNo'] === pushNo && m.json['unitCode'] === code && m.json['status'] === s;
    await office.next('the new push to 企业改革处', status('pending', UNITS.reform.code));
    await office.next('the new push to 驻委纪检组', status('pending', UNITS.discipline.code));
    await unit.next('its own target', status('pending', UNITS.reform.code));

    expect((await draft(UNITS.reform.officer, pushNo, '同意协助')).status).toBe(200);
    await office.next('the unit drafting', status('drafting', UNITS.reform.code));
    await unit.next('its own draft', status('drafting', UNITS.reform.code));
    // The unit hears nothing of the other unit's target; a unit not addressed hears nothing of the push.
    expect(unit.messages.filter((m) => m.json?.['pushNo'] === pushNo && m.json['unitCode'] !== UNITS.reform.code)).toEqual([]);
    // A later push to 产权管理处: once it arrives there, every earlier event has been sent to it too.
    const later = await api('POST', '/api/joint-meeting/pushes', {
      token: await login(OFFICE),
      body: { subject: `实时推送哨兵${randomUUID().slice(0, 6)}`, content: '请产权管理处知悉', units: [UNITS.property.code], replyBy },
    });
    expect(later.status).toBe(201);
    await otherUnit.next('its own later push', (m) => m.json?.['type'] === 'push' && m.json['pushNo'] === later.body.pushNo);
    expect(otherUnit.messages.filter((m) => m.json?.['pushNo'] === pushNo)).toEqual([]);
  });

  it('ends when the access token expires, and refuses a stream without a valid token or with a bad Last-Event-ID', async () => {
    const token = mintToken(
      { sub: '00000000-0000-4000-8000-00000000e5e5', username: 'short-lived', displayName: '短时令牌', role: 'supervision_officer', enterpriseCode: null, unitCode: null },
      { ttlSeconds: 3 },
    );
    const short = await LiveStream.open(token);
    streams.keep(short);
    expect(short.status).toBe(200);
    const expired = await short.next('the expiry notice', (m) => m.event === 'expired', 30_000);
    expect(expired.json?.['message']).toContain('访问令牌已过期');
    await short.ended$();
    expect(short.ended).toBe(true);

    const none = await LiveStream.open(null);
    expect(none.status).toBe(401);
    const bad = await LiveStream.open(await login('jiandu'), 'not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.messages[0]!.data).toContain('Last-Event-ID：');
    const badQuery = await api('GET', '/api/events?lastEventId=1-2', { token: await login('jiandu') });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.fields).toEqual([{ field: 'lastEventId', reasons: [expect.stringContaining('不是本系统事件流给出的 id')] }]);
    const unknown = await api('GET', '/api/events?since=1', { token: await login('jiandu') });
    expect([unknown.status, unknown.body.fields?.[0]?.field]).toEqual([400, 'since']);
  });
});
