/**
 * The public face of the auth feature: all that other features (and the composition root) may import from it.
 * Everything else under src/auth/ is private (eslint-rules/feature-boundaries.js).
 */
export { authEntities } from './auth.entities';
export { AuthModule } from './auth.module';
export { credentialBeforeBody } from './credential-before-body';
export { LOGIN_CSRF_DOC, RefuseCrossSiteLogin } from './login-csrf.guard';
export { authMigrations } from './migrations';
export { SessionSubjects } from './session-subjects';
export { TokenProvenance } from './token-provenance';
export { TokenService } from './token.service';
export { AUTH_ERRORS, AuthErrorCode } from './auth.errors';
