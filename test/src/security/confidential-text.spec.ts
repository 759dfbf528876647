import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { temporal as temporalProto } from '@temporalio/proto';
import { api, closeDb, closeTemporal, eventually, jsonPayload, login, payloadsOf, stack, temporal, type JsonPayload } from '../harness/index.js';
import { OPINION, onCase } from '../accountability/fixtures.js';
import { act, approval, registration } from '../ledger/fixtures.js';

/**
 * 涉密 stays in PostgreSQL (issue: confidentiality end to end). Two confidential problems go through
 * every stage a user can take them — plan, progress, transfer to discipline inspection, refusal of
 * the Commission's opinion, report, determination, review, accountability case with its opinion,
 * sign-offs and letter, upward report to the party committee, extension with a special reason,
 * follow-up audit and close-out — with a unique marker in every text field. Then the raw history of
 * every workflow started meanwhile (read without any payload codec), Temporal's own database files,
 * the mailbox's store and every process's log are searched for the marker: it appears nowhere.
 */
const MARK = `MK${randomBytes(6).toString('hex')}`;
const m = (field: string) => `${MARK}-${field}`;
const startedAt = new Date(Date.now() - 1000);

async function post(as: string, ledgerNo: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await act(as, ledgerNo, path, body);
  if (res.status !== 200) throw new Error(`${path} as ${as}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown>;
}

async function registerMarked(label: string, extra: Record<string, unknown>): Promise<{ ledgerNo: string; id: string }> {
  const body = registration({
    confidentiality: 'confidential',
    subsidiary: m('subsidiary'),
    document: { type: 'decision', number: `${m(`${label}-docno`)}〔2026〕1号`, issuer: m('issuer'), issueDate: '2026-10-15' },
    auditProject: m('auditProject'),
    title: m('title'),
    description: m('description'),
    category: m('category'),
    legalBasis: m('legalBasis'),
    recommendation: m('recommendation'),
    ...extra,
  });
  const res = await api('POST', '/api/issues/problems', { token: await login('e001-audit'), body });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.problem as { ledgerNo: string; id: string };
}

async function toDetermination(n: string, label: string): Promise<void> {
  await post('e001-audit', n, 'responsibility', { responsibility: { leadDepartment: m(`${label}-dept`), cooperatingDepartments: [m(`${label}-coop`)], responsiblePersons: [m(`${label}-person`)] }, reason: m(`${label}-assign-reason`) });
  await post('e001-business', n, 'plan', { measures: m(`${label}-measures`), milestones: [{ title: m(`${label}-milestone`), dueDate: '2027-01-31' }], targetDate: '2027-02-28' });
  for (const body of ['party_committee', 'board'] as const) await post('e001-leader', n, 'plan/approvals', { ...approval(body), meeting: m(`${label}-meeting`), resolutionNo: m(`${label}-resolution`) });
  await post('e001-business', n, 'progress', { progress: m(`${label}-progress`), correctedAmount: '400000.00' });
}

async function reportAndApprove(n: string, label: string): Promise<void> {
  await post('e001-audit', n, 'report', { content: m(`${label}-report`) });
  for (const body of ['party_committee', 'board'] as const) await post('e001-leader', n, 'report/approvals', approval(body));
}

/** Every file under `dir` (recursively), as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...filesUnder(path));
    else if (st.isFile()) out.push({ path, bytes: readFileSync(path) });
  }
  return out;
}

const containing = (files: { path: string; bytes: Buffer }[], text: string) => files.filter((f) => f.bytes.includes(Buffer.from(text, 'utf8'))).map((f) => f.path);

afterAll(async () => {
  await closeTemporal();
  await closeDb();
});

describe('涉密 text never leaves PostgreSQL in clear', () => {
  const ledgerNos: string[] = [];
  const problemIds: string[] = [];
  const histories = new Map<string, Buffer>();
  const payloads: JsonPayload[] = [];

  it('drives two confidential problems through every stage with a marker in every text field', async () => {
    // A: transfer, refusal of the opinion, N2 → accountability case and upward report.
    const a = await registerMarked('A', { tags: ['major_asset_loss_risk'] });
    ledgerNos.push(a.ledgerNo);
    problemIds.push(a.id);
    await toDetermination(a.ledgerNo, 'A');
    await post('jiandu', a.ledgerNo, 'discipline-transfers', { content: m('A-transfer') });
    await post('jijian', a.ledgerNo, 'discipline-transfers/decision', { accept: true, acceptedOn: '2026-11-20', note: m('A-transfer-note') });
    await post('e001-leader', a.ledgerNo, 'opinion-rejection', { opinion: m('A-rejected-opinion'), reason: m('A-rejection-reason') });
    await reportAndApprove(a.ledgerNo, 'A');
    await post('e001-audit', a.ledgerNo, 'determination', { criterion: 'N2', basis: m('A-basis') });
    await post('jiandu', a.ledgerNo, 'determination/review', { accept: true, comment: m('A-review') });
    await post('e001-audit', a.ledgerNo, 'handling-proposal', { proposal: m('A-handling'), coDrafters: [m('A-codrafter').slice(0, 40)] });

    const caseId = await eventually('the T3 case', async () => {
      const detail = await api('GET', `/api/issues/problems/${a.ledgerNo}`, { token: await login('jiandu') });
      return (detail.body.accountabilityCases as { id: string; trigger: string }[] | undefined)?.find((c) => c.trigger === 'T3')?.id;
    });
    const opinion = { ...OPINION, findings: m('case-findings'), responsibility: m('case-responsibility') };
    expect((await onCase('jiandu', 'PUT', caseId, 'opinion', opinion)).status).toBe(200);
    expect((await onCase('jiandu', 'POST', caseId, 'opinion/sign-offs', { version: 1, comment: m('signoff-division') })).status).toBe(200);
    expect((await onCase('jijian', 'POST', caseId, 'opinion/sign-offs', { version: 1, comment: m('signoff-discipline') })).status).toBe(200);
    const letter = await onCase('jiandu', 'POST', caseId, 'measures/letter', { letterNo: m('letterno'), requiredCorrections: m('letter-corrections'), replyBy: '2099-12-31' });
    expect(letter.status).toBe(200);

    const report = await eventually('the upward report', async () => {
      const res = await api('GET', `/api/issues/upward-reports?ledgerNo=${a.ledgerNo}`, { token: await login('dangwei') });
      return (res.body as { id: string }[])[0];
    });
    const decided = await api('POST', `/api/issues/upward-reports/${report.id}/decision`, { token: await login('dangwei'), body: { approve: true, documentNumber: m('report-docno'), reason: m('report-reason') } });
    expect(decided.status).toBe(200);
    await eventually('the report produced', async () => {
      const res = await api('GET', `/api/issues/upward-reports/${report.id}`, { token: await login('dangwei') });
      return res.body.report ? true : undefined;
    });

    // B: partial → extension past the 6-month limit with a special reason → completed → close-out.
    const b = await registerMarked('B', {});
    ledgerNos.push(b.ledgerNo);
    problemIds.push(b.id);
    await toDetermination(b.ledgerNo, 'B');
    await reportAndApprove(b.ledgerNo, 'B');
    await post('e001-audit', b.ledgerNo, 'determination', { criterion: 'P2', basis: m('B-partial-basis'), correctedAmount: '400000.00' });
    await post('jiandu', b.ledgerNo, 'determination/review', { accept: true });
    await post('e001-audit', b.ledgerNo, 'extensions', { requestedDeadline: '2027-05-31', reason: m('B-extension-reason'), specialReason: m('B-special-reason') });
    const extended = await post('fenguan', b.ledgerNo, 'extensions/decision', { approve: true, comment: m('B-extension-comment') });
    expect(extended['deadline']).toBe('2027-05-31');
    await post('e001-business', b.ledgerNo, 'progress', { progress: m('B-progress-2'), correctedAmount: '600000.00' });
    await reportAndApprove(b.ledgerNo, 'B2');
    await post('e001-audit', b.ledgerNo, 'determination', { criterion: 'C1', basis: m('B-basis'), correctedAmount: '1000000.00', correctionDescription: m('B-correction') });
    await post('jiandu', b.ledgerNo, 'determination/review', { accept: true, comment: m('B-review') });
    await post('e001-audit', b.ledgerNo, 'follow-up', { holds: true, findings: m('B-follow-up') });
    const closed = await post('fenguan', b.ledgerNo, 'close-out', { opinion: m('B-close-out') });
    expect(closed['stage']).toBe('closed');

    // The texts are where they belong: in the ledger, for those who may read them.
    const detail = await api('GET', `/api/issues/problems/${b.ledgerNo}`, { token: await login('jiandu') });
    expect(JSON.stringify(detail.body)).toContain(m('B-close-out'));
    expect(JSON.stringify(detail.body)).toContain(m('B-special-reason'));
  });

  it('leaves no marker in the raw history of any workflow started meanwhile (read without a codec)', async () => {
    const client = await temporal();
    const namespace = stack().infra.temporalNamespace;
    // Every notice of the two problems is out before the histories are read.
    for (const n of ledgerNos) {
      await eventually(`the close of the notices of ${n}`, async () => {
        const open: unknown[] = [];
        for await (const w of client.workflow.list({ query: `WorkflowId STARTS_WITH "accountability-notice-" AND ExecutionStatus = "Running"` })) open.push(w);
        return open.length === 0 ? true : undefined;
      }, 60_000);
    }
    for await (const w of client.workflow.list({ query: `StartTime >= "${startedAt.toISOString()}"` })) {
      const events: Uint8Array[] = [];
      let nextPageToken: Uint8Array | undefined;
      do {
        const page = await client.workflowService.getWorkflowExecutionHistory({ namespace, execution: { workflowId: w.workflowId, runId: w.runId }, nextPageToken });
        events.push(temporalProto.api.history.v1.History.encode(page.history ?? {}).finish());
        payloads.push(...payloadsOf(page.history?.events ?? []).map(jsonPayload));
        nextPageToken = page.nextPageToken && page.nextPageToken.length > 0 ? page.nextPageToken : undefined;
      } while (nextPageToken);
      histories.set(w.workflowId, Buffer.concat(events));
    }
    for (const n of ledgerNos) expect([...histories.keys()]).toContain(`problem-${n}`);
    expect([...histories.keys()]).toContain(`upward-report-${ledgerNos[0]}`);
    expect([...histories.keys()].some((id) => id.startsWith('accountability-notice-'))).toBe(true);
    // The histories are what was searched: the problem's id is in them, the marker is not.
    const leaked = [...histories].filter(([, bytes]) => bytes.includes(Buffer.from(MARK))).map(([id]) => id);
    expect(leaked).toEqual([]);
  });

  it('decodes for an operator into ids and facts without a marker, and refuses an enterprise user', async () => {
    expect(payloads.length).toBeGreaterThan(20);
    const decodedParts: string[] = [];
    for (let i = 0; i < payloads.length; i += 20) {
      const decoded = await api('POST', '/api/codec/decode', { token: await login('yunwei'), body: { payloads: payloads.slice(i, i + 20) }, headers: { 'x-namespace': stack().infra.temporalNamespace } });
      expect(decoded.status).toBe(200);
      decodedParts.push(...(decoded.body.payloads as JsonPayload[]).map((p) => Buffer.from(p.data, 'base64').toString('utf8')));
    }
    const clear = decodedParts.join('\n');
    // What the workflows hold: the problems' ids and ledger numbers, stages and dates — and no text.
    for (const id of problemIds) expect(clear).toContain(id);
    for (const n of ledgerNos) expect(clear).toContain(n);
    expect(clear).toContain('"stage"');
    expect(clear).not.toContain(MARK);
    const refused = await api('POST', '/api/codec/decode', { token: await login('e001-audit'), body: { payloads: payloads.slice(0, 1) }, headers: { 'x-namespace': stack().infra.temporalNamespace } });
    expect(refused.status).toBe(403);
  });

  it("leaves no marker in Temporal's database files, the mailbox's store or any process's log", async () => {
    const temporalFiles = filesUnder(stack().stateDir).filter((f) => /temporal\.sqlite/.test(f.path));
    expect(temporalFiles.length).toBeGreaterThan(0);
    // The histories are stored as they are read (a name every problem history holds is there).
    expect(containing(temporalFiles, 'recordEvent').length).toBeGreaterThan(0);
    expect(containing(temporalFiles, MARK)).toEqual([]);

    // The mailbox as its users read it (subjects and bodies decoded) and as it stores the messages.
    const mailbox = JSON.stringify(await (await fetch(`${stack().urls.mailbox}/api/email`)).json());
    // Notices about the two problems were e-mailed: they name the ledger number, nothing more.
    for (const n of ledgerNos) expect(mailbox).toContain(`问题 ${n} 有一条新的通知`);
    expect(mailbox).not.toContain(MARK);
    expect(containing(filesUnder(join(stack().stateDir, 'mail')), MARK)).toEqual([]);

    const logs = filesUnder(stack().logDir);
    expect(logs.some((f) => f.bytes.length > 0)).toBe(true);
    expect(containing(logs, MARK)).toEqual([]);
  });
});
