import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import { APP_CONFIG } from '@rectify/platform';
import type { GatewayConfig } from '../config.js';
import { ConsoleConfigController } from './console-config.controller.js';
import { spaHandler } from './spa-handler.js';

/** services/gateway, against which a relative WEB_DIST_DIR is resolved. */
const GATEWAY_DIR = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The web console (services/web, built into WEB_DIST_DIR) served at `/`. Mounted when Nest
 * initialises, after its routes and before its 404 handler: a path the API or the docs answer never
 * reaches the console, and every other GET gets the console's files or index.html.
 */
@Module({ controllers: [ConsoleConfigController] })
export class WebConsoleModule implements OnModuleInit {
  private readonly logger = new Logger('WebConsole');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    const root = resolve(GATEWAY_DIR, this.config.WEB_DIST_DIR);
    if (!existsSync(join(root, 'index.html'))) {
      this.logger.warn(`web console not built: ${join(root, 'index.html')} is missing (run the build of services/web); / answers 404`);
      return;
    }
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    app.use(spaHandler(root));
    this.logger.log(`serving the web console from ${root}`);
  }
}
