import 'reflect-metadata';
import { type ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { COMMON_SERVICE_CONFIG, ConfigError, loadConfig } from '../config/config.js';
import { registeredDatabase } from '../database/database.module.js';
import { migrateSchema } from '../database/migrations.js';
import { validationPipe } from './validation-errors.js';
import { HttpErrorFilter } from './http-error.filter.js';
import { PlainTextPipe } from './plain-text.pipe.js';
import { BODY_LIMIT_BYTES, MAX_FORM_DEPTH, MAX_FORM_FIELDS, verifyJsonDepth } from './body-limits.js';
import { parsePublicKeys } from '../auth/token-keys.js';
import { applyHttpHygiene, hygieneHeaders, type ApiDocsAccess } from './http-hygiene.js';
import { serveDirectRoutes, type DirectRoute, type PlainMiddleware } from './direct-routes.js';
import { httpMetricsMiddleware } from '../metrics/http-metrics.js';
import { startMetricsServer } from '../metrics/metrics-server.js';
import { METRICS_CONFIG, metricsSettings, type MetricsSettings } from '../metrics/metrics-config.js';
import { installTemporalRuntime, jsonLogger, requestIdMiddleware, useRequestIdScope } from '../logging/index.js';
import { answerClientErrors } from './client-errors.js';
import { startTracing } from '../tracing/tracing.js';
import { httpTraceMiddleware, useTraceScope } from '../tracing/http-tracing.js';
import type { Server } from 'node:http';

/**
 * The middlewares every request passes first, in this order, whether Express routes it or it is a
 * direct route (the gateway's proxies): its span (while tracing is on), its HTTP metrics, its
 * request id and access line, the security headers. Traced and counted from the first middleware
 * on, so refusals by guards and body limits are in the traces and metrics too.
 */
export function commonMiddlewares(metricsRoutePrefixes?: readonly string[]): PlainMiddleware[] {
  const trace = httpTraceMiddleware();
  return [...(trace ? [trace] : []), httpMetricsMiddleware(metricsRoutePrefixes), requestIdMiddleware(), hygieneHeaders()];
}

/**
 * What every Rectify HTTP service shares after the common middlewares (commonMiddlewares, which
 * runService installs before it): the route's trace and request-id scope, browser hygiene and the
 * docs' guard, the pipes, the error filter, the docs and shutdown behaviour.
 */
export function configureApp(app: INestApplication, title: string, description: string): void {
  const { API_DOCS, JWT_PUBLIC_KEYS } = loadConfig({ API_DOCS: COMMON_SERVICE_CONFIG.API_DOCS, JWT_PUBLIC_KEYS: COMMON_SERVICE_CONFIG.JWT_PUBLIC_KEYS });
  useTraceScope(app);
  useRequestIdScope(app);
  applyHttpHygiene(app, { docs: API_DOCS as ApiDocsAccess, tokenKeys: parsePublicKeys(JWT_PUBLIC_KEYS) });
  app.useGlobalPipes(
    new PlainTextPipe(),
    validationPipe(),
  );
  app.useGlobalFilters(new HttpErrorFilter(app.getHttpAdapter()));
  app.enableShutdownHooks();
  const docConfig = new DocumentBuilder().setTitle(title).setDescription(description).addBearerAuth().build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, docConfig), {
    jsonDocumentUrl: 'docs/json',
  });
}

/**
 * JSON and form bodies up to {@link BODY_LIMIT_BYTES}, JSON nested at most MAX_JSON_DEPTH levels
 * (checked on the raw text before JSON.parse). Refusals answer 400/413 naming the limit (body-errors.ts, http-error.filter.ts).
 */
export function useBoundedBodyParsers(app: INestApplication): void {
  const nest = app as INestApplication & { useBodyParser(type: string, options: Record<string, unknown>): void };
  nest.useBodyParser('json', { limit: BODY_LIMIT_BYTES, verify: verifyJsonDepth });
  nest.useBodyParser('urlencoded', { limit: BODY_LIMIT_BYTES, extended: true, depth: MAX_FORM_DEPTH, parameterLimit: MAX_FORM_FIELDS });
}

export interface ServiceDefinition {
  name: string;
  title: string;
  description: string;
  /** Builds the root module; config errors thrown here are reported as one sentence. */
  module: () => unknown;
  /** Optional hook to add middleware before the Nest routes (the gateway's proxy). */
  beforeListen?: (app: INestApplication) => void | Promise<void>;
  /** Whether Nest parses request bodies (the gateway's proxy needs raw bodies). */
  bodyParser?: boolean;
  /** Path prefixes served outside Nest's routes (the gateway's proxies), counted as `<prefix>/*` in the HTTP metrics. */
  metricsRoutePrefixes?: readonly string[];
  /** Prefixes answered before Express, after the middlewares every request passes (the gateway's proxies). */
  directRoutes?: (app: INestApplication) => readonly DirectRoute[];
}

/**
 * Starts a Rectify HTTP service. A configuration problem stops the process with exit code 78 and
 * one line naming the variable; everything else is logged as JSON.
 */
export async function runService(definition: ServiceDefinition): Promise<INestApplication> {
  const logger = jsonLogger(definition.name);
  let rootModule: unknown;
  let metrics: MetricsSettings;
  try {
    rootModule = definition.module();
    metrics = metricsSettings(loadConfig(METRICS_CONFIG));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`rectify-${definition.name}: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  // Once the configuration is valid, before any Temporal connection: the SDK's lines in the same
  // JSON format, and (when serving) its metrics on loopback for /metrics, whose port opens after listen.
  const migrating = process.argv[2] === 'migrate';
  installTemporalRuntime(migrating ? {} : { metrics });
  if (migrating) await migrateAndExit(definition.name, logger);
  // Before the Temporal client and the activity worker are made: they add its interceptors.
  if (await startTracing(definition.name)) logger.log('tracing: spans go to OTEL_EXPORTER_OTLP_ENDPOINT');
  // Nest's own body parsers are replaced by bounded ones, registered after beforeListen (so the
  // gateway's proxy still sees raw bodies).
  const app = await NestFactory.create(rootModule as never, { logger, bodyParser: false });
  const common = commonMiddlewares(definition.metricsRoutePrefixes);
  for (const middleware of common) app.use(middleware);
  configureApp(app, definition.title, definition.description);
  await definition.beforeListen?.(app);
  if (definition.bodyParser ?? true) useBoundedBodyParsers(app);
  if (definition.directRoutes) serveDirectRoutes(app, common, definition.directRoutes(app));
  const port = Number(process.env['PORT']);
  const host = process.env['HOST'] ?? '127.0.0.1';
  await app.listen(port, host);
  // Idle keep-alive connections live longer than a client's own idle limit (Node's fetch keeps one
  // for the server's hint less a second), so a client does not reuse a socket the server is just
  // closing — a request lost that way fails with "other side closed" before any handler sees it.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  answerClientErrors(server);
  logger.log(`listening on http://${host}:${port} (docs at /docs)`);
  await startMetricsServer(metrics, (message) => logger.error(message));
  if (metrics.port !== 0) logger.log(`metrics on http://${metrics.host}:${metrics.port}/metrics`);
  return app;
}

/**
 * `node services/<name>/dist/main.js migrate`: runs the service's pending migrations (under the
 * same advisory lock as a start with MIGRATIONS_RUN=auto) and exits, without serving or polling.
 * The Kubernetes migrate Job runs this once per release.
 */
async function migrateAndExit(name: string, logger: ConsoleLogger): Promise<never> {
  const database = registeredDatabase();
  try {
    const ran = database ? await migrateSchema({ databaseUrl: process.env['DATABASE_URL'] ?? '', ...database }) : [];
    logger.log(database ? `schema ${database.schema}: ${ran.length ? `ran ${ran.join(', ')}` : 'nothing pending'}` : `${name} has no database`);
    process.exit(0);
  } catch (err) {
    logger.error(`migrations failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
