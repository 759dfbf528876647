import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG } from '../config/config.module.js';
import { AuthGuard, TOKEN_PUBLIC_KEYS } from './auth.guard.js';
import { parsePublicKeys } from './token-keys.js';

/** Installs AuthGuard on every route of the application. Needs AppConfigModule with JWT_PUBLIC_KEYS. */
@Global()
@Module({
  providers: [
    { provide: TOKEN_PUBLIC_KEYS, inject: [APP_CONFIG], useFactory: (config: { JWT_PUBLIC_KEYS: string }) => parsePublicKeys(config.JWT_PUBLIC_KEYS) },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TOKEN_PUBLIC_KEYS],
})
export class AuthModule {}
