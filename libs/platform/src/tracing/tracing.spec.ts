import { afterAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { ConfigError } from '../config/config.js';
import { startTracing, stopTracing, tracingActivityInterceptors, tracingClientInterceptors, tracingEnabled } from './tracing.js';

/** OTLP/HTTP JSON requests a local collector received. */
const received: { path: string; contentType: string; body: string }[] = [];
const collector = createServer((req: IncomingMessage, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    received.push({ path: req.url ?? '', contentType: String(req.headers['content-type']), body });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

afterAll(async () => {
  await stopTracing();
  await new Promise((done) => collector.close(done));
});

describe('tracing', () => {
  it('is off unless OTEL_EXPORTER_OTLP_ENDPOINT names a collector: no SDK, no interceptors', async () => {
    expect(await startTracing('test', {})).toBe(false);
    expect(await startTracing('test', { OTEL_EXPORTER_OTLP_ENDPOINT: 'off' })).toBe(false);
    expect(tracingEnabled()).toBe(false);
    expect(tracingClientInterceptors()).toEqual([]);
    expect(tracingActivityInterceptors()).toEqual([]);
    // the API stays a no-op: spans are not recorded
    expect(trace.getTracer('t').startSpan('s').isRecording()).toBe(false);
  });

  it('refuses an endpoint that is not an http(s) URL, naming the variable', async () => {
    await expect(startTracing('test', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).rejects.toThrow(ConfigError);
    await expect(startTracing('test', { OTEL_EXPORTER_OTLP_ENDPOINT: '' })).rejects.toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });

  it('when on, exports spans as OTLP/HTTP JSON with ids, names and listed attributes only', async () => {
    await new Promise<void>((done) => collector.listen(0, '127.0.0.1', done));
    const { port } = collector.address() as AddressInfo;
    expect(await startTracing('test', { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}/` })).toBe(true);
    expect(tracingClientInterceptors()).toHaveLength(1);
    expect(tracingActivityInterceptors()).toHaveLength(1);

    const span = trace.getTracer('t').startSpan('RunActivity:recordEvent');
    span.setAttributes({ temporalWorkflowId: 'problem-E001-2026-00001', 'problem.title': '违规发放交通补贴', temporalTerminateReason: '整改不到位' });
    span.recordException(new Error('duplicate key value violates unique constraint: 违规发放交通补贴'));
    span.setStatus({ code: SpanStatusCode.ERROR, message: '违规发放交通补贴' });
    span.end();
    await stopTracing();

    expect(received.map((r) => [r.path, r.contentType])).toEqual([['/v1/traces', 'application/json']]);
    const body = received[0]!.body;
    expect(body).not.toContain('违规发放交通补贴');
    expect(body).not.toContain('整改不到位');
    const exported = (JSON.parse(body) as { resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: Record<string, unknown>[] }[] }[] }).resourceSpans[0]!;
    expect(exported.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'rectify-test' } });
    const sent = exported.scopeSpans[0]!.spans[0]!;
    expect(sent['name']).toBe('RunActivity:recordEvent');
    expect(sent['attributes']).toEqual([{ key: 'temporalWorkflowId', value: { stringValue: 'problem-E001-2026-00001' } }]);
    expect(sent['status']).toEqual({ code: SpanStatusCode.ERROR });
    expect(sent['events']).toEqual([expect.objectContaining({ name: 'exception', attributes: [{ key: 'exception.type', value: { stringValue: 'Error' } }] })]);
   }, 60_000);
});
