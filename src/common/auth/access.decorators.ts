import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Actor, ROLES, TokenRole } from './roles';

export const ROLES_KEY = 'rw:roles';
export const PUBLIC_KEY = 'rw:public';

/**
 * Every route declares who may call it: `@Roles(...)` or `@Public()`. A route with neither is refused at
 * run time (fail closed) and reported by the route-rule test. `admin` passes every `@Roles` rule. A gateway's
 * credential passes only rules that name `gateway`; `@AnyRole()` is every role of a person, never a gateway.
 */
export const Roles = (...roles: TokenRole[]) => SetMetadata(ROLES_KEY, roles);
export const AnyRole = () => SetMetadata(ROLES_KEY, [...ROLES]);
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!request.actor) throw new Error('CurrentActor used on a route without authentication');
  return request.actor;
});
