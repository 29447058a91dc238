/**
 * The public face of the training feature: all that other features (and the composition root) may import from it.
 * Everything else under src/training/ is private (eslint-rules/feature-boundaries.js).
 */
export { trainingEntities } from './training.entities';
export { TrainingModule } from './training.module';
export { TrainingIndicators } from './training-indicators';
export { TRAINING_KINDS, TRAINING_KIND_LABELS } from './domain/training-kind';
export type { TrainingKind } from './domain/training-kind';
export { trainingMigrations } from './migrations';
export { TRAINING_ERRORS, TrainingErrorCode } from './training.errors';
