import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../common/auth/roles';
import { Unauthenticated } from '../common/errors/domain-error';
import { bearerToken } from './auth.guard';
import { sessionTokenFromCookie } from './session-cookie';
import { TokenService } from './token.service';

/**
 * Express middleware placed before the import body parser (CSV/TSV, up to IMPORT_BODY_LIMIT): a request that
 * carries such a body must present a valid token or session cookie before a byte of the body is read. Without it
 * an anonymous client could make the service read 25 MB per request just to answer 401. The route's guard still
 * decides everything else (role, CSRF header) once the body is in; this only refuses the unauthenticated early.
 * The refusal closes the connection, so the unread body is not waited for.
 */
export function credentialBeforeBody(tokens: TokenService, bodyTypes: string[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.is(bodyTypes)) return next();
    const token = bearerToken(req) ?? sessionTokenFromCookie(req);
    const refuse = (err: unknown) => {
      res.setHeader('Connection', 'close');
      next(err);
    };
    if (!token) return refuse(new Unauthenticated());
    tokens.authenticate(token).then((actor) => {
      (req as Request & { actor?: Actor }).actor = actor; // the guard reuses it: one look-up per request
      next();
    }, refuse);
  };
}
