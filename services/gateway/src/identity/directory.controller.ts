import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { isEnterpriseRole, type Principal } from '@rectify/contracts';
import { CurrentUser } from '@rectify/platform';
import { EnterpriseEntity, MemberUnitEntity } from './enterprise.entity.js';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/directory')
export class DirectoryController {
  constructor(private readonly db: DataSource) {}

  /** Enterprises the caller may see: its own for enterprise users, all for the Commission side. */
  @Get('enterprises')
  async enterprises(@CurrentUser() user: Principal): Promise<EnterpriseEntity[]> {
    const repo = this.db.getRepository(EnterpriseEntity);
    if (isEnterpriseRole(user.role)) return repo.findBy({ code: user.enterpriseCode ?? '' });
    return repo.find({ order: { code: 'ASC' } });
  }

  /** Joint-meeting member units. */
  @Get('member-units')
  async memberUnits(): Promise<MemberUnitEntity[]> {
    return this.db.getRepository(MemberUnitEntity).find({ order: { code: 'ASC' } });
  }
}
