import { Agent, request, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { BACKEND_SERVICES, type BackendService } from '@rectify/contracts';
import type { DirectRoute } from '@rectify/platform';
import type { GatewayConfig } from '../config.js';

const URL_OF: Record<BackendService, keyof GatewayConfig> = {
  issues: 'ISSUES_URL',
  notifications: 'NOTIFICATIONS_URL',
  'joint-meeting': 'JOINT_MEETING_URL',
  assessment: 'ASSESSMENT_URL',
};

/** A service silent this long (no answer yet: 504; an answer stalled midway: cut short). */
export const SERVICE_TIMEOUT_MS = 120_000;

/** Connections to the services are kept open and reused. */
const keepAlive = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });

/**
 * Headers of one connection, not of the request or answer (RFC 9110 §7.6.1): never passed on. The
 * gateway's connections to the services are its own, kept alive whatever the client asked of its.
 */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

function withoutHopByHop(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete out[name];
  const listed = headers.connection;
  if (listed) for (const name of listed.split(',')) delete out[name.trim().toLowerCase()];
  return out;
}

const appended = (previous: string | string[] | undefined, value: string): string => {
  const before = Array.isArray(previous) ? previous.join(', ') : previous;
  return before ? `${before}, ${value}` : value;
};

/** What the service gets: the client's headers (the bearer token, request id and traceparent among them) and where the request came from. */
function forwardedHeaders(req: IncomingMessage): OutgoingHttpHeaders {
  const headers = withoutHopByHop(req.headers);
  headers['x-forwarded-for'] = appended(req.headers['x-forwarded-for'], req.socket.remoteAddress ?? '');
  headers['x-forwarded-proto'] = appended(req.headers['x-forwarded-proto'], 'encrypted' in req.socket ? 'https' : 'http');
  if (req.headers.host) headers['x-forwarded-host'] = appended(req.headers['x-forwarded-host'], req.headers.host);
  return headers;
}

function answerError(res: ServerResponse, status: 502 | 504, message: string): void {
  if (res.headersSent) {
    // The answer has begun: cut it short, so the client sees it incomplete rather than waiting.
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ statusCode: status, error: status === 502 ? 'Bad Gateway' : 'Gateway Timeout', message }));
}

/**
 * Passes one request to the service at `target` (its path below `/api/<service>`) and streams the
 * answer back: status and headers as the service sent them, the body as it comes, either way
 * without buffering. The service unreachable: 502 `<service> 服务暂不可用`; silent for
 * SERVICE_TIMEOUT_MS: 504 before its answer, the answer cut short after. A client that goes away
 * releases the service's request and answer.
 */
export function proxyTo(service: string, target: URL, timeoutMs = SERVICE_TIMEOUT_MS) {
  return (req: IncomingMessage, res: ServerResponse, path: string): void => {
    let answered = false;
    const upstream = request(
      { protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path, headers: forwardedHeaders(req), agent: keepAlive },
      (answer) => {
        answered = true;
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, withoutHopByHop(answer.headers));
        answer.pipe(res);
        answer.once('error', () => res.destroy());
        res.once('close', () => {
          if (!res.writableFinished) answer.destroy();
        });
      },
    );
    upstream.setTimeout(timeoutMs, () => upstream.destroy(new ServiceTimeout()));
    upstream.once('error', (err) => {
      if (res.destroyed) return;
      if (answered) return res.destroy();
      if (err instanceof ServiceTimeout) answerError(res, 504, `${service} 服务响应超时，请稍后再试`);
      else answerError(res, 502, `${service} 服务暂不可用，请稍后再试`);
    });
    res.once('close', () => {
      if (!answered) upstream.destroy();
    });
    req.pipe(upstream);
  };
}

class ServiceTimeout extends Error {}

/** `/api/<service>/*` to each service, with the prefix removed. Every service checks the bearer token itself with the shared guard. */
export function serviceProxies(config: GatewayConfig): DirectRoute[] {
  return BACKEND_SERVICES.map((service) => ({ prefix: `/api/${service}`, handle: proxyTo(service, new URL(String(config[URL_OF[service]]))) }));
}
