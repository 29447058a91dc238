import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { Forbidden } from '../common/errors/domain-error';
import { loginRequestMayBeCrossSite } from './domain/login-csrf';
import { CSRF_HEADER } from './session-cookie';

/** What the OpenAPI description of each login route says about it. */
export const LOGIN_CSRF_DOC = `A form-encoded, multipart or text/plain body without the ${CSRF_HEADER}: 1 header answers 403 CSRF_HEADER_MISSING before anything is looked up (login CSRF).`;

/** Runs before the route's pipes and handler: a refused login looks nothing up and records nothing. */
@Injectable()
export class LoginCsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (loginRequestMayBeCrossSite(request.headers['content-type'], request.headers[CSRF_HEADER])) {
      throw new Forbidden('CSRF_HEADER_MISSING', `Login requests must send a JSON body or the ${CSRF_HEADER} header`);
    }
    return true;
  }
}

/** On the public routes that sign someone in (session, directory login): refuse what a cross-site form can send. */
export function RefuseCrossSiteLogin(): MethodDecorator & ClassDecorator {
  return applyDecorators(UseGuards(LoginCsrfGuard));
}
