import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG } from '@rectify/platform';
import type { GatewayConfig } from '../config.js';

/** GET /api/console-config: what the console needs to know about its surroundings (any signed-in user). */
@ApiTags('console')
@ApiBearerAuth()
@Controller('api/console-config')
export class ConsoleConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: GatewayConfig) {}

  @Get()
  get() {
    return { temporalUiUrl: this.config.TEMPORAL_UI_URL, namespace: this.config.TEMPORAL_NAMESPACE };
  }
}
