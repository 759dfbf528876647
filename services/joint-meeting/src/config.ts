import { COMMON_SERVICE_CONFIG, LIVE_EVENTS_CONFIG, type ConfigOf, type ConfigSpec } from '@rectify/platform';

export const JOINT_MEETING_CONFIG = {
  ...COMMON_SERVICE_CONFIG,
  ...LIVE_EVENTS_CONFIG,
  EVIDENCE_DIR: { kind: 'string', default: '.rectify/evidence', description: 'folder of uploaded files (outside the database); joint-meeting attachments go to its joint-meeting/ subfolder' },
  ATTACHMENT_MAX_BYTES: { kind: 'int', default: String(20 * 1024 * 1024), description: 'largest joint-meeting attachment accepted, in bytes' },
  POLICY_JSON: { kind: 'string', default: '{}', description: 'overrides of the policy numbers (JSON) for new pushes; {} keeps the seed defaults' },
  SEED_DEMO: { kind: 'bool', default: 'false', description: 'register the demo member units of the joint meeting at start (never overwrites)' },
} as const satisfies ConfigSpec;

export type JointMeetingConfig = ConfigOf<typeof JOINT_MEETING_CONFIG>;
