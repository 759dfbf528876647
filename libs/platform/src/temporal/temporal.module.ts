import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { APP_CONFIG } from '../config/config.module.js';
import { temporalTls } from './tls.js';
import { temporalDataConverter, type PayloadKeyConfig } from './payload-codec.js';
import { requestIdClientInterceptor } from './request-id-interceptors.js';
import { tracingClientInterceptors } from '../tracing/tracing.js';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');

interface TemporalConfig extends PayloadKeyConfig {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
}

/** Closes the Temporal connection when the application stops. */
@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

/**
 * Provides a Temporal Client, connected lazily so a service starts even while Temporal is down.
 * Every payload it sends or reads passes the encryption codec (payload-codec.ts). Workflow starts,
 * updates and signals carry the request id and, when tracing is on, the trace context.
 */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: TemporalConfig) =>
        new Client({
          connection: Connection.lazy({ address: config.TEMPORAL_ADDRESS, tls: temporalTls() }),
          namespace: config.TEMPORAL_NAMESPACE,
          dataConverter: temporalDataConverter(config),
          interceptors: { workflow: [...tracingClientInterceptors(), requestIdClientInterceptor] },
        }),
    },
    TemporalConnectionCloser,
  ],
  exports: [TEMPORAL_CLIENT],
})
export class TemporalModule {}
