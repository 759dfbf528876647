import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { writeLog } from '../logging/log-line.js';

/** An Express-style middleware that uses nothing of Express (headers, `res.once`, status). */
export type PlainMiddleware = (req: Request, res: Response, next: NextFunction) => void;

/**
 * A path prefix answered without Express and Nest: the gateway's `/api/<service>` proxies, whose
 * requests need no router, guard, pipe or body parser of the gateway's own. `handle` gets the
 * path below the prefix (with its query string, `/` at least).
 */
export interface DirectRoute {
  prefix: string;
  handle: (req: IncomingMessage, res: ServerResponse, path: string) => void;
}

/** The path below `prefix` when `url` is under it (`/api/issues/problems?x=1` → `/problems?x=1`), else undefined. */
export function pathBelow(url: string, prefix: string): string | undefined {
  if (!url.startsWith(prefix)) return undefined;
  const rest = url.slice(prefix.length);
  if (rest === '') return '/';
  if (rest[0] === '/') return rest;
  if (rest[0] === '?') return `/${rest}`;
  return undefined;
}

/**
 * Requests under a direct route's prefix are answered before Express sees them: the same
 * middlewares every request passes (`chain`: tracing, metrics, request id and access line, security
 * headers, in that order), then the route's handler. Every other request goes to Express as before.
 * A proxied request so skips Express's router and Nest's adapter, about a fifth of the gateway's
 * own cost per request (bench/README.md, "The fixed cost of a request").
 */
export function serveDirectRoutes(app: INestApplication, chain: readonly PlainMiddleware[], routes: readonly DirectRoute[]): void {
  if (routes.length === 0) return;
  const server = app.getHttpServer() as Server;
  const others = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    for (const route of routes) {
      const path = pathBelow(url, route.prefix);
      if (path === undefined) continue;
      answerDirectly(req as Request, res as Response, chain, () => route.handle(req, res, path));
      return;
    }
    for (const listener of others) listener(req, res);
  });
}

function answerDirectly(req: Request, res: Response, chain: readonly PlainMiddleware[], handle: () => void): void {
  // What the middlewares read of an Express request: the URL as received (routeOf, routeLabel).
  req.originalUrl = req.url;
  let i = 0;
  const next = (err?: unknown): void => {
    if (err) return fail(res, err);
    try {
      const middleware = chain[i++];
      if (middleware) middleware(req, res, next);
      else handle();
    } catch (thrown) {
      fail(res, thrown);
    }
  };
  next();
}

function fail(res: ServerResponse, err: unknown): void {
  writeLog('error', 'DirectRoute', err instanceof Error ? err.message : String(err), {});
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: '服务器内部错误，请稍后再试' }));
}
