import { Body, Controller, Get, HttpCode, Inject, Ip, Post, Res, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import { APP_CONFIG, ACCESS_TOKEN_TTL_SECONDS, CurrentUser, Public, signAccessToken } from '@rectify/platform';
import type { GatewayConfig } from '../config.js';
import { UserEntity } from './user.entity.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import { LoginLimiter } from './login-limiter.js';
import { clearCodecSession, setCodecSession } from '../codec/codec-session.js';

export class LoginRequest {
  @ApiProperty({ example: 'jiandu' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ example: 'rectify-demo' })
  @IsString()
  @Length(1, 256)
  password!: string;
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly db: DataSource,
    private readonly limiter: LoginLimiter,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * Exchanges username and password for an access token. For an operator or a Supervision Division
   * officer it also sets the codec session cookie (HttpOnly, Path=/api/codec), with which the
   * Temporal UI decodes payloads for them (docs/security.md).
   */
  @Post('login')
  @Public()
  @HttpCode(200)
  async login(@Body() body: LoginRequest, @Ip() ip: string, @Res({ passthrough: true }) res: Response) {
    const key = `${body.username.toLowerCase()}|${ip}`;
    this.limiter.assertAllowed(key);
    const user = await this.db.getRepository(UserEntity).findOneBy({ username: body.username });
    const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      this.limiter.recordFailure(key);
      throw new UnauthorizedException('用户名或密码错误');
    }
    this.limiter.clear(key);
    const principal: Principal = {
      sub: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      enterpriseCode: user.enterpriseCode,
      unitCode: user.unitCode,
    };
    const accessToken = signAccessToken(principal, this.config.JWT_SECRET);
    setCodecSession(res, user.role, accessToken, this.config.SESSION_COOKIE_SECURE);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      user: principal,
    };
  }

  /** Signing out: clears the codec session cookie (the console forgets its own token). */
  @Post('logout')
  @Public()
  @HttpCode(204)
  logout(@Res({ passthrough: true }) res: Response): void {
    clearCodecSession(res, this.config.SESSION_COOKIE_SECURE);
  }

  /** The caller as the token describes it. */
  @Get('me')
  @ApiBearerAuth()
  me(@CurrentUser() user: Principal): Principal {
    return user;
  }
}
