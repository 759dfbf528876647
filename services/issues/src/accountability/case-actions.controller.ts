import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CASE_CLOSERS, MEASURE_ISSUERS, OPINION_DRAFTERS, ROLES, type Principal } from '@rectify/contracts';
import { CurrentUser, Roles } from '@rectify/platform';
import { AssessmentMarkDto, CircularMeasureDto, CloseCaseDto, LetterMeasureDto, OpinionDto, SignOffDto, TalkMeasureDto } from './case.dto.js';
import { CaseLifecycleService } from './case-lifecycle.service.js';
import { CaseRepository } from './case.repository.js';
import { MeasuresService } from './measures.service.js';
import { OpinionService } from './opinion.service.js';

/** The steps of an accountability case; each answers the case as it stands afterwards. */
@ApiTags('accountability')
@ApiBearerAuth()
@Controller('accountability-cases')
export class CaseActionsController {
  constructor(
    private readonly cases: CaseRepository,
    private readonly opinion: OpinionService,
    private readonly measures: MeasuresService,
    private readonly lifecycle: CaseLifecycleService,
  ) {}

  @Put(':id/opinion')
  @Roles(...OPINION_DRAFTERS)
  @ApiOperation({ summary: '起草或修改处理意见（修改即新版本，已有会签作废）' })
  async draftOpinion(@Param('id') id: string, @Body() body: OpinionDto, @CurrentUser() user: Principal) {
    await this.opinion.draft(id, body, user);
    return this.current(id, user);
  }

  @Post(':id/opinion/sign-offs')
  @HttpCode(200)
  @Roles(ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_LEAD, ROLES.DISCIPLINE_GROUP)
  @ApiOperation({ summary: '会签处理意见的当前版本（监督处或纪检组）' })
  async signOff(@Param('id') id: string, @Body() body: SignOffDto, @CurrentUser() user: Principal) {
    await this.opinion.signOff(id, body, user);
    return this.current(id, user);
  }

  @Post(':id/measures/letter')
  @HttpCode(200)
  @Roles(...MEASURE_ISSUERS)
  @ApiOperation({ summary: '下达函告（生成 Word 函件）' })
  async letter(@Param('id') id: string, @Body() body: LetterMeasureDto, @CurrentUser() user: Principal) {
    const issued = await this.measures.issue(id, { kind: 'letter', dto: body }, user);
    return { ...issued, case: await this.current(id, user) };
  }

  @Post(':id/measures/talk')
  @HttpCode(200)
  @Roles(...MEASURE_ISSUERS)
  @ApiOperation({ summary: '记录约谈（日期、地点、参加人员、约谈记录）' })
  async talk(@Param('id') id: string, @Body() body: TalkMeasureDto, @CurrentUser() user: Principal) {
    const issued = await this.measures.issue(id, { kind: 'talk', dto: body }, user);
    return { ...issued, case: await this.current(id, user) };
  }

  @Post(':id/measures/circular')
  @HttpCode(200)
  @Roles(...MEASURE_ISSUERS)
  @ApiOperation({ summary: '下达通报（生成 Word 通报）' })
  async circular(@Param('id') id: string, @Body() body: CircularMeasureDto, @CurrentUser() user: Principal) {
    const issued = await this.measures.issue(id, { kind: 'circular', dto: body }, user);
    return { ...issued, case: await this.current(id, user) };
  }

  @Put(':id/assessment')
  @Roles(...MEASURE_ISSUERS)
  @ApiOperation({ summary: '标记计入企业领导人员业绩考核的年度' })
  async assessment(@Param('id') id: string, @Body() body: AssessmentMarkDto, @CurrentUser() user: Principal) {
    await this.lifecycle.markAssessment(id, body, user);
    return this.current(id, user);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(...CASE_CLOSERS)
  @ApiOperation({ summary: '结案（分管委员，须说明理由）' })
  async close(@Param('id') id: string, @Body() body: CloseCaseDto, @CurrentUser() user: Principal) {
    await this.lifecycle.close(id, body, user);
    return this.current(id, user);
  }

  private async current(id: string, user: Principal) {
    return this.cases.detail(await this.cases.visible(id, user), user);
  }
}
