/**
 * The public face of the activities feature: all that other features (and the composition root) may import from it.
 * Everything else under src/activities/ is private (eslint-rules/feature-boundaries.js).
 */
export { activitiesEntities } from './activities.entities';
export { ActivitiesModule } from './activities.module';
export { REMOTE_CAPABLE_MODES } from './domain/activity-mode';
export { remoteCapableLinksSql } from './domain/activity-mode.sql';
export { EligibilityService } from './eligibility.service';
export type { RemoteCapability } from './domain/eligibility.policy';
export type { ActivityDto } from './dto/activities.dto';
export { activitiesMigrations } from './migrations';
export { ACTIVITIES_ERRORS, ActivitiesErrorCode } from './activities.errors';
