import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JOINT_OFFICE_READERS, JOINT_OFFICE_ROLES, MEMBER_UNIT_ROLES, type Principal } from '@rectify/contracts';
import { CurrentUser, mapPage, Roles } from '@rectify/platform';
import { CreatePushDto, PushListQuery } from './push.dto.js';
import { PushCreation } from './push-creation.js';
import { PushRepository } from './push.repository.js';
import { pushSummary, PushViews } from './push-views.js';
import { PushWorkflows } from './push-workflows.js';

/** Written pushes (书面推送) and their tracker (§11). */
@ApiTags('joint-meeting pushes')
@ApiBearerAuth()
@Controller('pushes')
export class PushesController {
  constructor(
    private readonly creation: PushCreation,
    private readonly pushes: PushRepository,
    private readonly views: PushViews,
    private readonly workflows: PushWorkflows,
  ) {}

  @Post()
  @Roles(...JOINT_OFFICE_ROLES)
  @ApiOperation({ summary: '向一个或多个成员单位书面推送事项' })
  @ApiCreatedResponse({ description: '推送事项（含各单位办理状态）' })
  async create(@Body() dto: CreatePushDto, @CurrentUser() user: Principal) {
    const pushNo = await this.creation.create(dto, user);
    return this.views.detail(await this.pushes.visible(pushNo, user), user);
  }

  @Get()
  @Roles(...JOINT_OFFICE_READERS, ...MEMBER_UNIT_ROLES)
  @ApiOperation({ summary: '推送事项跟踪表：每项推送、每个单位的办理状态（成员单位只看到推送给本单位的事项）' })
  async list(@Query() query: PushListQuery, @CurrentUser() user: Principal) {
    return mapPage(await this.pushes.list(user, query), (r) => pushSummary(r, r.targets));
  }

  @Get(':pushNo')
  @Roles(...JOINT_OFFICE_READERS, ...MEMBER_UNIT_ROLES)
  @ApiOperation({ summary: '推送事项详情：内容、关联问题、附件、各单位状态、已审核的反馈、轨迹' })
  async detail(@Param('pushNo') pushNo: string, @CurrentUser() user: Principal) {
    return this.views.detail(await this.pushes.visible(pushNo, user), user);
  }

  @Get(':pushNo/workflow')
  @Roles(...JOINT_OFFICE_READERS)
  @ApiOperation({ summary: '推送流程的实时状态（提醒计划、各单位状态）' })
  async workflow(@Param('pushNo') pushNo: string, @CurrentUser() user: Principal) {
    await this.pushes.visible(pushNo, user);
    return this.workflows.view(pushNo);
  }
}
