import { COMMON_SERVICE_CONFIG, type ConfigOf, type ConfigSpec } from '@rectify/platform';

export const GATEWAY_CONFIG = {
  ...COMMON_SERVICE_CONFIG,
  ISSUES_URL: { kind: 'url', description: 'base URL of the issues service' },
  NOTIFICATIONS_URL: { kind: 'url', description: 'base URL of the notifications service' },
  JOINT_MEETING_URL: { kind: 'url', description: 'base URL of the joint-meeting service' },
  ASSESSMENT_URL: { kind: 'url', description: 'base URL of the assessment service' },
  SEED_DEMO: { kind: 'bool', default: 'false', description: 'create the demo enterprises and one demo user per role' },
  DEMO_PASSWORD: { kind: 'string', default: 'rectify-demo', description: 'password of every demo user' },
  LOGIN_MAX_FAILURES: { kind: 'int', default: '10', description: 'failed logins per username and address before a pause' },
  LOGIN_WINDOW_SECONDS: { kind: 'int', default: '900', description: 'window in which failed logins are counted' },
  WEB_DIST_DIR: { kind: 'string', default: '../web/dist', description: 'the built web console served at / (relative paths from services/gateway)' },
  TEMPORAL_UI_URL: { kind: 'url', default: 'http://127.0.0.1:8233', description: 'the Temporal UI the console links each problem\'s workflow to; its origin is the only one the codec endpoint answers cross-origin' },
  CODEC_MAX_BODY_BYTES: { kind: 'int', default: '262144', description: 'largest request body the codec endpoint (/api/codec) accepts' },
  SESSION_COOKIE_SECURE: { kind: 'bool', default: 'false', description: 'mark the codec session cookie Secure (true whenever the gateway is reached over HTTPS)' },
} as const satisfies ConfigSpec;

export type GatewayConfig = ConfigOf<typeof GATEWAY_CONFIG>;
