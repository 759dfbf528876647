import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { api, closeDb, db, eventually, login, stack } from '../harness/index.js';
import { OPINION, onCase, openCase } from './fixtures.js';

afterAll(async () => {
  await closeDb();
});

async function documentText(caseId: string, measureId: string, as = 'e001-leader'): Promise<{ status: number; xml: string; type: string | null }> {
  const res = await fetch(`${stack().urls.gateway}/api/issues/accountability-cases/${caseId}/measures/${measureId}/document`, { headers: { authorization: `Bearer ${await login(as)}` } });
  if (res.status !== 200) return { status: res.status, xml: '', type: null };
  const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
  const xml = await zip.file('word/document.xml')!.async('string');
  // Runs split text; the reader's view is the concatenation of the w:t texts.
  return { status: 200, xml: [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''), type: res.headers.get('content-type') };
}

const trail = async (problemId: string) =>
  (await db().query(`SELECT seq, kind, action, actor_role, reason, payload FROM issues.problem_events WHERE problem_id = $1 ORDER BY seq`, [problemId])).rows as {
    seq: number; kind: string; action: string | null; actor_role: string | null; reason: string | null; payload: Record<string, unknown>;
  }[];

const rowCounts = async (caseId: string) =>
  (await db().query(
    `SELECT (SELECT count(*) FROM issues.accountability_opinions WHERE case_id = $1)::int AS opinions,
            (SELECT count(*) FROM issues.accountability_signoffs WHERE case_id = $1)::int AS signoffs,
            (SELECT count(*) FROM issues.accountability_measures WHERE case_id = $1)::int AS measures,
            (SELECT event_count FROM issues.accountability_cases WHERE id = $1) AS events`,
    [caseId],
  )).rows[0] as { opinions: number; signoffs: number; measures: number; events: number };

describe('accountability case (§12): opinion, both sign-offs, 函告 / 约谈 / 通报, assessment, closing', () => {
  let c: Awaited<ReturnType<typeof openCase>>;
  beforeAll(async () => {
    c = await openCase();
  });

  it('runs a case from its opening to its closing, as the roles that do each step', async () => {
    const opened = await onCase('jiandu', 'GET', c.caseId);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'open', statusLabel: '已启动', trigger: 'T3', triggerLabel: '不认账或未整改', opinion: null, problem: { ledgerNo: c.ledgerNo } });
    expect(opened.body.assessment).toMatchObject({ year: new Date().getFullYear(), marked: false });

    // Only a supervision officer drafts; nobody signs or issues before there is an opinion.
    expect((await onCase('jijian', 'PUT', c.caseId, 'opinion', OPINION)).status).toBe(403);
    expect((await onCase('jiandu', 'POST', c.caseId, 'opinion/sign-offs', { version: 1 })).status).toBe(409);
    const v1 = await onCase('jiandu', 'PUT', c.caseId, 'opinion', OPINION);
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ status: 'opinion_drafted', opinion: { version: 1, fullySigned: false, missingSignOffs: ['supervision', 'discipline'] } });

    // The supervision side signs; one sign-off alone issues nothing.
    expect((await onCase('jiandu', 'POST', c.caseId, 'opinion/sign-offs', { version: 1, comment: '同意' })).status).toBe(200);
    const early = await onCase('jiandu', 'POST', c.caseId, 'measures/letter', { requiredCorrections: '立即清退' });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('共同会签');

    // Editing after a sign-off voids it: version 2 needs both again.
    const v2 = await onCase('jiandu', 'PUT', c.caseId, 'opinion', { ...OPINION, findings: `${OPINION.findings}且拒不说明理由。`, reason: '补充查明事实' });
    expect(v2.body).toMatchObject({ status: 'opinion_drafted', opinion: { version: 2, signOffs: [], missingSignOffs: ['supervision', 'discipline'] } });
    expect(v2.body.opinionVersions.map((o: { version: number }) => o.version)).toEqual([1, 2]);
    expect((await onCase('jijian', 'POST', c.caseId, 'opinion/sign-offs', { version: 1 })).status).toBe(409); // a stale version
    expect((await onCase('jijian', 'POST', c.caseId, 'opinion/sign-offs', { version: 2, comment: '纪检组同意' })).status).toBe(200);
    expect((await onCase('jijian', 'POST', c.caseId, 'opinion/sign-offs', { version: 2 })).status).toBe(409); // signed already
    expect((await onCase('jiandu', 'POST', c.caseId, 'measures/talk', { date: '2026-11-20', place: '301 会议室', attendees: ['董事长'], record: '约谈' })).status).toBe(409);
    const signed = await onCase('fenguan', 'POST', c.caseId, 'opinion/sign-offs', { version: 2 });
    expect(signed.body).toMatchObject({ status: 'opinion_signed', opinion: { version: 2, fullySigned: true, missingSignOffs: [] } });

    // 函告, 约谈, 通报 — each recorded with who issued it and when.
    const letter = await onCase('jiandu', 'POST', c.caseId, 'measures/letter', { requiredCorrections: '立即清退违规发放的交通补贴，健全补贴发放决策程序。', replyBy: '2099-12-31' });
    expect(letter.status).toBe(200);
    expect(letter.body.noticeQueued).toBe(true);
    const talkDate = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const talk = await onCase('fenguan', 'POST', c.caseId, 'measures/talk', { date: talkDate, place: '市国资委 301 会议室', attendees: ['企业董事长', '监督处处长'], record: '指出问题，提出整改要求，企业表态限期整改。' });
    expect(talk.status).toBe(200);
    const circular = await onCase('jiandu', 'POST', c.caseId, 'measures/circular', { scope: '各监管企业', text: '该企业对审计指出问题不认账、不整改，性质严重。' });
    expect(circular.status).toBe(200);
    const measures = circular.body.case.measures as { id: string; kind: string; kindLabel: string; issuedBy: string; issuedRole: string; issuedAt: string; opinionVersion: number }[];
    expect(measures.map((m) => [m.kind, m.kindLabel, m.issuedRole, m.opinionVersion])).toEqual([
      ['letter', '函告', 'supervision_officer', 2],
      ['talk', '约谈', 'supervision_lead', 2],
      ['circular', '通报', 'supervision_officer', 2],
    ]);
    for (const m of measures) expect(m.issuedBy.length > 0 && !Number.isNaN(Date.parse(m.issuedAt))).toBe(true);
    expect(circular.body.case.status).toBe('measures_issued');
    expect((await onCase('jiandu', 'PUT', c.caseId, 'opinion', OPINION)).status).toBe(409); // the opinion was acted upon

    // The letter of notice, addressed to the enterprise, read back from the docx.
    const letterDoc = await documentText(c.caseId, letter.body.measureId);
    expect(letterDoc.status).toBe(200);
    expect(letterDoc.type).toContain('wordprocessingml');
    for (const text of ['市城市建设投资集团有限公司：', c.ledgerNo, '违规发放交通补贴', '市审计局', '审计决定书', '不认账或未整改', '市纪委驻国资两委纪检组', '立即清退违规发放的交通补贴', '2099年12月31日', '拒不说明理由', '企业主要负责人负领导责任', `国资监督函〔${new Date().getFullYear()}〕`]) {
      expect(letterDoc.xml).toContain(text);
    }
    const circularDoc = await documentText(c.caseId, circular.body.measureId, 'jiandu');
    expect(circularDoc.xml).toContain('审计整改问题问责情况的通报');
    expect(circularDoc.xml).toContain('各监管企业：');
    expect(circularDoc.xml).toContain('不认账、不整改，性质严重');
    expect((await documentText(c.caseId, talk.body.measureId, 'jiandu')).status).toBe(404); // a talk is a record, not a document

    // The enterprise leadership is told of each measure, in Chinese.
    const inbox = await eventually('three measure notices in the leader’s inbox', async () => {
      const res = await api('GET', '/api/notifications/inbox', { token: await login('e001-leader') });
      const mine = (res.body.items as { type: string; title: string }[]).filter((i) => i.type === 'accountability_measure' && i.title.includes(c.ledgerNo));
      return mine.length === 3 && mine;
    });
    expect(inbox.map((i) => i.title).sort()).toEqual([`问责函告：${c.ledgerNo} 违规发放交通补贴`, `问责约谈：${c.ledgerNo} 违规发放交通补贴`, `问责通报：${c.ledgerNo} 违规发放交通补贴`].sort());

    // Marked for the leaders' assessment of a year; the assessment division sees it and the published view counts it.
    const year = new Date().getFullYear();
    expect((await onCase('jiandu', 'PUT', c.caseId, 'assessment', { year: year + 5 })).status).toBe(422);
    expect((await onCase('jiandu', 'PUT', c.caseId, 'assessment', { year: year + 1, note: '年末启动，计入次年' })).body.assessment).toMatchObject({ year: year + 1, marked: true });
    const listed = await api('GET', `/api/issues/accountability-cases?assessmentYear=${year + 1}&enterpriseCode=E001&pageSize=200`, { token: await login('kaohe') });
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((x: { id: string }) => x.id === c.caseId)).toMatchObject({ assessment: { year: year + 1 }, measuresIssued: 3, ledgerNo: c.ledgerNo });
    const fact = (await db().query('SELECT assessment_year, status, measures_issued, trigger FROM issues.accountability_facts WHERE id = $1', [c.caseId])).rows[0];
    expect(fact).toEqual({ assessment_year: year + 1, status: 'measures_issued', measures_issued: 3, trigger: 'T3' });

    // Closed by the supervision lead, with a reason; a closed case takes no further step.
    expect((await onCase('jiandu', 'POST', c.caseId, 'close', { reason: '措施已落实' })).status).toBe(403);
    const closed = await onCase('fenguan', 'POST', c.caseId, 'close', { reason: '问责措施均已落实，企业已书面报告整改情况' });
    expect(closed.body).toMatchObject({ status: 'closed', closing: { reason: '问责措施均已落实，企业已书面报告整改情况' } });
    expect((await onCase('jiandu', 'POST', c.caseId, 'measures/circular', { scope: '各监管企业', text: '再次通报' })).status).toBe(409);

    // Every step is on the problem's audit trail, with actor and role, and the hash chain holds.
    const steps = (await trail(c.problemId)).filter((e) => e.kind === 'accountability' && e.payload['caseId'] === c.caseId);
    expect(steps.map((e) => [e.action, e.actor_role])).toEqual([
      ['draftOpinion', 'supervision_officer'],
      ['signOpinion', 'supervision_officer'],
      ['draftOpinion', 'supervision_officer'],
      ['signOpinion', 'discipline_group'],
      ['signOpinion', 'supervision_lead'],
      ['issueMeasure', 'supervision_officer'],
      ['issueMeasure', 'supervision_lead'],
      ['issueMeasure', 'supervision_officer'],
      ['markAssessment', 'supervision_officer'],
      ['closeCase', 'supervision_lead'],
    ]);
    expect(steps[2]!.reason).toBe('补充查明事实');
    expect(steps[2]!.payload['voidedSignOffsOfVersion']).toBe(1);
    const verdict = await api('GET', `/api/issues/audit/verify?ledgerNo=${c.ledgerNo}`, { token: await login('jiandu') });
    expect(verdict.body).toMatchObject({ intact: true });
    const seqs = (await trail(c.problemId)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i));
  });

  it('lets only the Supervision Division and 纪检组 sign, and hides other enterprises’ cases', async () => {
    const other = await openCase();
    await onCase('jiandu', 'PUT', other.caseId, 'opinion', OPINION);
    // The workflow keeps writing to the same trail after a case step: its event takes the next position.
    const transfer = await api('POST', `/api/issues/problems/${other.ledgerNo}/discipline-transfers`, { token: await login('jiandu'), body: { content: '涉嫌违规决策，移送纪检组' } });
    expect(transfer.status).toBe(200);
    const events = await trail(other.problemId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(events.slice(-2).map((e) => e.action)).toEqual(['draftOpinion', 'transferToDiscipline']);
    expect((await api('GET', `/api/issues/audit/verify?ledgerNo=${other.ledgerNo}`, { token: await login('jiandu') })).body).toMatchObject({ intact: true });
    expect((await onCase('jijian', 'GET', other.caseId)).body.transfers).toEqual([expect.objectContaining({ content: '涉嫌违规决策，移送纪检组', status: 'pending' })]);
    for (const who of ['e001-leader', 'e001-audit', 'gaige', 'gaige-lingdao', 'kaohe']) {
      expect([who, (await onCase(who, 'POST', other.caseId, 'opinion/sign-offs', { version: 1 })).status]).toEqual([who, 403]);
    }
    for (const who of ['e001-leader', 'gaige']) {
      expect([who, (await onCase(who, 'POST', other.caseId, 'measures/letter', { requiredCorrections: '整改' })).status]).toEqual([who, 403]);
    }
    expect((await onCase('e002-leader', 'GET', other.caseId)).status).toBe(404);
    expect((await onCase('gaige', 'GET', other.caseId)).status).toBe(403);
    const own = await onCase('e001-leader', 'GET', other.caseId);
    expect(own.status).toBe(200);
    expect(own.body.opinion).toBeNull(); // an unsigned draft stays on the Commission side
    const list = await api('GET', '/api/issues/accountability-cases?pageSize=200', { token: await login('e002-audit') });
    expect(list.body.items.some((x: { id: string }) => x.id === other.caseId)).toBe(false);
    expect((await rowCounts(other.caseId)).signoffs).toBe(0);
    expect((await onCase('jiandu', 'GET', 'abc')).status).toBe(404);
    expect((await onCase('jiandu', 'GET', '999999999')).status).toBe(404);
  });

  it('keeps a confidential problem’s case from those who may not read it', async () => {
    const secret = await openCase({ confidentiality: 'confidential' });
    expect((await onCase('jiandu', 'GET', secret.caseId)).status).toBe(200);
    expect((await onCase('jijian', 'GET', secret.caseId)).status).toBe(200);
    expect((await onCase('e001-leader', 'GET', secret.caseId)).status).toBe(200);
    expect((await onCase('kaohe', 'GET', secret.caseId)).status).toBe(404);
    expect((await onCase('ganbu', 'GET', secret.caseId)).status).toBe(404);
    const list = await api('GET', '/api/issues/accountability-cases?pageSize=200', { token: await login('kaohe') });
    expect(list.body.items.some((x: { id: string }) => x.id === secret.caseId)).toBe(false);
    expect((await api('GET', '/api/issues/accountability-cases?pageSize=200', { token: await login('jiandu') })).body.items.some((x: { id: string }) => x.id === secret.caseId)).toBe(true);
  });

  it('answers bad input with 400 naming each field, and writes nothing', async () => {
    const bad = await openCase();
    const before = await rowCounts(bad.caseId);
    const opinion = await onCase('jiandu', 'PUT', bad.caseId, 'opinion', { findings: '', responsibility: 7, proposedMeasures: ['letter', 'fine'], extra: 1 });
    expect(opinion.status).toBe(400);
    const fields = (opinion.body.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['findings', 'responsibility', 'proposedMeasures', 'extra']));
    expect(opinion.body.message.join('\n')).toContain('letter（函告）');

    await onCase('jiandu', 'PUT', bad.caseId, 'opinion', OPINION);
    await onCase('jiandu', 'POST', bad.caseId, 'opinion/sign-offs', { version: 1 });
    await onCase('jijian', 'POST', bad.caseId, 'opinion/sign-offs', { version: 1 });
    const middle = await rowCounts(bad.caseId);
    expect(middle).toMatchObject({ opinions: 1, signoffs: 2, measures: 0 });

    const talk = await onCase('jiandu', 'POST', bad.caseId, 'measures/talk', { date: '2026-02-30', place: '', attendees: [], record: '记录' });
    expect(talk.status).toBe(400);
    expect((talk.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['attendees', 'date', 'place']);
    const letter = await onCase('jiandu', 'POST', bad.caseId, 'measures/letter', { replyBy: 'tomorrow' });
    expect(letter.status).toBe(400);
    expect((letter.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['replyBy', 'requiredCorrections']);
    const sign = await onCase('fenguan', 'POST', bad.caseId, 'opinion/sign-offs', { version: 'two' });
    expect(sign.status).toBe(400);
    expect(sign.body.fields[0].field).toBe('version');
    const close = await onCase('fenguan', 'POST', bad.caseId, 'close', {});
    expect(close.status).toBe(400);
    expect(close.body.fields[0].field).toBe('reason');
    const year = await onCase('jiandu', 'PUT', bad.caseId, 'assessment', { year: 'next' });
    expect(year.status).toBe(400);
    expect(year.body.fields[0].field).toBe('year');
    const future = await onCase('jiandu', 'POST', bad.caseId, 'measures/talk', { date: '2099-01-01', place: '会议室', attendees: ['董事长'], record: '记录' });
    expect(future.status).toBe(422);
    expect(future.body.message).toMatch(/^date：/);

    expect(await rowCounts(bad.caseId)).toEqual(middle);
    expect((await onCase('jiandu', 'GET', bad.caseId)).body.status).toBe('opinion_signed');
    expect(before).toMatchObject({ opinions: 0, signoffs: 0, measures: 0 });
  });
});
