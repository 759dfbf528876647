import { type DynamicModule, Module } from '@nestjs/common';
import { type ConfigSpec, loadConfig } from './config.js';

/** Injection token of the validated configuration object. */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Module({})
export class AppConfigModule {
  /** Provides the validated configuration under APP_CONFIG to the whole application. */
  static forRoot(spec: ConfigSpec, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const config = loadConfig(spec, env);
    return {
      module: AppConfigModule,
      global: true,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
