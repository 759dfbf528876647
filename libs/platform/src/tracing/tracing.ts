import { createTraceState, type Attributes, type AttributeValue } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { IResource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { SerializableSpan } from '@temporalio/interceptors-opentelemetry/lib/workflow/definitions.js';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { Sinks, WorkflowInfo } from '@temporalio/workflow';
import { loadConfig } from '../config/config.js';
import { TRACING_CONFIG, TRACING_OFF } from './tracing-config.js';

/**
 * The only span attributes that leave the process: ids, names, the HTTP method, route template and
 * status. Every other attribute (a terminate reason, whatever a library may add) is dropped, as
 * are status messages and exception messages and stacks (they may quote problem text): see
 * {@link redactedSpan}.
 */
export const EXPORTED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'temporalWorkflowId',
  'temporalWorkflowType',
  'run_id',
  'temporalActivityId',
  'temporalUpdateId',
  'http.request.method',
  'http.route',
  'http.response.status_code',
  'rectify.request_id',
]);

interface ActiveTracing {
  processor: SpanProcessor;
  resource: IResource;
  clientInterceptor: WorkflowClientInterceptor;
  activityInterceptors: ActivityInterceptorsFactory;
}

let active: ActiveTracing | undefined;

/** Whether this process exports spans (startTracing found OTEL_EXPORTER_OTLP_ENDPOINT set). */
export function tracingEnabled(): boolean {
  return active !== undefined;
}

/**
 * Turns tracing on when OTEL_EXPORTER_OTLP_ENDPOINT names a collector: spans of this process go,
 * redacted and in batches, to its OTLP/HTTP endpoint `/v1/traces` (JSON), as service
 * `rectify-<service>`; context travels in W3C `traceparent` headers. When it is off nothing of the
 * SDK is even loaded: the OpenTelemetry API stays a no-op and no interceptor is installed.
 */
export async function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } = loadConfig(TRACING_CONFIG, env);
  if (endpoint === TRACING_OFF || active) return active !== undefined;
  const [sdk, hooks, core, resources, otlp, client, worker] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@temporalio/interceptors-opentelemetry/lib/client/index.js'),
    import('@temporalio/interceptors-opentelemetry/lib/worker/index.js'),
  ]);
  const resource = new resources.Resource({ 'service.name': `rectify-${service}` });
  const exporter = new RedactingExporter(new otlp.OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }));
  const processor = new sdk.BatchSpanProcessor(exporter);
  const provider = new sdk.BasicTracerProvider({ resource, spanProcessors: [processor] });
  provider.register({ contextManager: new hooks.AsyncLocalStorageContextManager(), propagator: new core.W3CTraceContextPropagator() });
  active = {
    processor,
    resource,
    clientInterceptor: new client.OpenTelemetryWorkflowClientInterceptor(),
    activityInterceptors: (ctx) => ({ inbound: new worker.OpenTelemetryActivityInboundInterceptor(ctx), outbound: new worker.OpenTelemetryActivityOutboundInterceptor(ctx) }),
  };
  return true;
}

/** Sends the spans still waiting in the batch (at shutdown). */
export async function stopTracing(): Promise<void> {
  await active?.processor.shutdown();
}

/** The Temporal client interceptor that traces workflow starts, updates and signals (none when off). */
export function tracingClientInterceptors(): WorkflowClientInterceptor[] {
  return active ? [active.clientInterceptor] : [];
}

/** The activity interceptors that run each activity in a span under its workflow's (none when off). */
export function tracingActivityInterceptors(): ActivityInterceptorsFactory[] {
  return active ? [active.activityInterceptors] : [];
}

/** What the workflow interceptors (workflows/src/tracing.interceptors.ts) send out of the sandbox. */
interface WorkflowSpanSinks extends Sinks {
  exporter: { export(spans: SerializableSpan[]): void };
}

/**
 * The sink the workflow bundle's tracing interceptors export their spans through. Always
 * registered (a workflow started by a traced request may run on a worker that does not trace);
 * spans go to this process's exporter when tracing is on and are dropped otherwise. It is not
 * called while a workflow is replayed, so a span is exported once.
 */
export function workflowSpanSinks(): InjectedSinks<WorkflowSpanSinks> {
  return {
    exporter: {
      export: {
        fn: (info: WorkflowInfo, spans: SerializableSpan[]) => {
          if (!active) return;
          for (const span of spans) active.processor.onEnd(workflowSpan(span, info, active.resource));
        },
      },
    },
  };
}

/** A span from the sandbox as the SDK's processors take it, named by its workflow's ids and type only. */
function workflowSpan(span: SerializableSpan, info: WorkflowInfo, resource: IResource): ReadableSpan {
  const { traceState, ...context } = span.spanContext;
  const spanContext = { ...context, ...(traceState ? { traceState: createTraceState(traceState) } : {}) };
  return {
    ...span,
    spanContext: () => spanContext,
    resource,
    attributes: { ...span.attributes, temporalWorkflowId: info.workflowId, run_id: info.runId, temporalWorkflowType: info.workflowType },
  };
}

/**
 * The span as it may leave the process: attributes of {@link EXPORTED_ATTRIBUTES} only, events
 * with their name and an exception's type only, the status without its message, links without
 * attributes. Names are the code's own (an HTTP method and route template, a workflow, update or
 * activity type).
 */
export function redactedSpan(span: ReadableSpan): ReadableSpan {
  const attributes: Attributes = {};
  for (const [key, value] of Object.entries(span.attributes)) if (EXPORTED_ATTRIBUTES.has(key)) attributes[key] = value as AttributeValue;
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanId: span.parentSpanId,
    startTime: span.startTime,
    endTime: span.endTime,
    duration: span.duration,
    ended: span.ended,
    status: { code: span.status.code },
    attributes,
    links: span.links.map((link) => ({ context: link.context })),
    events: span.events.map((event) => {
      const type = event.attributes?.['exception.type'];
      return { name: event.name, time: event.time, attributes: typeof type === 'string' ? { 'exception.type': type } : {} };
    }),
    resource: span.resource,
    instrumentationLibrary: span.instrumentationLibrary,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** Redacts every span (redactedSpan) before the OTLP exporter sees it. */
class RedactingExporter implements SpanExporter {
  constructor(private readonly next: SpanExporter) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.next.export(spans.map(redactedSpan), done);
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush?.() ?? Promise.resolve();
  }
}
