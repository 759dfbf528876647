import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { InvalidTokenError, verifyAccessToken } from '../auth/tokens.js';
import type { PublicKeySet } from '../auth/token-keys.js';

/**
 * The Content-Security-Policy of every answer. The web console (Vite build: module scripts and
 * CSS files from its own origin) and Swagger UI pass it; antd's CSS-in-JS writes <style> elements
 * and ECharts sets inline styles, hence `'unsafe-inline'` for styles only — never for scripts.
 * No framing by anyone (clickjacking), no plugins, forms and <base> only to this origin.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // The embedded stack serves plain HTTP on loopback; TLS is the ingress's business in production.
  upgradeInsecureRequests: null,
};

/** `public`: anyone may read /docs (the dev profile); `signed-in`: only with a valid access token. */
export type ApiDocsAccess = 'public' | 'signed-in';

/**
 * Every answer says `Cache-Control: no-store` unless its handler chose a caching policy itself
 * (the console's static files do): API answers carry data a shared cache or the browser's disk
 * must not keep. Set when the headers go out, so a handler's own choice always wins.
 */
function noStoreByDefault(_req: Request, res: Response, next: NextFunction): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    if (!this.getHeader('cache-control')) this.setHeader('cache-control', 'no-store');
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as Response['writeHead'];
  next();
}

const isDocsPath = (path: string) => path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-');

/** Outside the dev profile, /docs (Swagger UI and the OpenAPI JSON) answers only a signed-in user. */
function docsGuard(keys: PublicKeySet) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!isDocsPath(req.path)) return next();
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    let reason = '查看接口文档需要登录：请在 Authorization 头中提供访问令牌（Bearer）';
    if (match) {
      try {
        verifyAccessToken(match[1]!, keys);
        return next();
      } catch (err) {
        if (err instanceof InvalidTokenError) reason = err.message;
        else throw err;
      }
    }
    res.status(401).json({ statusCode: 401, error: 'Unauthorized', message: reason });
  };
}

/** helmet's options: Rectify's CSP and the other headers' settings. */
export const HELMET_OPTIONS: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  frameguard: { action: 'deny' },
  // Only this host: other hosts of the commission's domain may still serve plain HTTP.
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
};

/**
 * The headers helmet sets on every answer, and the ones it removes, found once by running helmet
 * (with Rectify's options) on a stand-in answer. With these options they depend on nothing in the
 * request, so one middleware sets them on each answer — the very headers helmet would set — instead
 * of helmet's chain of a dozen middlewares per request.
 */
export function helmetHeaders(): { set: [string, string][]; removed: string[] } {
  const set: [string, string][] = [];
  const removed: string[] = [];
  let passed = false;
  const answer = {
    setHeader: (name: string, value: unknown) => void set.push([name, Array.isArray(value) ? value.join(', ') : String(value)]),
    removeHeader: (name: string) => void removed.push(name),
  };
  helmet(HELMET_OPTIONS)({ method: 'GET', url: '/', headers: {} } as never, answer as never, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    passed = true;
  });
  if (!passed) throw new Error('helmet did not pass the stand-in request on synchronously');
  return { set, removed };
}

/**
 * helmet's headers (helmetHeaders) and `Cache-Control: no-store` by default (noStoreByDefault),
 * in one middleware (one of runService's common middlewares).
 */
export function hygieneHeaders() {
  const { set, removed } = helmetHeaders();
  return (_req: Request, res: Response, next: NextFunction): void => {
    for (let i = 0; i < set.length; i++) res.setHeader(set[i]![0], set[i]![1]);
    for (let i = 0; i < removed.length; i++) res.removeHeader(removed[i]!);
    noStoreByDefault(_req, res, next);
  };
}

/**
 * The rest of browser hygiene for every Rectify HTTP answer, beside the headers hygieneHeaders sets
 * (helmet's, with Rectify's CSP — frame-ancestors 'none', nosniff, Referrer-Policy no-referrer —
 * and `Cache-Control: no-store` by default), which runService installs among the common
 * middlewares: no X-Powered-By, no body-hash ETag, and the docs behind login unless `docs` is
 * `public`. Must run before any route is registered (the docs' routes included).
 */
export function applyHttpHygiene(app: INestApplication, options: { docs: ApiDocsAccess; tokenKeys: PublicKeySet }): void {
  const express = app.getHttpAdapter().getInstance() as { disable?: (setting: string) => void };
  express.disable?.('x-powered-by');
  // No ETag computed from each answer's body (a hash of every body): API answers are no-store, so
  // no client ever revalidates them. An ETag a handler sets itself is still sent and honoured, and
  // the console's files (sendFile) keep theirs.
  express.disable?.('etag');
  if (options.docs !== 'public') app.use(docsGuard(options.tokenKeys));
}
