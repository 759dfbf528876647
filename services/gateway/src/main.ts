import type { NestExpressApplication } from '@nestjs/platform-express';
import { BACKEND_SERVICES } from '@rectify/contracts';
import { loadConfig, runService } from '@rectify/platform';
import { GatewayModule } from './app.module.js';
import { GATEWAY_CONFIG } from './config.js';
import { serviceProxies } from './proxy/service-proxy.js';
import { trustProxySetting } from './identity/client-address.js';
import { mountCodecHttp } from './codec/codec-http.js';

await runService({
  name: 'gateway',
  title: 'Rectify gateway',
  description: '登录、访问令牌，以及 /api/<服务>/* 到各服务的路由',
  module: () => GatewayModule.create(),
  // Proxied requests are counted per service (`/api/issues/*`); each service counts its own routes.
  metricsRoutePrefixes: BACKEND_SERVICES.map((s) => `/api/${s}`),
  beforeListen: (app) => {
    const config = loadConfig(GATEWAY_CONFIG);
    // req.ip is the real client's address behind the ingress (login throttling counts per address).
    (app as NestExpressApplication).set('trust proxy', trustProxySetting(config.TRUST_PROXY));
    mountCodecHttp(app, config);
  },
  // Answered before Express: the proxied requests pass the same tracing, metrics, request-id and
  // header middlewares, but no router of the gateway's own.
  directRoutes: () => serviceProxies(loadConfig(GATEWAY_CONFIG)),
});
