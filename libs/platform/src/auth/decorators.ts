import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role } from '@rectify/contracts';

export const PUBLIC_ROUTE = 'rectify:public';
export const ALLOWED_ROLES = 'rectify:roles';

/** Marks a route as reachable without a token (health, docs, login). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** Restricts a route (or every route of a controller) to the given roles. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ALLOWED_ROLES, roles);

/** The authenticated caller of the current request. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<{ user?: Principal }>();
  if (!request.user) throw new Error('CurrentUser used on a public route');
  return request.user;
});

/** The gateway session id the caller's token carries (`sid`), or null. */
export const CurrentSession = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null => {
  const request = ctx.switchToHttp().getRequest<{ sessionId?: string | null }>();
  return request.sessionId ?? null;
});
