import { DEFAULT_SCORING, validateScoring, type ScoringPolicy } from '@rectify/domain';
import { ConfigError } from '@rectify/platform';

/** The scoring weights in force: the defaults with SCORING_JSON's overrides, validated at start. */
export function scoringFromConfig(json: string): ScoringPolicy {
  let overrides: unknown;
  try {
    overrides = JSON.parse(json);
  } catch {
    throw new ConfigError(['SCORING_JSON must be a JSON object']);
  }
  const scoring = { ...DEFAULT_SCORING, ...(overrides as object) };
  const problems = validateScoring(scoring);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `SCORING_JSON: ${p}`));
  return scoring;
}
