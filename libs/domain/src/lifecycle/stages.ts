import { ROLES, type Role } from '@rectify/contracts';

/**
 * The eight stages of one problem (policy §6: 问题挂号、责任分解、制定方案、推动整改、阶段报告、
 * 结果认定、后续审计、问题销号), each owned by a party. A problem's `stage` is the stage whose work is
 * in progress; `closed` follows an accepted close-out.
 */
export const STAGES = ['register', 'assign', 'plan', 'rectify', 'report', 'determine', 'follow_up', 'close_out', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  register: '问题挂号',
  assign: '责任分解',
  plan: '制定方案',
  rectify: '推动整改',
  report: '阶段报告',
  determine: '结果认定',
  follow_up: '后续审计',
  close_out: '问题销号',
  closed: '已销号',
};

/** Who does each stage's work (SPEC §3). */
export const STAGE_OWNERS: Record<Stage, Role[]> = {
  register: [ROLES.ENTERPRISE_AUDIT, ROLES.SUPERVISION_OFFICER],
  assign: [ROLES.ENTERPRISE_AUDIT, ROLES.SUPERVISION_OFFICER],
  plan: [ROLES.ENTERPRISE_BUSINESS, ROLES.ENTERPRISE_LEADER],
  rectify: [ROLES.ENTERPRISE_BUSINESS],
  report: [ROLES.ENTERPRISE_AUDIT, ROLES.ENTERPRISE_LEADER],
  determine: [ROLES.ENTERPRISE_AUDIT, ROLES.SUPERVISION_OFFICER],
  follow_up: [ROLES.ENTERPRISE_AUDIT, ROLES.SUPERVISION_OFFICER],
  close_out: [ROLES.SUPERVISION_LEAD],
  closed: [],
};

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}
