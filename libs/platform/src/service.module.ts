import { Injectable, type DynamicModule, type OnApplicationShutdown, type Provider, type Type } from '@nestjs/common';
import { AppConfigModule } from './config/config.module.js';
import type { ConfigSpec } from './config/config.js';
import { AuthModule } from './auth/auth.module.js';
import { DatabaseModule, type DatabaseOptions } from './database/database.module.js';
import { TemporalModule } from './temporal/temporal.module.js';
import { HealthModule } from './health/health.module.js';
import { ActivityWorkerModule, type ActivityWorkerModuleOptions } from './temporal/activity-worker.module.js';
import { AboutController, SERVICE_NAME } from './http/about.controller.js';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IDEMPOTENCY_SCHEMA, IdempotencyInterceptor, idempotentRequestsMigration } from './http/idempotency.js';
import type { LiveSource } from '@rectify/contracts';
import { LIVE_EVENTS_SCHEMA, LiveEventsRetention } from './database/live-events-retention.js';
import { stopTracing } from './tracing/tracing.js';

/** Sends the spans still batched when the application stops (after the activity worker has drained). */
@Injectable()
class TracingFlusher implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}

export interface ServiceModuleOptions {
  /** Short name of the service, as in /api/<name>/*. */
  name: string;
  config: ConfigSpec;
  database: DatabaseOptions;
  controllers?: Type[];
  providers?: Provider[];
  imports?: DynamicModule['imports'];
  /** The service's own activities, hosted on its task queue. */
  activityWorker?: ActivityWorkerModuleOptions;
  /** The service keeps a `live_events` log in its schema (its config spreads LIVE_EVENTS_CONFIG): pruned hourly. */
  liveEvents?: LiveSource;
}

/**
 * The root module of a Rectify backend service: validated config, the auth guard on every
 * route, its own database schema, a Temporal client, /health, and optionally an activity worker.
 */
export function serviceModule(module: Type, options: ServiceModuleOptions): DynamicModule {
  return {
    module,
    imports: [
      AppConfigModule.forRoot(options.config),
      AuthModule,
      // Every service keeps the answers to Idempotency-Key requests in its own schema.
      DatabaseModule.forService({ ...options.database, migrations: [...(options.database.migrations as unknown[]), idempotentRequestsMigration(options.database.schema)] as DatabaseOptions['migrations'] }),
      TemporalModule,
      HealthModule,
      ...(options.activityWorker ? [ActivityWorkerModule.register(options.activityWorker)] : []),
      ...(options.imports ?? []),
    ],
    controllers: [AboutController, ...(options.controllers ?? [])],
    providers: [
      { provide: SERVICE_NAME, useValue: options.name },
      { provide: IDEMPOTENCY_SCHEMA, useValue: options.database.schema },
      { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ...(options.liveEvents ? [{ provide: LIVE_EVENTS_SCHEMA, useValue: options.liveEvents }, LiveEventsRetention] : []),
      TracingFlusher,
      ...(options.providers ?? []),
    ],
  };
}
