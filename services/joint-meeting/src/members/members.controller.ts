import { Body, Controller, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { JOINT_MEETING_MEMBERS, JOINT_OFFICE_ROLES, type Principal } from '@rectify/contracts';
import { CurrentUser, Roles } from '@rectify/platform';
import { appendEvent } from '../common/event-log.js';
import { MemberDirectory } from './member-directory.js';
import { MemberDto } from './member.dto.js';

const CODE = /^[A-Z0-9-]{2,20}$/;

/** Member units of the joint meeting and the office (§11). */
@ApiTags('joint-meeting members')
@ApiBearerAuth()
@Controller()
export class MembersController {
  constructor(
    private readonly db: DataSource,
    private readonly members: MemberDirectory,
  ) {}

  @Get('members')
  @Roles(...JOINT_MEETING_MEMBERS)
  @ApiOperation({ summary: '成员单位及其分管领导、联络人' })
  async list() {
    return this.members.list();
  }

  @Get('office')
  @Roles(...JOINT_MEETING_MEMBERS)
  @ApiOperation({ summary: '联席会议办公室（设在监督处，主任为分管监督工作的委员）' })
  async office() {
    return this.members.office();
  }

  @Put('members/:code')
  @Roles(...JOINT_OFFICE_ROLES)
  @ApiOperation({ summary: '登记或修改成员单位（单位代码与统一身份中的成员单位代码一致）' })
  async upsert(@Param('code') code: string, @Body() dto: MemberDto, @CurrentUser() user: Principal) {
    if (!CODE.test(code)) throw new NotFoundException(`成员单位 ${code} 不存在`);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO joint_meeting.members (code, name, kind, sort_order, active) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO UPDATE SET name = $2, kind = $3, sort_order = $4, active = $5`,
        [code, dto.name, dto.kind, dto.sortOrder ?? 0, dto.active ?? true],
      );
      await appendEvent(tx, { subjectKind: 'member', subjectId: code, kind: 'member_saved', user, payload: { ...dto } });
    });
    return (await this.members.list()).find((m) => m.code === code);
  }
}
