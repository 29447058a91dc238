/**
 * The public face of the offboarding feature: all that other features (and the composition root) may import from it.
 * Everything else under src/offboarding/ is private (eslint-rules/feature-boundaries.js).
 */
export { offboardingMigrations } from './migrations';
export { OffboardingCase, OffboardingStep, OffboardingSteps } from './offboarding-step';
export type { OffboardingTrigger } from './offboarding-step';
export { offboardingEntities } from './offboarding.entities';
export { OffboardingModule } from './offboarding.module';
export { OFFBOARDING_ERRORS, OffboardingErrorCode } from './offboarding.errors';
