import { createServer, type Server } from 'node:http';
import { metricsRegistry } from './registry.js';
import { temporalMetricsPort } from '../logging/temporal-logger.js';
import type { MetricsSettings } from './metrics-config.js';

/** How long a scrape waits for the Temporal SDK's exporter before answering without its series. */
const SDK_TIMEOUT_MS = 5_000;

/** The SDK exporter's text, or a comment saying why it is missing (the rest of the scrape still answers). */
async function temporalSdkMetrics(): Promise<string> {
  const port = temporalMetricsPort();
  if (port === 0) return '';
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(SDK_TIMEOUT_MS) });
    if (!res.ok) return `# Temporal SDK metrics unavailable: HTTP ${res.status}\n`;
    return await res.text();
  } catch (err) {
    return `# Temporal SDK metrics unavailable: ${err instanceof Error ? err.message : String(err)}\n`;
  }
}

/** The whole exposition of this process: Rectify's registry, then the Temporal SDK's series. */
export async function scrapeText(): Promise<string> {
  const [own, sdk] = await Promise.all([metricsRegistry.metrics(), temporalSdkMetrics()]);
  return `${own.endsWith('\n') ? own : `${own}\n`}${sdk}`;
}

/**
 * Serves GET /metrics on the metrics port (nothing else: every other path answers 404). It holds
 * counts and durations by route template, notice type and stage only — no user, enterprise or
 * problem text — and is reachable only where the NetworkPolicy lets Prometheus in.
 */
export async function startMetricsServer(settings: MetricsSettings, onError: (message: string) => void): Promise<Server | undefined> {
  if (settings.port === 0) return undefined;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('只提供 GET /metrics\n');
      return;
    }
    scrapeText().then(
      (text) => res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(text),
      (err: unknown) => {
        onError(`metrics scrape failed: ${err instanceof Error ? err.message : String(err)}`);
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('指标采集失败\n');
      },
    );
  });
  // A port that cannot be bound stops the start (like the HTTP port), rather than running unwatched.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => onError(`metrics endpoint on ${settings.host}:${settings.port} failed: ${err.message}`));
  server.unref();
  return server;
}
