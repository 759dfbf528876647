import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@rectify/contracts';
import { CurrentUser } from '../auth/decorators.js';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

/** GET /about: which service answered and who the caller is (any authenticated user). */
@ApiTags('about')
@ApiBearerAuth()
@Controller('about')
export class AboutController {
  constructor(@Inject(SERVICE_NAME) private readonly service: string) {}

  @Get()
  about(@CurrentUser() user: Principal) {
    return { service: this.service, user };
  }
}
