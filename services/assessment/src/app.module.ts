import { Module } from '@nestjs/common';
import { COMMON_SERVICE_CONFIG, serviceModule } from '@rectify/platform';
import { IndicatorsController } from './indicators/indicators.controller.js';

/** Indicators, scores and reports (schema `assessment`); reads the issues service's published views. */
@Module({})
export class AssessmentModule {
  static create() {
    return serviceModule(AssessmentModule, {
      name: 'assessment',
      config: COMMON_SERVICE_CONFIG,
      database: { schema: 'assessment', entities: [], migrations: [] },
      controllers: [IndicatorsController],
    });
  }
}
