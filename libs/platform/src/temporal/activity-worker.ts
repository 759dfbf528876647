import { Logger } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { temporalTls } from './tls.js';
import { temporalDataConverter, type PayloadKeyConfig } from './payload-codec.js';
import { activityInterceptors } from './activity-interceptors.js';
import { tracingActivityInterceptors } from '../tracing/tracing.js';

export interface ActivityWorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  activities: object;
  /** The payload keys (arguments and results pass the encryption codec). */
  payloadKeys: PayloadKeyConfig;
}

/**
 * Hosts a service's activities on its own task queue (DESIGN: activities live with the data they
 * touch). Started after the application is up; drained on shutdown so running activities finish.
 */
export class ActivityWorker {
  private readonly logger = new Logger(ActivityWorker.name);
  private worker?: Worker;
  private running?: Promise<void>;
  private connection?: NativeConnection;

  constructor(private readonly options: ActivityWorkerOptions) {}

  async start(): Promise<void> {
    const { address, namespace, taskQueue, activities, payloadKeys } = this.options;
    this.connection = await NativeConnection.connect({ address, tls: temporalTls() });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace,
      taskQueue,
      activities,
      dataConverter: temporalDataConverter(payloadKeys),
      // The activity's span (when tracing is on) outermost, so it records the sanitised error; retry
      // alerts, and no query parameters in failed activities' errors (logs, histories).
      interceptors: { activity: [...tracingActivityInterceptors(), ...activityInterceptors()] },
      shutdownGraceTime: '20s',
    });
    this.running = this.worker.run().catch((err: unknown) => {
      this.logger.error(`activity worker on ${taskQueue} stopped: ${String(err)}`);
      throw err;
    });
    this.logger.log(`activity worker polling task queue ${taskQueue}`);
  }

  get state(): string {
    return this.worker?.getState() ?? 'NOT_STARTED';
  }

  async stop(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
