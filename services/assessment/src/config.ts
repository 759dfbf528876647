import { COMMON_SERVICE_CONFIG, type ConfigOf, type ConfigSpec } from '@rectify/platform';

export const ASSESSMENT_CONFIG = {
  ...COMMON_SERVICE_CONFIG,
  SCORING_JSON: { kind: 'string', default: '{}', description: 'overrides of the scoring weights (JSON, see libs/domain/src/scoring.ts); {} keeps the defaults' },
} as const satisfies ConfigSpec;

export type AssessmentConfig = ConfigOf<typeof ASSESSMENT_CONFIG>;
