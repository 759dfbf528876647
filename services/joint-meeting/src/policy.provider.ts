import { DEFAULT_POLICY, validatePolicy, type Policy } from '@rectify/domain';
import { ConfigError } from '@rectify/platform';

export const POLICY = Symbol('POLICY');

/** The policy in force for new pushes: the seed's defaults with POLICY_JSON's overrides, validated at start. */
export function policyFromConfig(json: string): Policy {
  let overrides: unknown;
  try {
    overrides = JSON.parse(json);
  } catch {
    throw new ConfigError(['POLICY_JSON must be a JSON object']);
  }
  const policy = { ...DEFAULT_POLICY, ...(overrides as object) };
  const problems = validatePolicy(policy);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `POLICY_JSON: ${p}`));
  return policy;
}
