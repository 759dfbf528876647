import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { DEFAULT_POLICY, localDateOf } from '@rectify/domain';
import { closeDb, db, login, stack } from '../harness/index.js';
import { OPINION, onCase, openCase } from './fixtures.js';

afterAll(async () => {
  await closeDb();
});

async function download(caseId: string, measureId: string, as: string): Promise<{ status: number; bytes: Buffer; text: string }> {
  const res = await fetch(`${stack().urls.gateway}/api/issues/accountability-cases/${caseId}/measures/${measureId}/document`, { headers: { authorization: `Bearer ${await login(as)}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) return { status: res.status, bytes, text: '' };
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return { status: 200, bytes, text: [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('') };
}

describe('an issued 函告 / 通报 is stored as issued', () => {
  let c: Awaited<ReturnType<typeof openCase>>;
  beforeAll(async () => {
    c = await openCase();
    await onCase('jiandu', 'PUT', c.caseId, 'opinion', OPINION);
    await onCase('jiandu', 'POST', c.caseId, 'opinion/sign-offs', { version: 1 });
    await onCase('jijian', 'POST', c.caseId, 'opinion/sign-offs', { version: 1 });
  });

  it('keeps the letter’s assessment year and bytes when the case is edited afterwards', async () => {
    const year = Number(localDateOf(Date.now(), DEFAULT_POLICY).slice(0, 4));
    const letter = await onCase('jiandu', 'POST', c.caseId, 'measures/letter', { requiredCorrections: '立即清退违规发放的交通补贴。' });
    const circular = await onCase('jiandu', 'POST', c.caseId, 'measures/circular', { scope: '各监管企业', text: '该企业对审计指出问题不整改。' });
    expect([letter.status, circular.status]).toEqual([200, 200]);

    const before = await download(c.caseId, letter.body.measureId, 'e001-leader');
    expect(before.status).toBe(200);
    expect(before.text).toContain(`本次问责情况纳入${year}年度企业领导人员业绩考核`);
    const circularBefore = await download(c.caseId, circular.body.measureId, 'jiandu');

    // The case is marked for next year's assessment afterwards: the issued letter does not change.
    const marked = await onCase('jiandu', 'PUT', c.caseId, 'assessment', { year: year + 1, note: '计入次年' });
    expect(marked.body.assessment).toMatchObject({ year: year + 1, marked: true });
    const after = await download(c.caseId, letter.body.measureId, 'e001-leader');
    expect(after.text).toContain(`纳入${year}年度`);
    expect(after.text).not.toContain(`纳入${year + 1}年度`);
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect((await download(c.caseId, letter.body.measureId, 'jiandu')).bytes.equals(before.bytes)).toBe(true);
    expect((await download(c.caseId, circular.body.measureId, 'e001-leader')).bytes.equals(circularBefore.bytes)).toBe(true);

    // Stored when issued, append-only, with its digest on the trail.
    const stored = (await db().query(`SELECT encode(file, 'base64') AS file, sha256 FROM issues.accountability_documents WHERE measure_id = $1`, [letter.body.measureId])).rows[0];
    expect(Buffer.from(stored.file, 'base64').equals(before.bytes)).toBe(true);
    expect(stored.sha256).toBe(createHash('sha256').update(before.bytes).digest('hex'));
    await expect(db().query(`UPDATE issues.accountability_documents SET title = 'x' WHERE measure_id = $1`, [letter.body.measureId])).rejects.toThrow(/append-only/);
    const issued = (await db().query(`SELECT payload FROM issues.problem_events WHERE problem_id = $1 AND action = 'issueMeasure' ORDER BY seq`, [c.problemId])).rows;
    expect(issued[0].payload.documentSha256).toBe(stored.sha256);
  });
});
