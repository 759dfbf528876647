import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import { ACTIVITY_WORKER } from '../health/health.tokens.js';
import { ActivityWorker } from './activity-worker.js';
import type { PayloadKeyConfig } from './payload-codec.js';

export const ACTIVITIES = Symbol('ACTIVITIES');

@Injectable()
class ActivityWorkerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(ACTIVITY_WORKER) private readonly worker: ActivityWorker) {}
  async onApplicationBootstrap(): Promise<void> {
    await this.worker.start();
  }
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }
}

export interface ActivityWorkerModuleOptions {
  taskQueue: string;
  /** Provider of the activities object (use ACTIVITIES as its token), with its dependencies injected. */
  activities: Omit<Extract<Provider, { useFactory: unknown }>, 'provide'>;
  imports?: DynamicModule['imports'];
}

/** Runs the service's activity worker for the lifetime of the application. */
@Global()
@Module({})
export class ActivityWorkerModule {
  static register(options: ActivityWorkerModuleOptions): DynamicModule {
    return {
      module: ActivityWorkerModule,
      imports: options.imports ?? [],
      providers: [
        { provide: ACTIVITIES, ...options.activities },
        {
          provide: ACTIVITY_WORKER,
          inject: [APP_CONFIG, ACTIVITIES],
          useFactory: (config: PayloadKeyConfig & { TEMPORAL_ADDRESS: string; TEMPORAL_NAMESPACE: string }, activities: object) =>
            new ActivityWorker({
              address: config.TEMPORAL_ADDRESS,
              namespace: config.TEMPORAL_NAMESPACE,
              taskQueue: options.taskQueue,
              activities,
              payloadKeys: config,
            }),
        },
        ActivityWorkerLifecycle,
      ],
      exports: [ACTIVITY_WORKER],
    };
  }
}
