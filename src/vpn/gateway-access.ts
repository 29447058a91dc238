import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Actor, GATEWAY_ROLE, gatewayActorId } from '../common/auth/roles';
import { Forbidden } from '../common/errors/domain-error';

/**
 * A gateway's credential acts for its own gateway only: the role rule (`@Roles(..., 'gateway')`) lets it reach a
 * route, this check keeps it to its own `:id` (403 GATEWAY_NOT_OWN for another gateway). People's roles pass.
 */
export function assertOwnGateway(actor: Actor, gatewayId: string): void {
  if (actor.role === GATEWAY_ROLE && actor.id !== gatewayActorId(gatewayId)) {
    throw new Forbidden('GATEWAY_NOT_OWN', 'A gateway credential may act only for its own gateway');
  }
}

/**
 * `@UseGuards(OwnGateway)` on a route with `:id` a gateway id: assertOwnGateway before the body is even read or
 * validated (guards run after the global AuthGuard, which sets the actor, and before the pipes), so a credential
 * learns nothing about another gateway's routes — not even how they validate.
 */
@Injectable()
export class OwnGateway implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ actor?: Actor; params?: Record<string, string> }>();
    if (request.actor) assertOwnGateway(request.actor, request.params?.id ?? '');
    return true;
  }
}
