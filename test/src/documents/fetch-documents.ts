/**
 * Produces each of Rectify's six official documents through the running stack, as its users do, and
 * downloads it as the console does: the 函告 and 通报 of an accountability case, the 上报 approved by
 * the 党委, the joint meeting's 专报, the month's supervision summary and the People's Congress report.
 * The problems behind the 函告, 通报 and 上报 are 涉密; their texts are long enough to fill pages.
 */
import { DEFAULT_POLICY, localDateOf } from '@rectify/domain';
import { onCase, openCase } from '../accountability/fixtures.js';
import { api, eventually, login, stack } from '../harness/index.js';
import { act, register } from '../ledger/fixtures.js';

export const DOCUMENT_NAMES = ['letter', 'circular', 'upward', 'special', 'summary', 'annual'] as const;
export type DocumentName = (typeof DOCUMENT_NAMES)[number];

/** Pure Chinese text without punctuation inside, so every full line holds exactly 28 characters. */
const SENTENCE = '经查该企业在工程建设项目管理中存在超付工程款问题涉及多个标段合同执行不严格审核把关不到位未能及时追回超付款项造成国有资产损失风险';
export const LONG_TEXT = Array.from({ length: 8 }, () => `${SENTENCE.repeat(3)}。`).join('\n');

async function download(who: string, path: string): Promise<Uint8Array> {
  const res = await fetch(`${stack().urls.gateway}${path}`, { headers: { authorization: `Bearer ${await login(who)}` } });
  if (res.status !== 200) throw new Error(`GET ${path} as ${who}: ${res.status} ${await res.text()}`);
  return new Uint8Array(await res.arrayBuffer());
}

function must<T extends { status: number; body: unknown }>(what: string, res: T, status = 200): T {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** 函告 and 通报 of a case on a 涉密 problem (opinion signed by both sides). */
async function accountabilityDocuments(): Promise<{ letter: Uint8Array; circular: Uint8Array; letterNo: string }> {
  const c = await openCase({ confidentiality: 'confidential' });
  must('opinion', await onCase('jiandu', 'PUT', c.caseId, 'opinion', { findings: LONG_TEXT, responsibility: '企业主要负责人负领导责任，财务部负责人负直接责任。', proposedMeasures: ['letter', 'circular'] }));
  must('supervision sign-off', await onCase('jiandu', 'POST', c.caseId, 'opinion/sign-offs', { version: 1 }));
  must('discipline sign-off', await onCase('jijian', 'POST', c.caseId, 'opinion/sign-offs', { version: 1 }));
  const letter = must('letter', await onCase('jiandu', 'POST', c.caseId, 'measures/letter', { requiredCorrections: '立即追回超付工程款，健全合同支付审核程序。' }));
  const circular = must('circular', await onCase('jiandu', 'POST', c.caseId, 'measures/circular', { scope: '各监管企业', text: LONG_TEXT }));
  const path = (measureId: string) => `/api/issues/accountability-cases/${c.caseId}/measures/${measureId}/document`;
  const measures = circular.body.case.measures as { id: string; kind: string; details?: Record<string, unknown> }[];
  return {
    letter: await download('jiandu', path(letter.body.measureId as string)),
    circular: await download('jiandu', path(circular.body.measureId as string)),
    letterNo: String(measures.find((m) => m.kind === 'letter')?.details?.['letterNo'] ?? ''),
  };
}

/** The 上报 of a 涉密 problem whose enterprise refused the opinion, approved by the 党委. */
async function upwardReport(): Promise<Uint8Array> {
  const p = await register('e001-audit', { tags: ['major_asset_loss_risk'], confidentiality: 'confidential', title: '违规对外担保形成重大损失风险', description: LONG_TEXT, amount: '80000000.00' });
  must('opinion rejection', await act('e001-leader', p.ledgerNo, 'opinion-rejection', { opinion: '监督处关于解除违规担保的整改意见', reason: '担保系历史遗留，企业认为无需解除' }));
  const proposal = await eventually('the upward-report proposal', async () => {
    const res = await api('GET', `/api/issues/upward-reports?ledgerNo=${p.ledgerNo}`, { token: await login('jiandu') });
    return res.body.length === 1 ? (res.body[0] as { id: string }) : undefined;
  });
  must('decision', await api('POST', `/api/issues/upward-reports/${proposal.id}/decision`, { token: await login('dangwei'), body: { approve: true, documentNumber: '市国资党委〔2026〕61号' } }));
  return download('fenguan', `/api/issues/upward-reports/${proposal.id}/report.docx`);
}

/** A 专报 written by the joint-meeting office, its summary filling pages. */
async function specialReport(today: string): Promise<Uint8Array> {
  const created = must('special report', await api('POST', '/api/joint-meeting/reports', { token: await login('lianxi'), body: { title: '关于监督联席会议工作情况的专报', periodFrom: `${today.slice(0, 4)}-01-01`, periodTo: today, summary: LONG_TEXT } }), 201);
  return download('lianxi', `/api/joint-meeting/reports/${created.body.id as string}/document`);
}

/** This month's supervision summary, produced on demand by its workflow. */
async function supervisionSummary(today: string): Promise<Uint8Array> {
  const month = today.slice(0, 7);
  const started = must('summary', await api('POST', '/api/issues/supervision/summaries', { token: await login('jiandu'), body: { month } }), 202);
  const summary = await eventually('the supervision summary', async () => {
    const res = await api<{ items: { id: string; workflowId: string }[] }>('GET', `/api/issues/supervision/summaries?month=${month}`, { token: await login('jiandu') });
    return res.body.items.find((s) => s.workflowId === started.body.workflowId);
  });
  return download('jiandu', `/api/issues/supervision/summaries/${summary.id}/document`);
}

export async function fetchDocuments(): Promise<{ documents: Record<DocumentName, Uint8Array>; letterNo: string }> {
  const today = localDateOf(Date.now(), DEFAULT_POLICY);
  const { letter, circular, letterNo } = await accountabilityDocuments();
  return {
    letterNo,
    documents: {
      letter,
      circular,
      upward: await upwardReport(),
      special: await specialReport(today),
      summary: await supervisionSummary(today),
      annual: await download('jiandu', `/api/assessment/reports/annual.docx?from=${today.slice(0, 4)}-01-01&to=${today}`),
    },
  };
}
