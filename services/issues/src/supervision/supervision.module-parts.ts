import type { DataSource } from 'typeorm';
import { createExplanationActivities, createSupervisionSummaryActivities } from '@rectify/activities';
import { ExplanationWorkflows } from './explanation-workflows.js';
import { ExplanationsController } from './explanations.controller.js';
import { ExplanationsRepository } from './explanations.repository.js';
import { ExplanationsService } from './explanations.service.js';
import { LinkedProblems } from './linked-problems.js';
import { SummariesController } from './summaries.controller.js';
import { SupervisionSummarySchedule } from './summary-schedule.js';
import { SupervisionEventsRepository } from './supervision-events.repository.js';
import { VisitRecordsController } from './visit-records.controller.js';
import { VisitRecordsRepository } from './visit-records.repository.js';
import { VisitRecordsService } from './visit-records.service.js';

/** Supervision (督办, SPEC §7) as the issues module registers it: routes, providers, activities. */
export const supervisionControllers = [VisitRecordsController, ExplanationsController, SummariesController];

export const supervisionProviders = [
  LinkedProblems,
  SupervisionEventsRepository,
  VisitRecordsRepository,
  VisitRecordsService,
  ExplanationsRepository,
  ExplanationsService,
  ExplanationWorkflows,
  SupervisionSummarySchedule,
];

/** The explanation and summary activities, hosted on queue `issues`. */
export function supervisionActivities(db: DataSource) {
  return { ...createExplanationActivities({ db }), ...createSupervisionSummaryActivities({ db }) };
}
