import { Body, Controller, Get, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LEDGER_NO, ROLES, type Principal } from '@rectify/contracts';
import { CurrentUser, Roles } from '@rectify/platform';
import { ListProblemsQuery } from './list-query.dto.js';
import { LedgerRepository } from './ledger.repository.js';
import { RegisterProblemDto } from './problem.dto.js';
import { problemDetail, problemSummary } from './problem.view.js';
import { RegistrationService } from './registration.service.js';
import { ProblemWorkflows } from './problem-workflows.js';
import { ProblemWorkflowStarter } from './workflow-starter.js';
import { ProblemLinks } from '../separate-projects/problem-links.js';
import { CaseRepository } from '../accountability/case.repository.js';
import { VisitRecordsRepository } from '../supervision/visit-records.repository.js';


/** The ledger (整改台账): register problems, list them, read one with its history. */
@ApiTags('problems')
@ApiBearerAuth()
@Controller('problems')
export class ProblemsController {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly registration: RegistrationService,
    private readonly workflows: ProblemWorkflows,
    private readonly starter: ProblemWorkflowStarter,
    private readonly cases: CaseRepository,
    private readonly links: ProblemLinks,
    private readonly supervision: VisitRecordsRepository,
  ) {}

  /** 问题挂号. Idempotent: the same document number + item number returns the existing problem (200). */
  @Post()
  @Roles(ROLES.ENTERPRISE_AUDIT, ROLES.SUPERVISION_OFFICER)
  async register(@Body() body: RegisterProblemDto, @CurrentUser() user: Principal, @Res({ passthrough: true }) res: Response) {
    const { problem, created } = await this.registration.register(body, user);
    res.status(created ? 201 : 200);
    return { created, problem: problemDetail(problem) };
  }

  @Get()
  async list(@Query() query: ListProblemsQuery, @CurrentUser() user: Principal) {
    const { rows, total, totalIsExact, page, pageSize } = await this.ledger.page(query, user);
    return { items: rows.map(problemSummary), total, totalIsExact, page, pageSize };
  }

  /** One problem with its stage records, determinations, extensions, cases and full history. */
  @Get(':ledgerNo')
  async detail(@Param('ledgerNo') ledgerNo: string, @CurrentUser() user: Principal) {
    const row = await this.find(ledgerNo, user);
    const [history, determinations, extensions, transfers, accountabilityCases, links] = await Promise.all([
      this.ledger.history(row.id),
      this.ledger.determinations(row.id),
      this.ledger.extensions(row.id),
      this.ledger.transfers(row.id),
      this.cases.summariesForProblem(row.id, user),
      this.links.of(row, user),
    ]);
    // 督办记录 covering the problem, as far as the caller may see them (a record covering a 涉密 problem is 涉密 too).
    const supervisionRecords = await this.supervision.forProblem(row.id, user);
    return { ...problemDetail(row), history, determinations, extensions, transfers, accountabilityCases, ...links, supervisionRecords };
  }

  /** The workflow's view: state, reminders still ahead, triggers opened. */
  @Get(':ledgerNo/workflow')
  async workflow(@Param('ledgerNo') ledgerNo: string, @CurrentUser() user: Principal) {
    const row = await this.find(ledgerNo, user);
    await this.starter.ensureStarted(row);
    return this.workflows.view(row.ledger_no);
  }

  private async find(ledgerNo: string, user: Principal) {
    const row = LEDGER_NO.test(ledgerNo) ? await this.ledger.visible(ledgerNo, user) : undefined;
    if (!row) throw new NotFoundException(`问题 ${ledgerNo} 不存在`);
    return row;
  }
}
