import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The request id of the work in progress: set from `X-Request-Id` (or made) when a request comes
 * in, carried to the services by the gateway, into Temporal as a header by the client interceptor
 * and on to every activity (temporal/request-id-interceptors.ts); every log line carries it.
 */
export const REQUEST_ID_HEADER = 'x-request-id';
/** The Temporal header carrying it (workflow start, update, signal, activity). */
export const REQUEST_ID_TEMPORAL_HEADER = 'rectify-request-id';

const context = new AsyncLocalStorage<{ requestId: string }>();

/** A client's id is kept when it is a short token; anything else is replaced by a new one. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdFrom(header: unknown): string {
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === 'string' && ACCEPTABLE.test(value) ? value : randomUUID();
}

export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return context.run({ requestId }, fn);
}
