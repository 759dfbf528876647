import { COMMON_SERVICE_CONFIG, ConfigError, loadConfig, parsePublicKeys, parseSigningKey, publishesSigningKey, type ConfigOf, type ConfigSpec } from '@rectify/platform';
import { trustProxySetting } from './identity/client-address.js';

export const GATEWAY_CONFIG = {
  ...COMMON_SERVICE_CONFIG,
  JWT_PRIVATE_KEY: { kind: 'jwk-private', description: 'Ed25519 private key (a JWK with kid) that signs access tokens; the gateway only' },
  ISSUES_URL: { kind: 'url', description: 'base URL of the issues service' },
  NOTIFICATIONS_URL: { kind: 'url', description: 'base URL of the notifications service' },
  JOINT_MEETING_URL: { kind: 'url', description: 'base URL of the joint-meeting service' },
  ASSESSMENT_URL: { kind: 'url', description: 'base URL of the assessment service' },
  SEED_DEMO: { kind: 'bool', default: 'false', description: 'create the demo enterprises and one demo user per role' },
  DEMO_PASSWORD: { kind: 'string', default: 'rectify-demo', description: 'password of every demo user' },
  TRUST_PROXY: { kind: 'string', default: 'false', description: 'addresses/CIDRs of the ingress whose X-Forwarded-For is believed, or false' },
  LOGIN_FREE_FAILURES: { kind: 'int', default: '5', description: 'failed logins of a username before each further one makes the next attempt wait 2^k seconds' },
  LOGIN_ADDRESS_FREE_FAILURES: { kind: 'int', default: '50', description: 'failed logins from one client address before the same growing delays' },
  LOGIN_MAX_DELAY_SECONDS: { kind: 'int', default: '900', description: 'longest wait after failed logins' },
  LOGIN_WINDOW_SECONDS: { kind: 'int', default: '3600', description: 'a failure counter is forgotten this long after its last failure' },
  LOGIN_HASH_CONCURRENCY: { kind: 'int', default: '2', description: 'password hashes (scrypt, 128 MiB each) computed at once per gateway' },
  LOGIN_QUEUE_PER_ADDRESS: { kind: 'int', default: '8', description: 'logins from one address waiting for a hash slot before further ones get 429' },
  REFRESH_TOKEN_TTL_SECONDS: { kind: 'int', default: '43200', description: 'how long a login session (its refresh token) lasts' },
  REFRESH_REUSE_GRACE_SECONDS: { kind: 'int', default: '30', description: 'how long a replaced refresh token may still be exchanged (a refresh whose answer was lost); 0: never' },
  WEB_DIST_DIR: { kind: 'string', default: '../web/dist', description: 'the built web console served at / (relative paths from services/gateway)' },
  TEMPORAL_UI_URL: { kind: 'url', default: 'http://127.0.0.1:8233', description: 'the Temporal UI the console links each problem\'s workflow to; its origin is the only one the codec endpoint answers cross-origin' },
  CODEC_MAX_BODY_BYTES: { kind: 'int', default: '262144', description: 'largest request body the codec endpoint (/api/codec) accepts' },
  SESSION_COOKIE_SECURE: { kind: 'bool', default: 'false', description: 'mark the codec session cookie Secure (true whenever the gateway is reached over HTTPS)' },
} as const satisfies ConfigSpec;

export type GatewayConfig = ConfigOf<typeof GATEWAY_CONFIG>;

/** The gateway's configuration with the checks across variables (exit 78 naming the variable). */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadConfig(GATEWAY_CONFIG, env);
  const problems: string[] = [];
  if (!publishesSigningKey(parsePublicKeys(config.JWT_PUBLIC_KEYS), parseSigningKey(config.JWT_PRIVATE_KEY))) {
    problems.push('JWT_PUBLIC_KEYS must contain the public half of JWT_PRIVATE_KEY under the same kid (else its tokens would be refused)');
  }
  try {
    trustProxySetting(config.TRUST_PROXY);
  } catch (err) {
    problems.push((err as Error).message);
  }
  for (const name of ['LOGIN_FREE_FAILURES', 'LOGIN_ADDRESS_FREE_FAILURES', 'LOGIN_MAX_DELAY_SECONDS', 'LOGIN_WINDOW_SECONDS', 'LOGIN_HASH_CONCURRENCY', 'LOGIN_QUEUE_PER_ADDRESS', 'REFRESH_TOKEN_TTL_SECONDS'] as const) {
    if (config[name] < 1) problems.push(`${name} must be at least 1, got ${config[name]}`);
  }
  if (config.REFRESH_REUSE_GRACE_SECONDS < 0 || config.REFRESH_REUSE_GRACE_SECONDS > 300) {
    problems.push(`REFRESH_REUSE_GRACE_SECONDS must be between 0 and 300, got ${config.REFRESH_REUSE_GRACE_SECONDS}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
