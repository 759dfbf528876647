import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathBelow } from '@rectify/platform';
import { proxyTo } from './service-proxy.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: URL }> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`) };
}

/** A gateway of one route: /api/issues/* to `target`, as serveDirectRoutes calls it. */
async function gateway(target: URL, timeoutMs?: number) {
  const handle = proxyTo('issues', target, timeoutMs);
  return listen((req, res) => {
    const path = pathBelow(req.url ?? '/', '/api/issues');
    if (path === undefined) {
      res.writeHead(404).end();
      return;
    }
    handle(req, res, path);
  });
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function send(url: URL, path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('pathBelow', () => {
  it('gives the path below a prefix, and nothing for a path that only starts with its letters', () => {
    expect(pathBelow('/api/issues/problems?page=2', '/api/issues')).toBe('/problems?page=2');
    expect(pathBelow('/api/issues', '/api/issues')).toBe('/');
    expect(pathBelow('/api/issues?x=1', '/api/issues')).toBe('/?x=1');
    expect(pathBelow('/api/issuesx/problems', '/api/issues')).toBeUndefined();
    expect(pathBelow('/api/joint-meeting/x', '/api/issues')).toBeUndefined();
  });
});

describe('the service proxy', () => {
  it('passes the path below the prefix, the client\'s headers and where it came from; answers with the service\'s status, headers and body', async () => {
    let seen: { url?: string; headers?: IncomingHttpHeaders } = {};
    const service = await listen((req, res) => {
      seen = { url: req.url, headers: req.headers };
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'r-1', 'keep-alive': 'timeout=77', 'set-cookie': ['a=1', 'b=2'] });
      res.end(JSON.stringify({ ok: '已登记' }));
    });
    const gw = await gateway(service.url);
    const answer = await send(gw.url, '/api/issues/problems?enterpriseCode=E001&q=%E5%B7%A5', {
      headers: { authorization: 'Bearer t', 'x-request-id': 'r-1', 'x-forwarded-for': '10.0.0.7', connection: 'keep-alive, x-secret-hop', 'x-secret-hop': 'no', te: 'trailers' },
    });
    expect(seen.url).toBe('/problems?enterpriseCode=E001&q=%E5%B7%A5');
    expect(seen.headers?.authorization).toBe('Bearer t');
    expect(seen.headers?.['x-request-id']).toBe('r-1');
    expect(seen.headers?.['x-forwarded-for']).toBe('10.0.0.7, 127.0.0.1');
    expect(seen.headers?.['x-forwarded-proto']).toBe('http');
    // hop-by-hop headers, and the ones the client's Connection header names, stay with the client's connection
    expect(seen.headers?.['x-secret-hop']).toBeUndefined();
    expect(seen.headers?.te).toBeUndefined();
    expect(seen.headers?.connection).toBe('keep-alive');
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toEqual({ ok: '已登记' });
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(answer.headers['keep-alive']).not.toBe('timeout=77');
  });

  it('streams a request body to the service unchanged, and reuses its connection to the service', async () => {
    const connections = new Set<unknown>();
    const service = await listen((req, res) => {
      connections.add(req.socket);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => res.end(`${Buffer.concat(chunks).length}:${Buffer.concat(chunks).toString('utf8').slice(0, 2)}`));
    });
    const gw = await gateway(service.url);
    const body = Buffer.from('整改报告'.repeat(100_000));
    for (let i = 0; i < 4; i++) {
      const answer = await send(gw.url, '/api/issues/upload', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body });
      expect(answer.body).toBe(`${body.length}:整改`);
    }
    expect(connections.size).toBe(1);
  });

  it('answers 502 naming the service when the service is not there', async () => {
    const gone = await listen(() => undefined);
    const url = gone.url;
    gone.server.close();
    servers.splice(servers.indexOf(gone.server), 1);
    const gw = await gateway(url);
    const answer = await send(gw.url, '/api/issues/problems');
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toEqual({ statusCode: 502, error: 'Bad Gateway', message: 'issues 服务暂不可用，请稍后再试' });
  });

  it('answers 504 when the service does not answer in time', async () => {
    const service = await listen(() => undefined);
    const gw = await gateway(service.url, 300);
    const answer = await send(gw.url, '/api/issues/slow');
    expect(answer.status).toBe(504);
    expect(JSON.parse(answer.body).message).toBe('issues 服务响应超时，请稍后再试');
  });

  it('cuts short an answer the service stops sending midway, so the client does not wait for ever', async () => {
    const service = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.write('第一部分');
    });
    const gw = await gateway(service.url, 300);
    await expect(send(gw.url, '/api/issues/export')).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
  });

  it('releases the service\'s request when the client goes away before the answer', async () => {
    let serviceGotIt!: () => void;
    let serviceSawClose!: () => void;
    const arrived = new Promise<void>((r) => (serviceGotIt = r));
    const closed = new Promise<void>((r) => (serviceSawClose = r));
    const service = await listen((_req, res) => {
      res.once('close', () => serviceSawClose());
      serviceGotIt();
    });
    const gw = await gateway(service.url);
    const client = request(new URL('/api/issues/wait', gw.url));
    client.on('error', () => undefined);
    client.end();
    await arrived;
    client.destroy();
    await closed;
  });
});
