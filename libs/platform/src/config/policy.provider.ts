import type { Provider } from '@nestjs/common';
import { ConfigError } from './config.js';
import { APP_CONFIG } from './config.module.js';

/** Injection token of the policy in force. */
export const POLICY = Symbol('POLICY');

/** A policy's defaults and its validator (the domain's DEFAULT_POLICY and validatePolicy). */
export interface PolicyRules<P extends object> {
  defaults: P;
  /** One line per problem; empty when the policy is valid. */
  validate: (policy: P) => string[];
}

/** The policy in force: the defaults with POLICY_JSON's overrides, validated at start. */
export function policyFromConfig<P extends object>(json: string, rules: PolicyRules<P>): P {
  let overrides: unknown;
  try {
    overrides = JSON.parse(json);
  } catch {
    throw new ConfigError(['POLICY_JSON must be a JSON object']);
  }
  const policy = { ...rules.defaults, ...(overrides as object) } as P;
  const problems = rules.validate(policy);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `POLICY_JSON: ${p}`));
  return policy;
}

/** Provides POLICY from the configuration's POLICY_JSON. */
export function policyProvider<P extends object>(rules: PolicyRules<P>): Provider {
  return { provide: POLICY, inject: [APP_CONFIG], useFactory: (config: { POLICY_JSON: string }) => policyFromConfig(config.POLICY_JSON, rules) };
}
