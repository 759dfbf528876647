import { Module } from '@nestjs/common';
import { COMMON_SERVICE_CONFIG, serviceModule } from '@rectify/platform';

/** 考核指标与报告 (schema `assessment`). */
@Module({})
export class AssessmentModule {
  static create() {
    return serviceModule(AssessmentModule, {
      name: 'assessment',
      config: COMMON_SERVICE_CONFIG,
      database: { schema: 'assessment', entities: [], migrations: [] },
    });
  }
}
