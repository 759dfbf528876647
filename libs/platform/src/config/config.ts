import { parsePublicKeys, parseSigningKey } from '../auth/token-keys.js';
import { parsePayloadKeys, payloadKeyProblems } from './payload-keys.js';
import { METRICS_CONFIG } from '../metrics/metrics-config.js';
import { TRACING_CONFIG } from '../tracing/tracing-config.js';

/**
 * Configuration read from the environment and validated at start. A missing or malformed
 * variable stops the process with one sentence naming the variable (see ConfigError).
 */
export type VariableKind = 'string' | 'url' | 'port' | 'int' | 'bool' | 'secret' | 'jwk-private' | 'jwk-public-set';

export interface VariableSpec {
  kind: VariableKind;
  /** Used when the variable is unset; a variable without default is required. */
  default?: string;
  /** For a `string`: the only values accepted. */
  oneOf?: readonly string[];
  description: string;
  /** Further checks of the raw value (may read other variables); returns the problems found. */
  check?: (raw: string, env: NodeJS.ProcessEnv) => string[];
}

export type ConfigSpec = Record<string, VariableSpec>;

type ValueOf<S extends VariableSpec> = S['kind'] extends 'port' | 'int'
  ? number
  : S['kind'] extends 'bool'
    ? boolean
    : string;

export type ConfigOf<S extends ConfigSpec> = { readonly [K in keyof S]: ValueOf<S[K]> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

function parseValue(name: string, spec: VariableSpec, raw: string): { value?: unknown; problem?: string } {
  switch (spec.kind) {
    case 'string':
      return raw.length > 0 ? { value: raw } : { problem: `${name} must not be empty` };
    case 'secret':
      return raw.length >= 32
        ? { value: raw }
        : { problem: `${name} must be at least 32 characters long (it signs access tokens)` };
    case 'url':
      try {
        new URL(raw);
        return { value: raw };
      } catch {
        return { problem: `${name} must be a URL, got "${raw}"` };
      }
    case 'port': {
      const n = Number(raw);
      return Number.isInteger(n) && n > 0 && n < 65536
        ? { value: n }
        : { problem: `${name} must be a TCP port (1-65535), got "${raw}"` };
    }
    case 'int': {
      const n = Number(raw);
      return Number.isInteger(n) ? { value: n } : { problem: `${name} must be an integer, got "${raw}"` };
    }
    case 'jwk-private':
    case 'jwk-public-set':
      try {
        if (spec.kind === 'jwk-private') parseSigningKey(raw, name);
        else parsePublicKeys(raw, name);
        return { value: raw };
      } catch (err) {
        return { problem: (err as Error).message };
      }
    case 'bool':
      if (raw === 'true' || raw === '1') return { value: true };
      if (raw === 'false' || raw === '0') return { value: false };
      return { problem: `${name} must be true or false, got "${raw}"` };
  }
}

/** Reads and validates every variable of `spec` from `env`; throws ConfigError listing all problems. */
export function loadConfig<S extends ConfigSpec>(spec: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(spec)) {
    const raw = env[name] ?? variable.default;
    if (raw === undefined) {
      problems.push(`${name} is required (${variable.description})`);
      continue;
    }
    const { value, problem } = parseValue(name, variable, raw);
    const checked = problem ? [] : (variable.check?.(raw, env) ?? []);
    if (problem) problems.push(problem);
    else if (variable.oneOf && !variable.oneOf.includes(raw)) problems.push(`${name} must be one of ${variable.oneOf.join(', ')}, got "${raw}"`);
    else if (checked.length > 0) problems.push(...checked);
    else out[name] = value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as ConfigOf<S>;
}

/**
 * The keys of the Temporal payload codec (docs/security.md): every process that talks to Temporal
 * reads them, and a start with a missing or malformed key stops naming the variable.
 */
export const TEMPORAL_PAYLOAD_CONFIG = {
  TEMPORAL_PAYLOAD_KEYS: {
    kind: 'string',
    description: 'keys that encrypt Temporal payloads, id:base64key[,id:base64key…] (32-byte keys; the others only decrypt)',
    check: (raw) => parsePayloadKeys(raw).problems,
  },
  TEMPORAL_PAYLOAD_KEY_ID: {
    kind: 'string',
    description: 'id of the key in TEMPORAL_PAYLOAD_KEYS that encrypts new payloads',
    check: (raw, env) => (env['TEMPORAL_PAYLOAD_KEYS'] && parsePayloadKeys(env['TEMPORAL_PAYLOAD_KEYS']).problems.length === 0 ? payloadKeyProblems({ TEMPORAL_PAYLOAD_KEYS: env['TEMPORAL_PAYLOAD_KEYS'], TEMPORAL_PAYLOAD_KEY_ID: raw }) : []),
  },
} as const satisfies ConfigSpec;

/** Variables every Rectify HTTP service reads. */
export const COMMON_SERVICE_CONFIG = {
  PORT: { kind: 'port', description: 'HTTP port of this service' },
  HOST: { kind: 'string', default: '127.0.0.1', description: 'address the HTTP server binds to' },
  DATABASE_URL: { kind: 'url', description: 'PostgreSQL connection URL' },
  TEMPORAL_ADDRESS: { kind: 'string', description: 'Temporal frontend host:port' },
  TEMPORAL_NAMESPACE: { kind: 'string', default: 'default', description: 'Temporal namespace' },
  JWT_PUBLIC_KEYS: { kind: 'jwk-public-set', description: 'Ed25519 public keys (a JWK set) access tokens are verified with' },
  LOG_LEVEL: { kind: 'string', default: 'log', oneOf: ['verbose', 'debug', 'log', 'info', 'warn', 'error', 'fatal'], description: 'lowest log level written: verbose, debug, log (or info), warn, error, fatal' },
  API_DOCS: { kind: 'string', default: 'signed-in', oneOf: ['public', 'signed-in'], description: 'who may read /docs (Swagger UI, OpenAPI JSON): public (the dev profile) or signed-in (a valid access token)' },
  MIGRATIONS_RUN: { kind: 'string', default: 'auto', oneOf: ['auto', 'skip'], description: 'auto: run pending migrations at start (under a lock); skip: only check none is pending (a migrate job runs them)' },
  ...TEMPORAL_PAYLOAD_CONFIG,
  ...METRICS_CONFIG,
  ...TRACING_CONFIG,
} as const satisfies ConfigSpec;

export type CommonServiceConfig = ConfigOf<typeof COMMON_SERVICE_CONFIG>;
