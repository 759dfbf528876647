import type { WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import { currentRequestId, REQUEST_ID_TEMPORAL_HEADER, runWithRequestId } from '../logging/request-context.js';

/** The headers with the current request id added (unchanged outside a request). */
function withRequestId(headers: Headers): Headers {
  const id = currentRequestId();
  return id ? { ...headers, [REQUEST_ID_TEMPORAL_HEADER]: defaultPayloadConverter.toPayload(id) } : headers;
}

/** The request id a Temporal header carries, if any. */
export function requestIdOfHeaders(headers: Headers): string | undefined {
  const payload = headers[REQUEST_ID_TEMPORAL_HEADER];
  if (!payload) return undefined;
  const value: unknown = defaultPayloadConverter.fromPayload(payload);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Puts the request id of the HTTP request being served on every workflow start, update and signal
 * (header `rectify-request-id`); the workflow passes it on to its activities
 * (workflows/src/request-id.interceptors.ts), whose log lines carry it (requestIdActivityInbound).
 */
export const requestIdClientInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  startWithDetails: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  startUpdate: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  signal: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  signalWithStart: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
};

/** Runs an activity under the request id its header carries, so its log lines name the request. */
export function underRequestIdOf<T>(headers: Headers, run: () => Promise<T>): Promise<T> {
  const id = requestIdOfHeaders(headers);
  return id ? runWithRequestId(id, run) : run();
}
