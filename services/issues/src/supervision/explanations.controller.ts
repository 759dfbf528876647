import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ENTERPRISE_ROLES, EXPLANATION_READERS, ROLES, type Principal } from '@rectify/contracts';
import { CurrentUser, mapPage, Roles } from '@rectify/platform';
import { ExplanationWorkflows } from './explanation-workflows.js';
import { ExplanationsRepository, explanationDetail, explanationSummary } from './explanations.repository.js';
import { ExplanationsService } from './explanations.service.js';
import { SupervisionEventsRepository } from './supervision-events.repository.js';
import { AnswerExplanationDto, GuidanceDto, ListExplanationsQuery, RequestExplanationDto, UnsolicitedExplanationDto } from './supervision.dto.js';

const notFound = () => new NotFoundException('书面说明不存在');
const uuid = () => new ParseUUIDPipe({ exceptionFactory: notFound });

/**
 * 书面说明: asked by the Supervision Division with a reply date (reminded, then overdue), or sent
 * unasked by the enterprise; answered by the enterprise with the situation and its causes; then
 * the officer's targeted guidance (针对性指导).
 */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision/explanations')
export class ExplanationsController {
  constructor(
    private readonly explanations: ExplanationsRepository,
    private readonly service: ExplanationsService,
    private readonly workflows: ExplanationWorkflows,
    private readonly events: SupervisionEventsRepository,
  ) {}

  @Post()
  @Roles(ROLES.SUPERVISION_OFFICER)
  @ApiOperation({ summary: '要求企业书面说明情况（设回复期限）' })
  async request(@Body() body: RequestExplanationDto, @CurrentUser() user: Principal) {
    return this.detail(await this.service.request(body, user), user);
  }

  @Post('unsolicited')
  @Roles(...ENTERPRISE_ROLES)
  @ApiOperation({ summary: '企业主动书面报送情况及原因分析' })
  async unsolicited(@Body() body: UnsolicitedExplanationDto, @CurrentUser() user: Principal) {
    return this.detail(await this.service.submitUnasked(body, user), user);
  }

  @Get()
  @Roles(...EXPLANATION_READERS)
  @ApiOperation({ summary: '书面说明列表' })
  async list(@Query() query: ListExplanationsQuery, @CurrentUser() user: Principal) {
    return mapPage(await this.explanations.list(query, user), explanationSummary);
  }

  @Get(':id')
  @Roles(...EXPLANATION_READERS)
  @ApiOperation({ summary: '书面说明详情：要求、回复、指导、事件记录与回复期限流程' })
  async detail(@Param('id', uuid()) id: string, @CurrentUser() user: Principal) {
    const row = await this.explanations.visible(id, user);
    if (!row) throw notFound();
    const [problems, events, workflow] = await Promise.all([
      this.explanations.problemsOf(id),
      this.events.of('explanation', id),
      row.kind === 'requested' ? this.workflows.view(id) : Promise.resolve(null),
    ]);
    return { ...explanationDetail(row), problems, events, workflow };
  }

  @Post(':id/answer')
  @HttpCode(200)
  @Roles(...ENTERPRISE_ROLES)
  @ApiOperation({ summary: '企业提交书面说明（情况及原因分析）' })
  async answer(@Param('id', uuid()) id: string, @Body() body: AnswerExplanationDto, @CurrentUser() user: Principal) {
    if (!(await this.explanations.visible(id, user))) throw notFound();
    await this.service.answer(id, body, user);
    return this.detail(id, user);
  }

  @Post(':id/guidance')
  @HttpCode(200)
  @Roles(ROLES.SUPERVISION_OFFICER)
  @ApiOperation({ summary: '监督处给予针对性指导' })
  async guidance(@Param('id', uuid()) id: string, @Body() body: GuidanceDto, @CurrentUser() user: Principal) {
    if (!(await this.explanations.visible(id, user))) throw notFound();
    await this.service.guide(id, body, user);
    return this.detail(id, user);
  }
}
