import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PUBLIC_KEY, ROLES_KEY } from '../common/auth/access.decorators';
import { Actor, TokenRole } from '../common/auth/roles';
import { Forbidden, Unauthenticated } from '../common/errors/domain-error';
import { CSRF_HEADER, needsCsrfHeader, sessionTokenFromCookie } from './session-cookie';
import { TokenService } from './token.service';

export function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** Global guard: every route is public by declaration or restricted to declared roles; nothing else passes. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<TokenRole[]>(ROLES_KEY, targets);
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const actor = await this.authenticate(request);
    request.actor = actor;
    if (!roles) throw new Forbidden('ROUTE_HAS_NO_RULE', 'This route declares no access rule and is closed');
    if (actor.role !== 'admin' && !roles.includes(actor.role as TokenRole)) {
      throw new Forbidden('FORBIDDEN', 'Your role does not allow this action', { role: actor.role, allowed: roles });
    }
    return true;
  }

  /**
   * API clients send `Authorization: Bearer`; the browser pages send the HttpOnly session cookie set at login.
   * A cookie rides along with any request the browser makes, so state-changing calls authenticated by cookie
   * must also carry the custom CSRF header, which another site cannot add (SameSite=Strict is the first wall).
   */
  private async authenticate(request: Request & { actor?: Actor }): Promise<Actor> {
    // An import body's credential was already checked before the body was read (credentialBeforeBody).
    const known = request.actor;
    const bearer = bearerToken(request);
    if (bearer) return known ?? this.tokens.authenticate(bearer);
    const cookie = sessionTokenFromCookie(request);
    if (!cookie) throw new Unauthenticated();
    const actor = known ?? (await this.tokens.authenticate(cookie));
    if (needsCsrfHeader(request.method) && request.headers[CSRF_HEADER] !== '1') {
      throw new Forbidden('CSRF_HEADER_MISSING', `Requests authenticated by the session cookie must send the ${CSRF_HEADER} header`);
    }
    return actor;
  }
}
