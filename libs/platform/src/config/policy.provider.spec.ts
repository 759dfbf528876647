import { describe, expect, it } from '@jest/globals';
import { ConfigError } from './config.js';
import { policyFromConfig } from './policy.provider.js';

const rules = {
  defaults: { days: 3, name: 'a' },
  validate: (p: { days: number }) => (p.days > 0 ? [] : ['days：必须为正数']),
};

describe('policyFromConfig', () => {
  it('overrides the defaults with POLICY_JSON', () => {
    expect(policyFromConfig('{}', rules)).toEqual({ days: 3, name: 'a' });
    expect(policyFromConfig('{"days":5}', rules)).toEqual({ days: 5, name: 'a' });
  });

  it('refuses JSON that does not parse and an invalid policy, naming POLICY_JSON', () => {
    expect(() => policyFromConfig('{', rules)).toThrow(ConfigError);
    expect(() => policyFromConfig('{', rules)).toThrow('POLICY_JSON must be a JSON object');
    expect(() => policyFromConfig('{"days":0}', rules)).toThrow('POLICY_JSON: days：必须为正数');
  });
});
