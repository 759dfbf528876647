import type { CallHandler, ExecutionContext, INestApplication, NestInterceptor } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Observable } from 'rxjs';
import { REQUEST_ID_HEADER, requestIdFrom, runWithRequestId } from './request-context.js';
import { writeLog } from './log-line.js';

/**
 * Gives every request an id: the client's `X-Request-Id` when it is a short token, else a new one.
 * It is set on the request (so the gateway's proxy passes it to the service), answered in the
 * response header, and is the request id of every log line written while the route runs
 * (RequestIdScope, useRequestIdScope) and of the workflows and activities it starts. Writes the
 * request's access line when it is answered.
 */
export function requestIdMiddleware() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    const started = process.hrtime.bigint();
    res.once('finish', () => accessLine(req, res, id, started));
    next();
  };
}

/** Runs each route in its request id's async context (the id requestIdMiddleware gave it). */
export function useRequestIdScope(app: INestApplication): void {
  app.useGlobalInterceptors(new RequestIdScope());
}

/** Runs the route (after body parsing and guards) inside its request id's async context. */
class RequestIdScope implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const id = ctx.switchToHttp().getRequest<Request>().headers[REQUEST_ID_HEADER];
    if (typeof id !== 'string') return next.handle();
    return new Observable((subscriber) => runWithRequestId(id, () => next.handle().subscribe(subscriber)));
  }
}

/** Whether the request is a health probe (left out of access lines and traces). */
export function isHealthProbe(req: Request): boolean {
  return req.originalUrl.startsWith('/health');
}

/**
 * The route template an answered request matched (`/problems/:ledgerNo/responsibility`), never
 * the path itself; the gateway's proxied requests give the service prefix only (`/api/issues`).
 */
export function routeOf(req: Request): string {
  const template = (req.route as { path?: string } | undefined)?.path;
  return template ? `${req.baseUrl}${template}` : (/^\/api\/[a-z-]+/.exec(req.originalUrl.split('?')[0] ?? '')?.[0] ?? '(unrouted)');
}

/**
 * One line per answered request: method, the route's template (never the query string, which may
 * hold a search for 涉密 text; the gateway's proxied requests show the service prefix only), status
 * and duration. Health probes are left out.
 */
function accessLine(req: Request, res: Response, requestId: string, started: bigint): void {
  if (isHealthProbe(req)) return;
  const route = routeOf(req);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  writeLog(res.statusCode >= 500 ? 'error' : 'log', 'Http', `${req.method} ${route} ${res.statusCode}`, {
    event: 'http',
    method: req.method,
    route,
    status: res.statusCode,
    durationMs: Math.round(ms * 10) / 10,
    requestId,
  });
}
