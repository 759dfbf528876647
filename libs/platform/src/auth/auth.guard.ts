import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal, Role } from '@rectify/contracts';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './decorators.js';
import type { PublicKeySet } from './token-keys.js';
import { InvalidTokenError, verifyToken } from './tokens.js';

/** The public keys access tokens are verified with (JWT_PUBLIC_KEYS, parsed). */
export const TOKEN_PUBLIC_KEYS = Symbol('TOKEN_PUBLIC_KEYS');

/**
 * Installed as a global guard in every service: each route needs a valid bearer token unless
 * marked @Public(), and the caller's role must be one of the route's @Roles() when it has any.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_PUBLIC_KEYS) private readonly keys: PublicKeySet,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: Principal; sessionId?: string | null }>();
    const header = request.headers['authorization'] ?? '';
    const match = /^Bearer (\S+)$/i.exec(header);
    if (!match?.[1]) throw new UnauthorizedException('缺少访问令牌：请先登录，并在 Authorization 头中携带 Bearer 令牌');
    try {
      const verified = verifyToken(match[1], this.keys);
      request.user = verified.principal;
      request.sessionId = verified.sessionId;
    } catch (err) {
      if (err instanceof InvalidTokenError) throw new UnauthorizedException(err.message);
      throw err;
    }

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed && !allowed.includes(request.user.role)) {
      throw new ForbiddenException(`当前角色（${request.user.role}）无权执行此操作`);
    }
    return true;
  }
}
