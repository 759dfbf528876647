import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TASK_QUEUES } from '@rectify/contracts';
import { policyProvider, serviceModule } from '@rectify/platform';
import { DEFAULT_POLICY, validatePolicy } from '@rectify/domain';
import { createApprovalActivities, createProbeActivities, createProblemActivities } from '@rectify/activities';
import { ISSUES_CONFIG } from './config.js';
import { ProbeController } from './probe/probe.controller.js';
import { ProblemsController } from './problems/problems.controller.js';
import { ActionsController } from './problems/actions.controller.js';
import { ActionsService } from './problems/actions.service.js';
import { LedgerRepository } from './problems/ledger.repository.js';
import { RegistrationService } from './problems/registration.service.js';
import { ProblemWorkflows } from './problems/problem-workflows.js';
import { ProblemWorkflowStarter } from './problems/workflow-starter.js';
import { EnterpriseDirectory } from './problems/enterprise-directory.js';
import { AuditController } from './audit/audit.controller.js';
import { CasesController } from './accountability/cases.controller.js';
import { CaseActionsController } from './accountability/case-actions.controller.js';
import { CaseRepository } from './accountability/case.repository.js';
import { CaseNotices } from './accountability/case-notices.js';
import { OpinionService } from './accountability/opinion.service.js';
import { MeasuresService } from './accountability/measures.service.js';
import { IssuedDocuments } from './accountability/letters/issued-documents.js';
import { CaseLifecycleService } from './accountability/case-lifecycle.service.js';
import { EvidenceController } from './evidence/evidence.controller.js';
import { EvidenceStore } from './evidence/evidence.store.js';
import { supervisionControllers, supervisionProviders, supervisionActivities } from './supervision/supervision.module-parts.js';
import { Supervision1796000200000 } from './migrations/1796000200000-supervision.js';
import { LedgerSpreadsheetController } from './ledger/ledger-spreadsheet.controller.js';
import { Ledger1764576000000 } from './migrations/1764576000000-ledger.js';
import { LedgerPageIndexes1764748800000 } from './migrations/1764748800000-ledger-page-indexes.js';
import { NoticeFacts1764835200000 } from './migrations/1764835200000-notice-facts.js';
import { NoticeFactsOverdue1764921600000 } from './migrations/1764921600000-notice-facts-overdue.js';
import { AssessmentFacts1765008000000 } from './migrations/1765008000000-assessment-facts.js';
import { DisciplineTransfers1765094400000 } from './migrations/1765094400000-discipline-transfers.js';
import { UnstartedWorkflowsIndex1765180800000 } from './migrations/1765180800000-unstarted-workflows-index.js';
import { AccountabilityCaseLifecycle1796000300000 } from './migrations/1796000300000-accountability-case-lifecycle.js';
import { AccountabilityDocuments1796000700000 } from './migrations/1796000700000-accountability-documents.js';
import { LiveEvents1796000900000 } from './migrations/1796000900000-live-events.js';
import { LiveEventsPerStatement1796001100000 } from './migrations/1796001100000-live-events-per-statement.js';
import { LiveEventsPruned1796001000000 } from './migrations/1796001000000-live-events-pruned.js';

import { Approvals1796000400000 } from './migrations/1796000400000-approvals.js';
import { ProblemOriginLinks1796000500000 } from './migrations/1796000500000-problem-origin-links.js';
import { ActionRequests } from './requests/action-requests.js';
import { DisciplineTransfersController } from './problems/discipline-transfers.controller.js';
import { ActionRequests1796000600000 } from './migrations/1796000600000-action-requests.js';
import { SeparateProjectsController } from './separate-projects/separate-projects.controller.js';
import { SeparateProjectsService } from './separate-projects/separate-projects.service.js';
import { ApprovalWorkflows } from './separate-projects/approval-workflows.js';
import { ProblemLinks } from './separate-projects/problem-links.js';
import { UpwardReportsController } from './upward-reports/upward-reports.controller.js';
import { UpwardReportsService } from './upward-reports/upward-reports.service.js';
import { StageMetrics } from './metrics/stage-metrics.js';

/** Problems, the ledger, stages and determinations (schema `issues`). */
@Module({})
export class IssuesModule {
  static create() {
    return serviceModule(IssuesModule, {
      name: 'issues',
      config: ISSUES_CONFIG,
      liveEvents: 'issues',
      database: { schema: 'issues', entities: [], migrations: [Ledger1764576000000, LedgerPageIndexes1764748800000, NoticeFacts1764835200000, NoticeFactsOverdue1764921600000, AssessmentFacts1765008000000, DisciplineTransfers1765094400000, UnstartedWorkflowsIndex1765180800000, AccountabilityCaseLifecycle1796000300000, Approvals1796000400000, ProblemOriginLinks1796000500000, Supervision1796000200000, ActionRequests1796000600000, AccountabilityDocuments1796000700000, LiveEvents1796000900000, LiveEventsPruned1796001000000, LiveEventsPerStatement1796001100000] },
      controllers: [LedgerSpreadsheetController, ProblemsController, ActionsController, DisciplineTransfersController, EvidenceController, AuditController, CasesController, CaseActionsController, SeparateProjectsController, UpwardReportsController, ProbeController, ...supervisionControllers],
      providers: [
        policyProvider({ defaults: DEFAULT_POLICY, validate: validatePolicy }),
        LedgerRepository,
        RegistrationService,
        ActionsService,
        ActionRequests,
        ProblemWorkflows,
        ProblemWorkflowStarter,
        EnterpriseDirectory,
        EvidenceStore,
        ...supervisionProviders,
        CaseRepository,
        CaseNotices,
        OpinionService,
        MeasuresService,
        IssuedDocuments,
        CaseLifecycleService,
        ApprovalWorkflows,
        ProblemLinks,
        SeparateProjectsService,
        UpwardReportsService,
        StageMetrics,
      ],
      activityWorker: {
        taskQueue: TASK_QUEUES.issues,
        activities: { inject: [DataSource], useFactory: (db: DataSource) => ({ ...createProbeActivities(), ...createProblemActivities({ db }), ...createApprovalActivities({ db }), ...supervisionActivities(db) }) },
      },
    });
  }
}
