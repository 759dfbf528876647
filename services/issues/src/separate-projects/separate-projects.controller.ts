import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APPROVAL_DECIDERS, APPROVAL_READERS, SEPARATE_PROJECT_PROPOSERS, type Principal } from '@rectify/contracts';
import { CurrentUser, Roles } from '@rectify/platform';
import { ApprovalDecisionDto } from './decision.dto.js';
import { ProposeSeparateProjectDto, SeparateProjectListQuery } from './separate-project.dto.js';
import { SeparateProjectsService } from './separate-projects.service.js';
import { IdempotencyKey, OwnIdempotency } from '../requests/action-requests.js';

/** 另行立项 (policy 第十条): proposals from supervision, decided by the Commission party committee. */
@ApiTags('separate projects')
@ApiBearerAuth()
@Controller('separate-projects')
export class SeparateProjectsController {
  constructor(private readonly projects: SeparateProjectsService) {}

  @Post()
  @Roles(...SEPARATE_PROJECT_PROPOSERS)
  @ApiOperation({ summary: '提请单独立项（专项核查、专项审计或重大资产损失责任追究专项调查），报委党委审议' })
  propose(@Body() body: ProposeSeparateProjectDto, @CurrentUser() user: Principal) {
    return this.projects.propose(body, user);
  }

  @Get()
  @Roles(...APPROVAL_READERS)
  @ApiOperation({ summary: '立项事项列表' })
  list(@Query() query: SeparateProjectListQuery) {
    return this.projects.list(query);
  }

  @Get(':id')
  @Roles(...APPROVAL_READERS)
  @ApiOperation({ summary: '立项事项详情：审议记录及立项后登记的问题' })
  detail(@Param('id') id: string) {
    return this.projects.detail(id);
  }

  @Get(':id/workflow')
  @Roles(...APPROVAL_READERS)
  @ApiOperation({ summary: '立项审议流程状态（催办次数、下次催办时间）' })
  workflow(@Param('id') id: string) {
    return this.projects.workflow(id);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(...APPROVAL_DECIDERS)
  @ApiOperation({ summary: '委党委审议：通过（填写立项文号）或不予通过（说明理由）' })
  @OwnIdempotency()
  decide(@Param('id') id: string, @Body() body: ApprovalDecisionDto, @CurrentUser() user: Principal, @IdempotencyKey() key: string | null) {
    return this.projects.decide(id, body, user, key);
  }
}
