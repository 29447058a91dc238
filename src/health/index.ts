/**
 * The public face of the health feature: all that other features (and the composition root) may import from it.
 * Everything else under src/health/ is private (eslint-rules/feature-boundaries.js).
 */
export { HealthController } from './health.controller';
