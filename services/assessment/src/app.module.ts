import { Module } from '@nestjs/common';
import { APP_CONFIG, serviceModule } from '@rectify/platform';
import { ASSESSMENT_CONFIG, type AssessmentConfig } from './config.js';
import { IndicatorsController } from './indicators/indicators.controller.js';
import { DashboardController } from './indicators/dashboard.controller.js';
import { SCORING, ScoresController } from './indicators/scores.controller.js';
import { scoringFromConfig } from './scoring.provider.js';
import { ReportsController } from './indicators/reports.controller.js';
import { ReportAssembler } from './indicators/report-assembler.js';

/** Indicators, scores, dashboards and reports (schema `assessment`); reads the issues service's published views. */
@Module({})
export class AssessmentModule {
  static create() {
    return serviceModule(AssessmentModule, {
      name: 'assessment',
      config: ASSESSMENT_CONFIG,
      database: { schema: 'assessment', entities: [], migrations: [] },
      controllers: [IndicatorsController, DashboardController, ScoresController, ReportsController],
      providers: [ReportAssembler, { provide: SCORING, inject: [APP_CONFIG], useFactory: (config: AssessmentConfig) => scoringFromConfig(config.SCORING_JSON) }],
    });
  }
}
