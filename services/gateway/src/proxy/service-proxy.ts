import { Agent } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { BACKEND_SERVICES, type BackendService } from '@rectify/contracts';
import type { GatewayConfig } from '../config.js';

const URL_OF: Record<BackendService, keyof GatewayConfig> = {
  issues: 'ISSUES_URL',
  notifications: 'NOTIFICATIONS_URL',
  'joint-meeting': 'JOINT_MEETING_URL',
  assessment: 'ASSESSMENT_URL',
};

/**
 * Connections to the services are kept open and reused: http-proxy-middleware 3 (http-proxy)
 * otherwise opens a new one, with `Connection: close`, for every request.
 */
const keepAlive = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });

/**
 * Routes /api/<service>/* to the service, with the prefix removed. The bearer token travels
 * unchanged: every service checks it itself with the shared guard.
 */
export function mountServiceProxies(app: INestApplication, config: GatewayConfig): void {
  for (const service of BACKEND_SERVICES) {
    const target = String(config[URL_OF[service]]);
    app.use(
      `/api/${service}`,
      createProxyMiddleware<Request, Response>({
        target,
        changeOrigin: false,
        xfwd: true,
        agent: keepAlive,
        proxyTimeout: 120_000,
        // Without the default plugins: their logger formats a line (and builds a URL from the
        // agent's socket table) for every proxied request even when nothing is logged, a cost the
        // size of a small query; the gateway's own access line already records each request.
        ejectPlugins: true,
        plugins: [
          (proxyServer) => {
            proxyServer.on('error', (_err, _req, res) => {
              const response = res as Response;
              if (response.headersSent || typeof response.status !== 'function') return;
              response.status(502).json({ statusCode: 502, error: 'Bad Gateway', message: `${service} 服务暂不可用，请稍后再试` });
            });
            // A client that goes away mid-answer releases the service's answer too.
            proxyServer.on('proxyRes', (proxyRes, _req, res) => {
              res.once('close', () => {
                if (!res.writableEnded) proxyRes.destroy();
              });
            });
          },
        ],
      }),
    );
  }
}
