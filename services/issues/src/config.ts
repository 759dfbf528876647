import { COMMON_SERVICE_CONFIG, LIVE_EVENTS_CONFIG, type ConfigOf, type ConfigSpec } from '@rectify/platform';

export const ISSUES_CONFIG = {
  ...COMMON_SERVICE_CONFIG,
  ...LIVE_EVENTS_CONFIG,
  EVIDENCE_DIR: { kind: 'string', default: '.rectify/evidence', description: 'folder where evidence files are stored (outside the database)' },
  EVIDENCE_MAX_BYTES: { kind: 'int', default: String(20 * 1024 * 1024), description: 'largest evidence file accepted, in bytes' },
  SUPERVISION_SUMMARY_CRON: { kind: 'string', default: '0 8 1 * *', description: 'when the supervision summary of the month just ended is produced (cron, Asia/Shanghai): the 1st, 08:00' },
  POLICY_JSON: { kind: 'string', default: '{}', description: 'overrides of the policy numbers (JSON), e.g. a compressed policy for drills; {} keeps the seed defaults' },
} as const satisfies ConfigSpec;

export type IssuesConfig = ConfigOf<typeof ISSUES_CONFIG>;
