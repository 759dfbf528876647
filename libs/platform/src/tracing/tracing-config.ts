import type { ConfigSpec } from '../config/config.js';

/** The value of OTEL_EXPORTER_OTLP_ENDPOINT that leaves tracing off (its default). */
export const TRACING_OFF = 'off';

/**
 * OpenTelemetry tracing (docs/operations.md, "Tracing"): off unless an OTLP/HTTP endpoint is named.
 * Every process that serves requests or runs workflows or activities reads it.
 */
export const TRACING_CONFIG = {
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    kind: 'string',
    default: TRACING_OFF,
    description: 'base URL of the OTLP/HTTP collector spans are sent to (its /v1/traces), or off: no tracing',
    check: (raw) => {
      if (raw === TRACING_OFF) return [];
      try {
        const url = new URL(raw);
        if (url.protocol === 'http:' || url.protocol === 'https:') return [];
      } catch {
        // reported below
      }
      return [`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL of an OTLP/HTTP collector or off, got "${raw}"`];
    },
  },
} as const satisfies ConfigSpec;
