import { ALL_ROLES, APPROVAL_READERS, PAYLOAD_DECODERS, CASE_READERS, CONFIDENTIAL_READERS, ENTERPRISE_ROLES, MEASURE_ISSUERS, ROLES, type Role } from '@rectify/contracts';
import type { ActionName } from '@rectify/domain';

/**
 * The one table the access matrix is generated from: every endpoint of every OpenAPI document
 * (gateway and services), keyed `METHOD /api/<service><path>` exactly as the documents spell them,
 * with who may call it and what a caller must get. An endpoint the documents list and this table
 * does not is a failure naming it: a new route is classified here before it ships.
 *
 * - public        no token needed (health, docs, login)
 * - signed-in     any valid token; `ok` are the statuses every caller gets with the probe request
 * - roles         only `roles` (others 403); `ok` for them
 * - problem-read  a GET on one problem: 200 for whoever may see it (SPEC §9), else 404 — never 403
 * - problem-object an object under a problem looked up by a random id: 404 for everyone allowed
 * - problem-action a stage action: 403 for a role that never may; 404 for a problem the caller may not see
 * - problem-upload an upload under a problem (sent without a file): 403 / 404 / 400
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signed-in'; ok: number[]; query?: string; body?: unknown; stranger?: boolean }
  | { kind: 'roles'; roles: readonly Role[]; ok: number[]; query?: string; body?: unknown }
  | { kind: 'problem-read'; roles?: readonly Role[]; query?: string; operatorSeesAll?: boolean }
  | { kind: 'problem-object'; roles?: readonly Role[] }
  | { kind: 'problem-action'; action: ActionName; body: unknown }
  | { kind: 'problem-upload'; roles: readonly Role[] };

const R = ROLES;
const INDICATOR_READERS: Role[] = [
  R.SUPERVISION_OFFICER, R.SUPERVISION_LEAD, R.PARTY_COMMITTEE, R.DISCIPLINE_GROUP, R.JOINT_OFFICE, R.ASSESSMENT_DIVISION,
  R.CADRE_DIVISION, R.COMMISSION_DIVISION, R.SUPERVISION_GROUP, R.ENTERPRISE_AUDIT, R.ENTERPRISE_LEADER,
];
const REPORT_READERS: Role[] = [R.SUPERVISION_OFFICER, R.SUPERVISION_LEAD, R.PARTY_COMMITTEE, R.ASSESSMENT_DIVISION, R.CADRE_DIVISION, R.DISCIPLINE_GROUP];
/** Published official outputs: the Supervision Division publishes; the Commission's indicator readers download the files. */
const PUBLISHERS: Role[] = [R.SUPERVISION_OFFICER, R.SUPERVISION_LEAD];
const PUBLICATION_FILE_READERS: Role[] = INDICATOR_READERS.filter((r) => !ENTERPRISE_ROLES.includes(r));
const YEAR = '?from=2026-01-01&to=2026-12-31';
/** Joint meeting (§11): the office side, the member units, and everyone notices go to. */
const JM_OFFICE_READERS: Role[] = [R.JOINT_OFFICE, R.SUPERVISION_LEAD, R.SUPERVISION_OFFICER];
const JM_UNIT: Role[] = [R.MEMBER_UNIT_OFFICER, R.MEMBER_UNIT_LEADER];
const JM_MEMBERS: Role[] = [...JM_OFFICE_READERS, ...JM_UNIT, R.DISCIPLINE_GROUP];
/** Supervision (§10): every role but the operator reads visits; explanations are the Division's and the enterprise's. */
const VISIT_READERS: Role[] = ALL_ROLES.filter((r) => r !== R.OPERATOR);
const EXPLANATION_READERS: Role[] = [...CONFIDENTIAL_READERS, ...ENTERPRISE_ROLES];
const action = (a: ActionName, body: unknown): Access => ({ kind: 'problem-action', action: a, body });

export const ACCESS_TABLE: Record<string, Access> = {
  // gateway
  'GET /health': { kind: 'public' },
  'GET /health/live': { kind: 'public' },
  'GET /health/ready': { kind: 'public' },
  'GET /about': { kind: 'signed-in', ok: [200] },
  'GET /api/console-config': { kind: 'signed-in', ok: [200] },
  'POST /api/auth/login': { kind: 'public' },
  'POST /api/auth/logout': { kind: 'public' },
  // Temporal's remote codec protocol: the operator and the Supervision Division decode payloads (an empty body is a 400).
  'POST /api/codec/decode': { kind: 'roles', roles: PAYLOAD_DECODERS, ok: [400], body: {} },
  'POST /api/codec/encode': { kind: 'roles', roles: PAYLOAD_DECODERS, ok: [400], body: {} },
  'GET /api/auth/me': { kind: 'signed-in', ok: [200] },
  'POST /api/auth/refresh': { kind: 'public' },
  'POST /api/auth/password': { kind: 'signed-in', ok: [400], body: {} },
  'GET /api/directory/enterprises': { kind: 'signed-in', ok: [200] },
  'GET /api/directory/member-units': { kind: 'signed-in', ok: [200] },

  // issues
  'GET /api/issues/health': { kind: 'public' },
  'GET /api/issues/health/live': { kind: 'public' },
  'GET /api/issues/health/ready': { kind: 'public' },
  'GET /api/issues/about': { kind: 'signed-in', ok: [200] },
  'GET /api/issues/ledger/template.xlsx': { kind: 'signed-in', ok: [200] },
  'POST /api/issues/ledger/import': { kind: 'roles', roles: [R.ENTERPRISE_AUDIT, R.SUPERVISION_OFFICER], ok: [400], body: {} },
  'GET /api/issues/ledger/export.xlsx': { kind: 'signed-in', ok: [200], query: '?q=__access_matrix__' },
  'POST /api/issues/problems': { kind: 'roles', roles: [R.ENTERPRISE_AUDIT, R.SUPERVISION_OFFICER], ok: [400], body: {} },
  'GET /api/issues/problems': { kind: 'signed-in', ok: [200] },
  'GET /api/issues/discipline-transfers': { kind: 'roles', roles: [R.DISCIPLINE_GROUP, R.SUPERVISION_OFFICER, R.SUPERVISION_LEAD], ok: [200] },
  'GET /api/issues/problems/{ledgerNo}': { kind: 'problem-read' },
  'GET /api/issues/problems/{ledgerNo}/workflow': { kind: 'problem-read' },
  'POST /api/issues/problems/{ledgerNo}/responsibility': action('assignResponsibility', { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['王五'] } }),
  'POST /api/issues/problems/{ledgerNo}/responsibility/reassignment': action('reassignResponsibility', { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['王五'] }, reason: '机构调整' }),
  'POST /api/issues/problems/{ledgerNo}/plan': action('submitPlan', { measures: '整改措施', milestones: [], targetDate: '2027-03-31' }),
  'POST /api/issues/problems/{ledgerNo}/plan/approvals': action('approvePlan', { body: 'board', meeting: '董事会', meetingDate: '2026-11-01', resolutionNo: '董决1号' }),
  'POST /api/issues/problems/{ledgerNo}/progress': action('reportProgress', { progress: '进展' }),
  'POST /api/issues/problems/{ledgerNo}/report': action('submitReport', { content: '报告' }),
  'POST /api/issues/problems/{ledgerNo}/report/approvals': action('approveReport', { body: 'board', meeting: '董事会', meetingDate: '2026-11-01', resolutionNo: '董决2号' }),
  'POST /api/issues/problems/{ledgerNo}/determination': action('determine', { criterion: 'N2', basis: '未采取整改措施' }),
  'POST /api/issues/problems/{ledgerNo}/determination/review': action('reviewDetermination', { accept: false }),
  'POST /api/issues/problems/{ledgerNo}/handling-proposal': action('proposeHandling', { proposal: '建议', coDrafters: ['纪检部门'] }),
  'POST /api/issues/problems/{ledgerNo}/follow-up': action('recordFollowUp', { holds: false, findings: '未到位' }),
  'POST /api/issues/problems/{ledgerNo}/close-out': action('acceptCloseOut', { opinion: '同意' }),
  'POST /api/issues/problems/{ledgerNo}/close-out/refusal': action('refuseCloseOut', { reason: '材料不全' }),
  'POST /api/issues/problems/{ledgerNo}/discipline-transfers': action('transferToDiscipline', { content: '移送线索' }),
  'POST /api/issues/problems/{ledgerNo}/discipline-transfers/decision': action('decideTransfer', { accept: false, note: '不予受理' }),
  'POST /api/issues/problems/{ledgerNo}/extensions': action('requestExtension', { requestedDeadline: '2027-05-31', reason: '客观原因' }),
  'POST /api/issues/problems/{ledgerNo}/extensions/decision': action('decideExtension', { approve: false }),
  'POST /api/issues/problems/{ledgerNo}/evidence': { kind: 'problem-upload', roles: [R.ENTERPRISE_BUSINESS, R.ENTERPRISE_AUDIT, R.SUPERVISION_GROUP, R.SUPERVISION_OFFICER] },
  'GET /api/issues/problems/{ledgerNo}/evidence': { kind: 'problem-read' },
  'GET /api/issues/problems/{ledgerNo}/evidence/{id}': { kind: 'problem-object' },
  'GET /api/issues/audit/verify': { kind: 'problem-read', roles: [R.SUPERVISION_OFFICER, R.SUPERVISION_LEAD, R.DISCIPLINE_GROUP, R.OPERATOR], query: '?ledgerNo={ledgerNo}', operatorSeesAll: true },
  'GET /api/issues/accountability-cases': { kind: 'roles', roles: CASE_READERS, ok: [200] },
  'GET /api/issues/accountability-cases/{id}': { kind: 'problem-object', roles: CASE_READERS },
  'GET /api/issues/accountability-cases/{id}/measures/{measureId}/document': { kind: 'problem-object', roles: CASE_READERS },
  'PUT /api/issues/accountability-cases/{id}/opinion': { kind: 'roles', roles: [R.SUPERVISION_OFFICER], ok: [400], body: {} },
  'POST /api/issues/accountability-cases/{id}/opinion/sign-offs': { kind: 'roles', roles: [R.SUPERVISION_OFFICER, R.SUPERVISION_LEAD, R.DISCIPLINE_GROUP], ok: [400], body: {} },
  'POST /api/issues/accountability-cases/{id}/measures/letter': { kind: 'roles', roles: MEASURE_ISSUERS, ok: [400], body: {} },
  'POST /api/issues/accountability-cases/{id}/measures/talk': { kind: 'roles', roles: MEASURE_ISSUERS, ok: [400], body: {} },
  'POST /api/issues/accountability-cases/{id}/measures/circular': { kind: 'roles', roles: MEASURE_ISSUERS, ok: [400], body: {} },
  'PUT /api/issues/accountability-cases/{id}/assessment': { kind: 'roles', roles: MEASURE_ISSUERS, ok: [400], body: {} },
  'POST /api/issues/accountability-cases/{id}/close': { kind: 'roles', roles: [R.SUPERVISION_LEAD], ok: [400], body: {} },
  'POST /api/issues/problems/{ledgerNo}/opinion-rejection': action('rejectOpinion', { opinion: '整改意见', reason: '不同意' }),
  'POST /api/issues/separate-projects': { kind: 'roles', roles: [R.SUPERVISION_OFFICER, R.SUPERVISION_GROUP], ok: [400], body: {} },
  'GET /api/issues/separate-projects': { kind: 'roles', roles: APPROVAL_READERS, ok: [200] },
  'GET /api/issues/separate-projects/{id}': { kind: 'roles', roles: APPROVAL_READERS, ok: [404] },
  'GET /api/issues/separate-projects/{id}/workflow': { kind: 'roles', roles: APPROVAL_READERS, ok: [404] },
  'POST /api/issues/separate-projects/{id}/decision': { kind: 'roles', roles: [R.PARTY_COMMITTEE], ok: [400], body: {} },
  'GET /api/issues/upward-reports': { kind: 'roles', roles: APPROVAL_READERS, ok: [200] },
  'GET /api/issues/upward-reports/{id}': { kind: 'roles', roles: APPROVAL_READERS, ok: [404] },
  'GET /api/issues/upward-reports/{id}/workflow': { kind: 'roles', roles: APPROVAL_READERS, ok: [404] },
  'GET /api/issues/upward-reports/{id}/report.docx': { kind: 'roles', roles: APPROVAL_READERS, ok: [404] },
  'POST /api/issues/upward-reports/{id}/decision': { kind: 'roles', roles: [R.PARTY_COMMITTEE], ok: [400], body: {} },
  'POST /api/issues/supervision/records': { kind: 'roles', roles: [R.SUPERVISION_GROUP], ok: [400], body: {} },
  'GET /api/issues/supervision/records': { kind: 'roles', roles: VISIT_READERS, ok: [200] },
  'GET /api/issues/supervision/records/{id}': { kind: 'roles', roles: VISIT_READERS, ok: [404] },
  'POST /api/issues/supervision/records/{id}/evidence': { kind: 'roles', roles: [R.SUPERVISION_GROUP, R.SUPERVISION_OFFICER], ok: [404], body: {} },
  'GET /api/issues/supervision/records/{id}/evidence/{fileId}': { kind: 'roles', roles: VISIT_READERS, ok: [404] },
  'POST /api/issues/supervision/explanations': { kind: 'roles', roles: [R.SUPERVISION_OFFICER], ok: [400], body: {} },
  'GET /api/issues/supervision/explanations': { kind: 'roles', roles: EXPLANATION_READERS, ok: [200] },
  'POST /api/issues/supervision/explanations/unsolicited': { kind: 'roles', roles: ENTERPRISE_ROLES, ok: [400], body: {} },
  'GET /api/issues/supervision/explanations/{id}': { kind: 'roles', roles: EXPLANATION_READERS, ok: [404] },
  'POST /api/issues/supervision/explanations/{id}/answer': { kind: 'roles', roles: ENTERPRISE_ROLES, ok: [400], body: {} },
  'POST /api/issues/supervision/explanations/{id}/guidance': { kind: 'roles', roles: [R.SUPERVISION_OFFICER], ok: [400], body: {} },
  'POST /api/issues/supervision/summaries': { kind: 'roles', roles: [R.SUPERVISION_OFFICER, R.OPERATOR], ok: [400], body: {} },
  'GET /api/issues/supervision/summaries': { kind: 'roles', roles: [...CONFIDENTIAL_READERS, R.OPERATOR], ok: [200] },
  'GET /api/issues/supervision/summaries/{id}': { kind: 'roles', roles: CONFIDENTIAL_READERS, ok: [404] },
  'GET /api/issues/supervision/summaries/{id}/document': { kind: 'roles', roles: CONFIDENTIAL_READERS, ok: [404] },
  'POST /api/issues/probe': { kind: 'roles', roles: [R.OPERATOR], ok: [400], body: {} },

  // notifications
  'GET /api/notifications/health': { kind: 'public' },
  'GET /api/notifications/health/live': { kind: 'public' },
  'GET /api/notifications/health/ready': { kind: 'public' },
  'GET /api/notifications/about': { kind: 'signed-in', ok: [200] },
  'GET /api/notifications/inbox': { kind: 'signed-in', ok: [200] },
  'GET /api/notifications/inbox/unread-count': { kind: 'signed-in', ok: [200] },
  'POST /api/notifications/inbox/{id}/read': { kind: 'signed-in', ok: [404] },
  // Sent for a user id of no one, so that the demo users' inboxes are left as they are.
  'POST /api/notifications/inbox/read-all': { kind: 'signed-in', ok: [200, 201], stranger: true },
  'GET /api/notifications/deliveries': { kind: 'signed-in', ok: [200] },
  'GET /api/notifications/notices/undeliverable': { kind: 'roles', roles: [R.SUPERVISION_OFFICER, R.SUPERVISION_LEAD, R.OPERATOR], ok: [200] },
  'GET /api/notifications/preferences': { kind: 'signed-in', ok: [200] },
  'PUT /api/notifications/preferences': { kind: 'signed-in', ok: [400], body: {} },

  // joint-meeting
  'GET /api/joint-meeting/health': { kind: 'public' },
  'GET /api/joint-meeting/health/live': { kind: 'public' },
  'GET /api/joint-meeting/health/ready': { kind: 'public' },
  'GET /api/joint-meeting/about': { kind: 'signed-in', ok: [200] },
  'GET /api/joint-meeting/members': { kind: 'roles', roles: JM_MEMBERS, ok: [200] },
  'GET /api/joint-meeting/office': { kind: 'roles', roles: JM_MEMBERS, ok: [200] },
  'PUT /api/joint-meeting/members/{code}': { kind: 'roles', roles: [R.JOINT_OFFICE], ok: [400], body: {} },
  'POST /api/joint-meeting/pushes': { kind: 'roles', roles: [R.JOINT_OFFICE], ok: [400], body: {} },
  'GET /api/joint-meeting/pushes': { kind: 'roles', roles: [...JM_OFFICE_READERS, ...JM_UNIT], ok: [200] },
  'GET /api/joint-meeting/pushes/{pushNo}': { kind: 'roles', roles: [...JM_OFFICE_READERS, ...JM_UNIT], ok: [404] },
  'GET /api/joint-meeting/pushes/{pushNo}/workflow': { kind: 'roles', roles: JM_OFFICE_READERS, ok: [404] },
  'GET /api/joint-meeting/pushes/{pushNo}/response': { kind: 'roles', roles: JM_UNIT, ok: [404] },
  'PUT /api/joint-meeting/pushes/{pushNo}/response': { kind: 'roles', roles: [R.MEMBER_UNIT_OFFICER], ok: [400], body: {} },
  'POST /api/joint-meeting/pushes/{pushNo}/response/submit': { kind: 'roles', roles: [R.MEMBER_UNIT_OFFICER], ok: [404] },
  'POST /api/joint-meeting/pushes/{pushNo}/response/approve': { kind: 'roles', roles: [R.MEMBER_UNIT_LEADER], ok: [404] },
  'POST /api/joint-meeting/pushes/{pushNo}/response/return': { kind: 'roles', roles: [R.MEMBER_UNIT_LEADER], ok: [400], body: {} },
  'POST /api/joint-meeting/attachments': { kind: 'roles', roles: [R.JOINT_OFFICE, R.MEMBER_UNIT_OFFICER], ok: [400], body: {} },
  'GET /api/joint-meeting/attachments/{id}': { kind: 'roles', roles: [...JM_OFFICE_READERS, ...JM_UNIT], ok: [404] },
  'POST /api/joint-meeting/notices': { kind: 'roles', roles: [R.JOINT_OFFICE], ok: [400], body: {} },
  'GET /api/joint-meeting/notices': { kind: 'roles', roles: JM_MEMBERS, ok: [200] },
  'GET /api/joint-meeting/notices/{id}': { kind: 'roles', roles: JM_MEMBERS, ok: [404] },
  'POST /api/joint-meeting/notices/{id}/read': { kind: 'roles', roles: [...JM_UNIT, R.DISCIPLINE_GROUP], ok: [404] },
  'GET /api/joint-meeting/notices/{id}/receipts': { kind: 'roles', roles: JM_OFFICE_READERS, ok: [404] },
  'POST /api/joint-meeting/meetings': { kind: 'roles', roles: [R.JOINT_OFFICE], ok: [400], body: {} },
  'GET /api/joint-meeting/meetings': { kind: 'roles', roles: JM_OFFICE_READERS, ok: [200] },
  'GET /api/joint-meeting/meetings/{id}': { kind: 'roles', roles: JM_OFFICE_READERS, ok: [404] },
  'POST /api/joint-meeting/coordination': { kind: 'roles', roles: [R.JOINT_OFFICE], ok: [400], body: {} },
  'GET /api/joint-meeting/coordination': { kind: 'roles', roles: [...JM_OFFICE_READERS, R.DISCIPLINE_GROUP], ok: [200] },
  'POST /api/joint-meeting/reports': { kind: 'roles', roles: [R.JOINT_OFFICE], ok: [400], body: {} },
  'GET /api/joint-meeting/reports': { kind: 'roles', roles: [...JM_OFFICE_READERS, R.PARTY_COMMITTEE], ok: [200] },
  'GET /api/joint-meeting/reports/{id}/document': { kind: 'roles', roles: [...JM_OFFICE_READERS, R.PARTY_COMMITTEE], ok: [404] },
  'POST /api/joint-meeting/reports/{id}/read': { kind: 'roles', roles: [R.PARTY_COMMITTEE], ok: [404] },
  'GET /api/joint-meeting/waiting': { kind: 'roles', roles: [...JM_UNIT, R.DISCIPLINE_GROUP, R.PARTY_COMMITTEE], ok: [200] },

  // assessment
  'GET /api/assessment/health': { kind: 'public' },
  'GET /api/assessment/health/live': { kind: 'public' },
  'GET /api/assessment/health/ready': { kind: 'public' },
  'GET /api/assessment/about': { kind: 'signed-in', ok: [200] },
  'GET /api/assessment/indicators': { kind: 'roles', roles: INDICATOR_READERS, ok: [200], query: YEAR },
  'GET /api/assessment/dashboard/trend': { kind: 'roles', roles: INDICATOR_READERS, ok: [200], query: '?fromMonth=2026-01&toMonth=2026-12' },
  'GET /api/assessment/dashboard/ageing': { kind: 'roles', roles: INDICATOR_READERS, ok: [200] },
  'GET /api/assessment/scores': { kind: 'roles', roles: INDICATOR_READERS, ok: [200], query: '?year=2026' },
  'GET /api/assessment/reports/annual.docx': { kind: 'roles', roles: REPORT_READERS, ok: [200], query: YEAR },
  'GET /api/assessment/reports/indicators.xlsx': { kind: 'roles', roles: REPORT_READERS, ok: [200], query: YEAR },
  'POST /api/assessment/publications': { kind: 'roles', roles: PUBLISHERS, ok: [400], body: {} },
  'GET /api/assessment/publications': { kind: 'roles', roles: INDICATOR_READERS, ok: [200] },
  'GET /api/assessment/publications/{id}': { kind: 'roles', roles: INDICATOR_READERS, ok: [404] },
  'GET /api/assessment/publications/{id}/file': { kind: 'roles', roles: PUBLICATION_FILE_READERS, ok: [404] },
};
