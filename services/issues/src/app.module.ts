import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TASK_QUEUES } from '@rectify/contracts';
import { APP_CONFIG, serviceModule } from '@rectify/platform';
import { createProbeActivities, createProblemActivities } from '@rectify/activities';
import { ISSUES_CONFIG, type IssuesConfig } from './config.js';
import { POLICY, policyFromConfig } from './policy.provider.js';
import { ProbeController } from './probe/probe.controller.js';
import { ProblemsController } from './problems/problems.controller.js';
import { ActionsController } from './problems/actions.controller.js';
import { ActionsService } from './problems/actions.service.js';
import { LedgerRepository } from './problems/ledger.repository.js';
import { RegistrationService } from './problems/registration.service.js';
import { ProblemWorkflows } from './problems/problem-workflows.js';
import { EnterpriseDirectory } from './problems/enterprise-directory.js';
import { AuditController } from './audit/audit.controller.js';
import { CasesController } from './accountability/cases.controller.js';
import { EvidenceController } from './evidence/evidence.controller.js';
import { LedgerSpreadsheetController } from './ledger/ledger-spreadsheet.controller.js';
import { Ledger1764576000000 } from './migrations/1764576000000-ledger.js';
import { LedgerPageIndexes1764748800000 } from './migrations/1764748800000-ledger-page-indexes.js';
import { NoticeFacts1764835200000 } from './migrations/1764835200000-notice-facts.js';
import { NoticeFactsOverdue1764921600000 } from './migrations/1764921600000-notice-facts-overdue.js';
import { AssessmentFacts1765008000000 } from './migrations/1765008000000-assessment-facts.js';
import { DisciplineTransfers1765094400000 } from './migrations/1765094400000-discipline-transfers.js';
import { UnstartedWorkflowsIndex1765180800000 } from './migrations/1765180800000-unstarted-workflows-index.js';

/** Problems, the ledger, stages and determinations (schema `issues`). */
@Module({})
export class IssuesModule {
  static create() {
    return serviceModule(IssuesModule, {
      name: 'issues',
      config: ISSUES_CONFIG,
      database: { schema: 'issues', entities: [], migrations: [Ledger1764576000000, LedgerPageIndexes1764748800000, NoticeFacts1764835200000, NoticeFactsOverdue1764921600000, AssessmentFacts1765008000000, DisciplineTransfers1765094400000, UnstartedWorkflowsIndex1765180800000] },
      controllers: [LedgerSpreadsheetController, ProblemsController, ActionsController, EvidenceController, AuditController, CasesController, ProbeController],
      providers: [
        { provide: POLICY, inject: [APP_CONFIG], useFactory: (config: IssuesConfig) => policyFromConfig(config.POLICY_JSON) },
        LedgerRepository,
        RegistrationService,
        ActionsService,
        ProblemWorkflows,
        EnterpriseDirectory,
      ],
      activityWorker: {
        taskQueue: TASK_QUEUES.issues,
        activities: { inject: [DataSource], useFactory: (db: DataSource) => ({ ...createProbeActivities(), ...createProblemActivities({ db }) }) },
      },
    });
  }
}
