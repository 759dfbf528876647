// The embedded stack's trace collector: a small OTLP/HTTP receiver (JSON encoding, which the
// services' exporter sends) inside the launcher. Each span it receives becomes one JSON line of
// logs/traces.jsonl: trace and span ids, parent, name, service, kind, start, duration, attributes,
// status code and events. Production sends spans to a real collector instead (docs/operations.md).
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** An OTLP AnyValue as a plain value. */
function plain(value) {
  if (!value) return null;
  if ('stringValue' in value) return value.stringValue;
  if ('boolValue' in value) return value.boolValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return value.doubleValue;
  if ('arrayValue' in value) return (value.arrayValue.values ?? []).map(plain);
  if ('kvlistValue' in value) return attributes(value.kvlistValue.values);
  return null;
}

function attributes(list = []) {
  return Object.fromEntries(list.map((kv) => [kv.key, plain(kv.value)]));
}

const ms = (nanos) => Number(BigInt(nanos ?? 0) / 1_000_000n);

/** The span lines of one ExportTraceServiceRequest. */
export function spanLines(request) {
  const lines = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const service = attributes(resourceSpans.resource?.attributes)['service.name'] ?? null;
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        lines.push({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId || null,
          name: span.name,
          service,
          kind: span.kind,
          start: new Date(ms(span.startTimeUnixNano)).toISOString(),
          durationMs: ms(span.endTimeUnixNano) - ms(span.startTimeUnixNano),
          attributes: attributes(span.attributes),
          status: span.status ?? {},
          events: (span.events ?? []).map((e) => ({ name: e.name, attributes: attributes(e.attributes) })),
        });
      }
    }
  }
  return lines;
}

/** Listens on 127.0.0.1:port; spans are appended to `file`. */
export function startTraceSink({ port, file }) {
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/traces') return void res.writeHead(404).end();
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return void res.writeHead(415, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'this collector takes OTLP/HTTP JSON only' }));
    }
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        const lines = spanLines(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        if (lines.length) appendFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch (err) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(err) }));
      }
    });
  });
  return new Promise((resolveStarted, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolveStarted({ url: `http://127.0.0.1:${port}`, file, close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}
