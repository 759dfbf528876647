import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG } from '../config/config.module.js';
import { AuthGuard, JWT_SECRET } from './auth.guard.js';

/** Installs AuthGuard on every route of the application. Needs AppConfigModule with JWT_SECRET. */
@Global()
@Module({
  providers: [
    { provide: JWT_SECRET, inject: [APP_CONFIG], useFactory: (config: { JWT_SECRET: string }) => config.JWT_SECRET },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [JWT_SECRET],
})
export class AuthModule {}
