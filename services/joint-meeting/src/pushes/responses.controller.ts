import { Body, ConflictException, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { MEMBER_UNIT_ROLES, ROLES, type Principal, type ResponseStep } from '@rectify/contracts';
import { CurrentUser, Roles } from '@rectify/platform';
import type { RespondCommand } from '@rectify/workflows';
import { FieldErrors } from '../common/field-errors.js';
import { ApproveResponseDto, DraftResponseDto, ReturnResponseDto } from './push.dto.js';
import { PushRepository } from './push.repository.js';
import { PushViews } from './push-views.js';
import { PushWorkflows } from './push-workflows.js';

/** What a response step says, stored with its request. */
interface ResponseText {
  opinion?: string;
  resolution?: string;
  attachmentIds?: string[];
  comment?: string | null;
}

/**
 * A member unit's written response (书面反馈) to a push: its officer drafts and submits, its division
 * leader approves or returns; only an approved response reaches the office. The push workflow
 * decides whether each step is allowed.
 */
@ApiTags('joint-meeting responses')
@ApiBearerAuth()
@Controller('pushes/:pushNo/response')
export class ResponsesController {
  constructor(
    private readonly db: DataSource,
    private readonly pushes: PushRepository,
    private readonly views: PushViews,
    private readonly workflows: PushWorkflows,
  ) {}

  /**
   * One response step: its text is stored first (joint_meeting.response_requests) and the push's
   * workflow receives the request's id only (also its update id, so a resent step applies once).
   */
  private async step(pushNo: string, user: Principal, step: ResponseStep, text: ResponseText) {
    const push = await this.pushes.visible(pushNo, user);
    // A closed push's workflow has completed: the answers are final.
    if (push.status === 'closed') throw new ConflictException('推送事项已办结，不能再变更书面反馈');
    const unitCode = user.unitCode!;
    const stored: { id: string }[] = await this.db.query(
      `INSERT INTO joint_meeting.response_requests (push_id, unit_code, step, actor_id, actor_name, actor_role, opinion, resolution, attachment_ids, comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [push.id, unitCode, step, user.sub, user.displayName, user.role, text.opinion ?? null, text.resolution ?? null, text.attachmentIds ?? [], text.comment ?? null],
    );
    const requestId = stored[0]!.id;
    const command: RespondCommand = { unitCode, step, actor: { id: user.sub, role: user.role }, requestId };
    const result = await this.workflows.respond(push.push_no, command, requestId);
    return { ...result, push: await this.views.detail(push, user) };
  }

  @Get()
  @Roles(...MEMBER_UNIT_ROLES)
  @ApiOperation({ summary: '本单位对该推送的反馈（全部版本）' })
  async own(@Param('pushNo') pushNo: string, @CurrentUser() user: Principal) {
    const detail = await this.views.detail(await this.pushes.visible(pushNo, user), user);
    return { target: detail.targets[0] ?? null, versions: detail.responses };
  }

  @Put()
  @Roles(ROLES.MEMBER_UNIT_OFFICER)
  @ApiOperation({ summary: '起草或修改本单位的书面反馈（意见及解决情况）；已审核的反馈修改后须重新审核' })
  async draft(@Param('pushNo') pushNo: string, @Body() dto: DraftResponseDto, @CurrentUser() user: Principal) {
    const push = await this.pushes.visible(pushNo, user);
    const ids = dto.attachmentIds ?? [];
    if (ids.length > 0) {
      const usable: { id: string }[] = await this.db.query(
        `SELECT id FROM joint_meeting.attachments WHERE id = ANY($1) AND uploader_unit = $2 AND (push_id IS NULL OR (push_id = $3 AND response_unit = $2))`,
        [ids, user.unitCode, push.id],
      );
      const errors = new FieldErrors();
      for (const id of ids.filter((i) => !usable.some((u) => u.id === i))) errors.add('attachmentIds', `附件 ${id} 不存在或已用于其他事项`);
      errors.throwIfAny();
    }
    return this.step(pushNo, user, 'draft', { opinion: dto.opinion, resolution: dto.resolution, attachmentIds: ids });
  }

  @Post('submit')
  @HttpCode(200)
  @Roles(ROLES.MEMBER_UNIT_OFFICER)
  @ApiOperation({ summary: '提交分管领导审核' })
  async submit(@Param('pushNo') pushNo: string, @CurrentUser() user: Principal) {
    return this.step(pushNo, user, 'submit', {});
  }

  @Post('approve')
  @HttpCode(200)
  @Roles(ROLES.MEMBER_UNIT_LEADER)
  @ApiOperation({ summary: '分管领导审核通过：反馈报送联席会议办公室' })
  async approve(@Param('pushNo') pushNo: string, @Body() dto: ApproveResponseDto, @CurrentUser() user: Principal) {
    return this.step(pushNo, user, 'approve', { comment: dto.comment ?? null });
  }

  @Post('return')
  @HttpCode(200)
  @Roles(ROLES.MEMBER_UNIT_LEADER)
  @ApiOperation({ summary: '分管领导退回修改（须写明意见）' })
  async return(@Param('pushNo') pushNo: string, @Body() dto: ReturnResponseDto, @CurrentUser() user: Principal) {
    return this.step(pushNo, user, 'return', { comment: dto.comment });
  }
}
