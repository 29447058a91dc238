/**
 * The public face of the activities feature: all that other features (and the composition root) may import from it.
 * Everything else under src/activities/ is private (eslint-rules/feature-boundaries.js).
 */
export { activitiesEntities } from './activities.entities';
export { ActivitiesModule } from './activities.module';
export { REMOTE_CAPABLE_MODES } from './domain/activity-mode';
export { EligibilityService } from './eligibility.service';
export { EmployeeLookupRepository } from './employee-lookup.repository';
export { activitiesMigrations } from './migrations';
