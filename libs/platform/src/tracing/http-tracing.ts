import type { CallHandler, ExecutionContext, INestApplication, NestInterceptor } from '@nestjs/common';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { Observable } from 'rxjs';
import { isHealthProbe, routeOf } from '../logging/request-id.js';
import { REQUEST_ID_HEADER } from '../logging/request-context.js';
import { tracingEnabled } from './tracing.js';

/** The trace context of each request being served, for the route's own async context (TraceScope). */
const contexts = new WeakMap<Request, Context>();

/**
 * Runs each route inside its request's trace context (TraceScope), while tracing is on; the span
 * itself is httpTraceMiddleware's, which runService installs first among the common middlewares.
 */
export function useTraceScope(app: INestApplication): void {
  if (tracingEnabled()) app.useGlobalInterceptors(new TraceScope());
}

/**
 * One server span per request (health probes aside), child of the caller's W3C `traceparent` when
 * there is one. The request's `traceparent` header is rewritten to this span, so the gateway's
 * proxy passes it on and the service's span is its child. The span is named by the method and the
 * route template (routeOf) and carries the status and the request id: never the path, query or body.
 * Undefined while tracing is off (nothing is installed then).
 */
export function httpTraceMiddleware() {
  if (!tracingEnabled()) return undefined;
  const tracer = trace.getTracer('rectify-http');
  return (req: Request, res: Response, next: NextFunction): void => {
    if (isHealthProbe(req)) return next();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } }, parent);
    const active = trace.setSpan(parent, span);
    delete req.headers['tracestate'];
    propagation.inject(active, req.headers);
    contexts.set(req, active);
    res.once('close', () => {
      const route = routeOf(req);
      const requestId = req.headers[REQUEST_ID_HEADER];
      span.updateName(`${req.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode, ...(typeof requestId === 'string' ? { 'rectify.request_id': requestId } : {}) });
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(active, next);
  };
}

/**
 * Runs the route (after body parsing, which loses the middleware's async context) inside its
 * request's trace context, so the workflow starts and updates it makes are children of its span.
 */
class TraceScope implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const active = contexts.get(ctx.switchToHttp().getRequest<Request>());
    if (!active) return next.handle();
    return new Observable((subscriber) => context.with(active, () => next.handle().subscribe(subscriber)));
  }
}
