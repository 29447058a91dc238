/**
 * The public face of the self-service feature (the employee's own records, `/api/v1/me`): all that other features
 * (and the composition root) may import from it. Everything else under src/self-service/ is private.
 */
export { SelfServiceModule } from './self-service.module';
export { SELF_SERVICE_ERRORS, SelfServiceErrorCode } from './self-service.errors';
