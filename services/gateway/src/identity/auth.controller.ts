import { BadRequestException, Body, Controller, Get, Headers, HttpCode, HttpException, HttpStatus, Inject, Ip, Post, Res, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import { APP_CONFIG, ACCESS_TOKEN_TTL_SECONDS, CurrentSession, CurrentUser, parseSigningKey, Public, signAccessToken, TOKEN_PUBLIC_KEYS, verifyToken, type PublicKeySet, type SigningKey } from '@rectify/platform';
import type { GatewayConfig } from '../config.js';
import { UserEntity } from './user.entity.js';
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from './password.js';
import { passwordProblems } from './password-policy.js';
import { LoginThrottle } from './login-throttle.js';
import { FairPool, PoolBusyError } from './fair-pool.js';
import { Sessions, type IssuedSession } from './sessions.js';
import { clearCodecSession, setCodecSession } from '../codec/codec-session.js';
import { loginEvent } from './login-events.js';

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

export class RefreshRequest {
  @ApiProperty({ description: 'the refresh token of the last login or refresh' })
  @IsString()
  @Length(1, 200)
  refreshToken!: string;
}

export class ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 256)
  currentPassword!: string;

  @ApiProperty({ description: 'at least 12 characters, not the username, not a common password' })
  @IsString()
  @Length(1, 256)
  newPassword!: string;
}

const principalOf = (user: UserEntity): Principal => ({
  sub: user.id,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
  enterpriseCode: user.enterpriseCode,
  unitCode: user.unitCode,
});

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  private readonly signing: SigningKey;
  /** scrypt off the request path's critical section: a few at a time, taken address by address. */
  private readonly hashing: FairPool;

  constructor(
    private readonly db: DataSource,
    private readonly throttle: LoginThrottle,
    private readonly sessions: Sessions,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
    @Inject(TOKEN_PUBLIC_KEYS) private readonly publicKeys: PublicKeySet,
  ) {
    this.signing = parseSigningKey(config.JWT_PRIVATE_KEY);
    this.hashing = new FairPool(config.LOGIN_HASH_CONCURRENCY, config.LOGIN_QUEUE_PER_ADDRESS);
  }

  /** Every 429 carries Retry-After (seconds), and says the same for known and unknown usernames. */
  private async withRetryAfter<T>(res: Response, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof HttpException && err.getStatus() === 429) {
        const body = err.getResponse() as { retryAfterSeconds?: number };
        res.setHeader('Retry-After', String(body.retryAfterSeconds ?? 1));
      }
      throw err;
    }
  }

  private async hashed<T>(address: string, task: () => Promise<T>): Promise<T> {
    try {
      return await this.hashing.run(address, task);
    } catch (err) {
      if (err instanceof PoolBusyError) {
        throw new HttpException({ statusCode: 429, error: 'Too Many Requests', message: '登录请求过多：请稍后再试', retryAfterSeconds: 1 }, HttpStatus.TOO_MANY_REQUESTS);
      }
      throw err;
    }
  }

  /**
   * The answer of login and refresh. For an operator or a Supervision Division officer it also
   * sets the codec session cookie (HttpOnly, Path=/api/codec) to the new access token, with which
   * the Temporal UI decodes payloads for them (docs/security.md); for anyone else it clears it.
   */
  private answer(principal: Principal, session: IssuedSession, res: Response) {
    const accessToken = signAccessToken(principal, this.signing, { sessionId: session.sessionId });
    setCodecSession(res, principal.role, accessToken, this.config.SESSION_COOKIE_SECURE);
    return {
      accessToken,
      tokenType: 'Bearer' as const,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      refreshToken: session.refreshToken,
      refreshExpiresIn: session.refreshExpiresIn,
      user: principal,
    };
  }

  /**
   * Exchanges username and password for an access token (15 minutes) and a refresh token (the
   * session). Unknown usernames take the same path, the same time and the same answers.
   */
  @Post('login')
  @Public()
  @HttpCode(200)
  async login(@Body() body: LoginRequest, @Ip() ip: string, @Res({ passthrough: true }) res: Response) {
    return this.withRetryAfter(res, () => this.loginOnce(body, ip, res));
  }

  private async loginOnce(body: LoginRequest, ip: string, res: Response) {
    const keys = this.throttle.keysFor(body.username, ip);
    try {
      await this.throttle.assertAllowed(keys);
    } catch (err) {
      loginEvent('throttled', { address: ip, username: null });
      throw err;
    }
    const user = await this.db.getRepository(UserEntity).findOneBy({ username: body.username });
    const stored = user?.passwordHash ?? DUMMY_HASH;
    const ok = await this.hashed(ip, () => verifyPassword(body.password, stored));
    if (!user || !ok || !user.active) {
      await this.throttle.recordFailure(keys);
      // an unknown username is not written: it may be a password typed in the wrong field
      loginEvent('failure', { address: ip, username: user?.username ?? null, reason: !user ? 'unknown-user' : !ok ? 'wrong-password' : 'inactive-user' });
      throw new UnauthorizedException('用户名或密码错误');
    }
    await this.throttle.clear(keys);
    if (needsRehash(stored)) {
      const fresh = await this.hashed(ip, () => hashPassword(body.password));
      await this.db.query(`UPDATE identity.users SET password_hash = $2 WHERE id = $1 AND password_hash = $3`, [user.id, fresh, stored]);
    }
    const session = await this.sessions.open(user.id);
    loginEvent('success', { address: ip, username: user.username, userId: user.id, role: user.role, sessionId: session.sessionId });
    return this.answer(principalOf(user), session, res);
  }

  /** A new access token (and a new refresh token; the old one stops working) while the session is open. */
  @Post('refresh')
  @Public()
  @HttpCode(200)
  async refresh(@Body() body: RefreshRequest, @Res({ passthrough: true }) res: Response) {
    const session = await this.sessions.rotate(body.refreshToken);
    const user = await this.db.getRepository(UserEntity).findOneByOrFail({ id: session.userId });
    return this.answer(principalOf(user), session, res);
  }

  /**
   * Signing out: ends the session of the bearer token when one comes (its refresh token stops
   * working and the gateway refuses its access token) and clears the codec session cookie. Public,
   * so that an expired token still clears the cookie.
   */
  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response): Promise<void> {
    clearCodecSession(res, this.config.SESSION_COOKIE_SECURE);
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return;
    let sessionId: string | null = null;
    try {
      sessionId = verifyToken(token, this.publicKeys).sessionId;
    } catch {
      return; // nothing this token could end
    }
    if (sessionId) await this.sessions.end(sessionId, 'logout');
  }

  /** Changes the caller's password; every other session of the user ends. */
  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  async changePassword(
    @Body() body: ChangePasswordRequest,
    @CurrentUser() caller: Principal,
    @CurrentSession() sessionId: string | null,
    @Ip() ip: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.withRetryAfter(res, () => this.changePasswordOnce(body, caller, sessionId, ip));
  }

  private async changePasswordOnce(body: ChangePasswordRequest, caller: Principal, sessionId: string | null, ip: string): Promise<void> {
    if (!(await this.sessions.isLive(sessionId, caller.sub))) throw new UnauthorizedException('登录已失效，请重新登录');
    const user = await this.db.getRepository(UserEntity).findOneByOrFail({ id: caller.sub });
    const keys = this.throttle.keysFor(user.username, ip);
    await this.throttle.assertAllowed(keys);
    if (!(await this.hashed(ip, () => verifyPassword(body.currentPassword, user.passwordHash)))) {
      await this.throttle.recordFailure(keys);
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['currentPassword：当前密码不正确'], fields: [{ field: 'currentPassword', reasons: ['当前密码不正确'] }] });
    }
    const problems = passwordProblems(body.newPassword, user.username, body.currentPassword);
    if (problems.length > 0) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: problems,
        fields: [{ field: 'newPassword', reasons: problems.map((p) => p.replace(/^newPassword：/, '')) }],
      });
    }
    const hash = await this.hashed(ip, () => hashPassword(body.newPassword));
    await this.db.query(`UPDATE identity.users SET password_hash = $2 WHERE id = $1`, [user.id, hash]);
    await this.sessions.endOthers(user.id, sessionId, 'password-changed');
  }

  /** The caller as the token describes it, while its session is open. */
  @Get('me')
  @ApiBearerAuth()
  async me(@CurrentUser() user: Principal, @CurrentSession() sessionId: string | null): Promise<Principal> {
    if (sessionId && !(await this.sessions.isLive(sessionId, user.sub))) throw new UnauthorizedException('登录已失效，请重新登录');
    return user;
  }
}
