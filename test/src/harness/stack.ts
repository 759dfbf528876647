import { sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TokenClaims } from '@rectify/contracts';
import { parsePublicKeys, parseSigningKey, signAccessToken, type PublicKeySet, type SigningKey, type SignOptions } from '@rectify/platform';

/** What `npm test` wrote about the stack it started (.rectify/test/stack.json). */
export interface StackDescription {
  profile: string;
  ports: Record<string, number>;
  infra: {
    databaseUrl: string;
    temporalAddress: string;
    temporalNamespace: string;
    smtpUrl: string;
    temporalCli?: string;
    /** The profile's Temporal payload keys (JSON, mode 0600); absent when the environment supplied them. */
    temporalPayloadKeysFile?: string;
    /** The stack's own trace collector's file (logs/traces.jsonl); absent when OTEL_EXPORTER_OTLP_ENDPOINT named another. */
    tracesFile?: string;
    /** `production`: Temporal Server on PostgreSQL, two of every process (docs/operations.md); else the dev server. */
    topology?: 'dev' | 'production';
    /** The production topology's Temporal service processes (temporal-frontend, -history, …). */
    temporalProcesses?: string[];
  };
  /** The production topology's instances of each process: its name in children.json and its port. */
  instances?: Record<string, { name: string; port: number }[]>;
  urls: { gateway: string; apiDocs: string; temporalUi?: string; mailbox?: string; codecEndpoint?: string };
  /** The gateway's private key (JWK, mode 0600), for tests that mint tokens of their own. */
  jwtPrivateKeyFile: string;
  /** JWT_PUBLIC_KEYS of the stack. */
  jwtPublicKeysFile: string;
  logDir: string;
  stateDir: string;
}

let cached: StackDescription | undefined;

/** The running test stack; fails clearly when the tests run outside `npm test`. */
export function stack(): StackDescription {
  if (cached) return cached;
  const file = process.env['RECTIFY_STACK_FILE'];
  if (!file) throw new Error('RECTIFY_STACK_FILE is not set: run the tests with `npm test`, which starts the stack they need');
  cached = JSON.parse(readFileSync(file, 'utf8')) as StackDescription;
  return cached;
}

/** The environment values of the stack's token keys (for processes a test starts itself). */
export function tokenKeyEnvironment(): { JWT_PRIVATE_KEY: string; JWT_PUBLIC_KEYS: string } {
  return {
    JWT_PRIVATE_KEY: readFileSync(stack().jwtPrivateKeyFile, 'utf8').trim(),
    JWT_PUBLIC_KEYS: readFileSync(stack().jwtPublicKeysFile, 'utf8').trim(),
  };
}

/** The gateway's signing key and the stack's public keys. */
export function stackKeys(): { signing: SigningKey; publicKeys: PublicKeySet } {
  const env = tokenKeyEnvironment();
  return { signing: parseSigningKey(env.JWT_PRIVATE_KEY), publicKeys: parsePublicKeys(env.JWT_PUBLIC_KEYS) };
}

/** An access token signed with the gateway's key, for claims no demo user has (no session). */
export function mintToken(claims: TokenClaims, options: SignOptions = {}): string {
  return signAccessToken(claims, stackKeys().signing, options);
}

/**
 * A token built by hand and signed with the gateway's key (or `key`), for shapes the gateway never
 * issues: another audience, no `exp`, a strange header.
 */
export function handMadeToken(header: object, payload: object, key?: KeyObject): string {
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), key ?? stackKeys().signing.key).toString('base64url')}`;
}
