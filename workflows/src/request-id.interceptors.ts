import type { Headers } from '@temporalio/common';
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

/** The Temporal header of a request id (libs/platform logging/request-context.ts). */
const HEADER = 'rectify-request-id';

/**
 * Carries the request id from the requests a workflow receives to the activities it schedules:
 * each activity and child workflow gets the header of the latest start, update or signal that
 * carried one (for an activity a timer leads to, the request that last changed the workflow). It
 * only copies headers, which are part of the history: replay sees the same values.
 */
export const interceptors: WorkflowInterceptorsFactory = () => {
  let latest: Headers[string] | undefined;
  const remember = (headers: Headers) => {
    if (headers[HEADER]) latest = headers[HEADER];
  };
  const pass = (headers: Headers): Headers => (latest && !headers[HEADER] ? { ...headers, [HEADER]: latest } : headers);
  return {
    inbound: [
      {
        execute: (input, next) => (remember(input.headers), next(input)),
        handleSignal: (input, next) => (remember(input.headers), next(input)),
        handleUpdate: (input, next) => (remember(input.headers), next(input)),
      },
    ],
    outbound: [
      {
        scheduleActivity: (input, next) => next({ ...input, headers: pass(input.headers) }),
        scheduleLocalActivity: (input, next) => next({ ...input, headers: pass(input.headers) }),
        startChildWorkflowExecution: (input, next) => next({ ...input, headers: pass(input.headers) }),
      },
    ],
  };
};
