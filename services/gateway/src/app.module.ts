import { Module } from '@nestjs/common';
import { serviceModule } from '@rectify/platform';
import { GATEWAY_CONFIG, loadGatewayConfig } from './config.js';
import { AuthController } from './identity/auth.controller.js';
import { DirectoryController } from './identity/directory.controller.js';
import { DemoSeed } from './identity/demo-seed.js';
import { LoginThrottle } from './identity/login-throttle.js';
import { Sessions } from './identity/sessions.js';
import { EnterpriseEntity, MemberUnitEntity } from './identity/enterprise.entity.js';
import { UserEntity } from './identity/user.entity.js';
import { Identity1764489600000 } from './migrations/1764489600000-identity.js';
import { EnterpriseDirectory1764662400000 } from './migrations/1764662400000-enterprise-directory.js';
import { UserDirectory1764835200000 } from './migrations/1764835200000-user-directory.js';
import { LoginSessions1765065600000 } from './migrations/1765065600000-login-sessions.js';
import { RefreshGrace1765152000000 } from './migrations/1765152000000-refresh-grace.js';
import { WebConsoleModule } from './web-console/web-console.module.js';
import { CodecController } from './codec/codec.controller.js';

/** Identity (users, enterprises, member units), login, the route to every service, and the Temporal payload codec endpoint. */
@Module({})
export class GatewayModule {
  static create() {
    loadGatewayConfig(); // the checks across variables, before anything starts
    return serviceModule(GatewayModule, {
      name: 'gateway',
      config: GATEWAY_CONFIG,
      database: {
        schema: 'identity',
        entities: [UserEntity, EnterpriseEntity, MemberUnitEntity],
        migrations: [Identity1764489600000, EnterpriseDirectory1764662400000, UserDirectory1764835200000, LoginSessions1765065600000, RefreshGrace1765152000000],
      },
      controllers: [AuthController, DirectoryController, CodecController],
      providers: [LoginThrottle, Sessions, DemoSeed],
      imports: [WebConsoleModule],
    });
  }
}
