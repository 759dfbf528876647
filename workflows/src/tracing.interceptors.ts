import { context, trace } from '@opentelemetry/api';
import type { Headers } from '@temporalio/common';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow/index.js';
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

/** The Temporal header the OpenTelemetry client interceptor puts the trace context in. */
const TRACE_HEADER = '_tracer-data';

/**
 * OpenTelemetry spans of the workflows (docs/operations.md, "Tracing"), bundled with the workflow
 * code: a workflow run, update or signal whose start or request carried a trace context (the
 * services' client interceptor adds one when tracing is on) gets a span under the caller's, and
 * the activities, child workflows and signals it schedules from there get spans whose context
 * travels to the activity worker in their headers. Without a trace context nothing is recorded,
 * so a deployment that does not trace pays nothing. Spans leave the sandbox through the worker's
 * `exporter` sink (libs/platform workflowSpanSinks), which is not called on replay.
 *
 * Replay: spans create no commands; the SDK's own flags keep the interceptors' yields as they
 * were when a history was recorded, and the headers that decide whether to trace are part of the
 * history, so recorded histories replay unchanged.
 */
export const interceptors: WorkflowInterceptorsFactory = () => {
  const inbound = new OpenTelemetryInboundInterceptor();
  const outbound = new OpenTelemetryOutboundInterceptor();
  const traced = (headers: Headers) => headers[TRACE_HEADER] !== undefined;
  const inSpan = () => trace.getSpan(context.active()) !== undefined;
  return {
    inbound: [
      {
        execute: (input, next) => (traced(input.headers) ? inbound.execute(input, next) : next(input)),
        handleSignal: (input, next) => (traced(input.headers) ? inbound.handleSignal(input, next) : next(input)),
        handleUpdate: (input, next) => (traced(input.headers) ? inbound.handleUpdate(input, next) : next(input)),
      },
    ],
    outbound: [
      {
        scheduleActivity: (input, next) => (inSpan() ? outbound.scheduleActivity(input, next) : next(input)),
        scheduleLocalActivity: (input, next) => (inSpan() ? outbound.scheduleLocalActivity(input, next) : next(input)),
        startChildWorkflowExecution: (input, next) => (inSpan() ? outbound.startChildWorkflowExecution(input, next) : next(input)),
        signalWorkflow: (input, next) => (inSpan() ? outbound.signalWorkflow(input, next) : next(input)),
        continueAsNew: (input, next) => (inSpan() ? outbound.continueAsNew(input, next) : next(input)),
      },
    ],
    internals: [new OpenTelemetryInternalsInterceptor()],
  };
};
