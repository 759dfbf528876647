import { Module } from '@nestjs/common';
import { APP_CONFIG, serviceModule } from '@rectify/platform';
import { ASSESSMENT_CONFIG, type AssessmentConfig } from './config.js';
import { IndicatorsController } from './indicators/indicators.controller.js';
import { DashboardController } from './indicators/dashboard.controller.js';
import { ScoresController } from './indicators/scores.controller.js';
import { SCORING } from './indicators/scoring.token.js';
import { scoringFromConfig } from './scoring.provider.js';
import { ReportsController } from './indicators/reports.controller.js';
import { ReportAssembler } from './indicators/report-assembler.js';
import { PublicationRepository } from './publications/publication.repository.js';
import { Publisher } from './publications/publisher.js';
import { PublicationsController } from './publications/publications.controller.js';
import { Publications1796000600000 } from './migrations/1796000600000-publications.js';

/** Indicators, scores, dashboards, reports and their publications (schema `assessment`); reads the issues service's published views. */
@Module({})
export class AssessmentModule {
  static create() {
    return serviceModule(AssessmentModule, {
      name: 'assessment',
      config: ASSESSMENT_CONFIG,
      database: { schema: 'assessment', entities: [], migrations: [Publications1796000600000] },
      controllers: [IndicatorsController, DashboardController, ScoresController, ReportsController, PublicationsController],
      providers: [ReportAssembler, PublicationRepository, Publisher, { provide: SCORING, inject: [APP_CONFIG], useFactory: (config: AssessmentConfig) => scoringFromConfig(config.SCORING_JSON) }],
    });
  }
}
